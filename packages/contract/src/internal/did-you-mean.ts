// The closest of a few known names to a misspelled one, for error messages ("did you mean triggers?").

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * ` (did you mean "x"?)` for the known name nearest to `name`, or '' when none is near enough
 * (within 40% of its length, case ignored).
 *
 * @example
 * didYouMean('trigers', ['triggers', 'auth']); // ' (did you mean "triggers"?)'
 */
export function didYouMean(name: string, known: Iterable<string>): string {
  let best: { name: string; d: number } | undefined;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.d) best = { name: candidate, d };
  }
  return best && best.d <= Math.max(2, Math.ceil(name.length * 0.4))
    ? ` (did you mean ${JSON.stringify(best.name)}?)`
    : '';
}
