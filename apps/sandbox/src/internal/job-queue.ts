// The queue: IN_QUEUE → IN_PROGRESS → COMPLETED or FAILED, run by a fixed number of workers on
// the clock's timers (clock.ts: a test moves time itself). At most `maxJobs` jobs are kept, live and finished together,
// so memory stays flat. Only finished jobs are ever evicted: they expire `jobTtlMs` after they settled, and past the
// cap the one that settled first goes. A job still queued or running is never dropped; when the cap is
// all live jobs, a new submit is refused with QUEUE_LIMIT_EXCEEDED (as the per-key limit is).
import { randomBytes } from 'node:crypto';
import { BoundedMap, CatalogError } from '@errata/server';
import type { components } from '@errata/types';
import type { ModelDefinition } from '../seed.js';
import { type Clock, systemClock } from './clock.js';
import { execute, type ModelOutcome } from './models.js';

type JobState = components['schemas']['RequestState'];

export interface Job {
  id: string;
  accountId: string;
  model: ModelDefinition;
  input: Record<string, unknown>;
  state: JobState;
  startedAt?: number;
  durationMs: number;
  outcome?: ModelOutcome;
  cancelled: boolean;
  logs: { timestamp: string; level: 'info' | 'error'; message: string }[];
}

export interface QueueOptions {
  workers: number;
  jobDurationMs: number;
  maxJobs: number;
  jobTtlMs: number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A request id matching the spec's RequestId pattern (`req_` and 20 alphanumerics). */
export function newRequestId(prefix = 'req_'): string {
  return prefix + Array.from(randomBytes(20), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

export class JobQueue {
  /** Queued or running jobs: never evicted. */
  private readonly live = new Map<string, Job>();
  /** Finished jobs, in the order they settled (the BoundedMap's time is the settling time). */
  private readonly finished: BoundedMap<string, Job>;
  private readonly waiting: Job[] = [];
  private readonly inProgress = new Set<Job>();
  /** Queued or running jobs per account: the queue limit is checked on every submit, so it is O(1). */
  private readonly activeCounts = new Map<string, number>();
  /** Cancels the running jobs' timers. */
  private readonly timers = new Set<() => void>();

  constructor(
    private readonly options: QueueOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.finished = new BoundedMap(options.maxJobs, options.jobTtlMs, () => clock.now());
  }

  /** Jobs kept, live and finished: never more than `maxJobs`. */
  get size(): number {
    return this.live.size + this.finished.size;
  }

  /** Queues a job; QUEUE_LIMIT_EXCEEDED when the store is full of jobs that have not finished. */
  submit(accountId: string, model: ModelDefinition, input: Record<string, unknown>): Job {
    this.makeRoom(1);
    if (this.size >= this.options.maxJobs) {
      // A slot frees when a job finishes: about one job duration away.
      throw new CatalogError('QUEUE_LIMIT_EXCEEDED', {
        params: { limit: this.options.maxJobs },
        retryAfter: Math.max(1, Math.ceil(this.options.jobDurationMs / 1000)),
      });
    }
    const job: Job = {
      id: newRequestId(),
      accountId,
      model,
      input,
      state: 'IN_QUEUE',
      durationMs: this.options.jobDurationMs * (model.behaviour === 'slow' ? 5 : 1),
      cancelled: false,
      logs: [],
    };
    this.log(job, 'info', 'Queued.');
    this.live.set(job.id, job);
    this.waiting.push(job);
    this.activeCounts.set(accountId, (this.activeCounts.get(accountId) ?? 0) + 1);
    // Start it after the caller has answered: a submit answers IN_QUEUE, as QueuedRequest requires.
    queueMicrotask(() => this.pump());
    return job;
  }

  get(id: string): Job | undefined {
    return this.live.get(id) ?? this.finished.get(id);
  }

  /** How many jobs of this account are queued or running. */
  activeCount(accountId: string): number {
    return this.activeCounts.get(accountId) ?? 0;
  }

  cancel(job: Job): void {
    const index = this.waiting.indexOf(job);
    if (index >= 0) this.waiting.splice(index, 1);
    job.cancelled = true;
    this.settled(job);
    job.state = 'FAILED';
    job.outcome = { failure: 'Cancelled by the client' };
    this.log(job, 'info', 'Cancelled.');
  }

  position(job: Job): number {
    return Math.max(0, this.waiting.indexOf(job));
  }

  /** Seconds until the job should be done: a hint for polling. */
  eta(job: Job): number | undefined {
    const { workers, jobDurationMs } = this.options;
    if (job.state === 'IN_PROGRESS') return Math.max(0, (job.startedAt! + job.durationMs - this.clock.now()) / 1000);
    if (job.state === 'IN_QUEUE')
      return ((Math.floor(this.position(job) / workers) + 1) * jobDurationMs + job.durationMs) / 1000;
    return undefined;
  }

  close(): void {
    this.waiting.length = 0;
    this.live.clear();
    this.inProgress.clear();
    this.activeCounts.clear();
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  private pump(): void {
    while (this.inProgress.size < this.options.workers && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.inProgress.add(job);
      job.state = 'IN_PROGRESS';
      job.startedAt = this.clock.now();
      this.log(job, 'info', 'Started.');
      const cancel = this.clock.setTimeout(() => {
        this.timers.delete(cancel);
        this.inProgress.delete(job);
        if (!job.cancelled) this.finish(job);
        this.pump();
      }, job.durationMs);
      this.timers.add(cancel);
    }
  }

  /** Evicts finished jobs, the first settled first, until `count` more fit under the cap. */
  private makeRoom(count: number): void {
    this.finished.prune();
    while (this.size + count > this.options.maxJobs) if (!this.finished.deleteOldest()) break;
  }

  private settled(job: Job): void {
    // From now on the job is finished: its TTL counts from here.
    if (this.live.delete(job.id)) {
      this.finished.set(job.id, job);
      this.makeRoom(0);
    }
    const left = (this.activeCounts.get(job.accountId) ?? 1) - 1;
    if (left > 0) this.activeCounts.set(job.accountId, left);
    else this.activeCounts.delete(job.accountId);
  }

  private finish(job: Job): void {
    this.settled(job);
    job.outcome = execute(job.model, job.input);
    job.state = job.outcome.failure ? 'FAILED' : 'COMPLETED';
    this.log(job, job.outcome.failure ? 'error' : 'info', job.outcome.failure ?? 'Completed.');
  }

  private log(job: Job, level: 'info' | 'error', message: string): void {
    job.logs.push({ timestamp: new Date(this.clock.now()).toISOString(), level, message });
  }
}
