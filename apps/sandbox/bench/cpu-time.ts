// For the bench's children: answers `cpu` over IPC with the CPU time this process has used (µs,
// user + system), so the bench can report each server's CPU per request beside its throughput —
// on a shared machine, throughput moves with everyone else's load; CPU per request much less.

/** Answers each `cpu` message with `{ cpu }`. */
export function answerCpuTime(): void {
  process.on('message', (message: unknown) => {
    if (message !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  });
}
