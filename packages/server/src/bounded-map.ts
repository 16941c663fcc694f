/**
 * A Map that never grows past `max` entries (the oldest go first) and forgets entries older than
 * `ttlMs`: every per-key store of the kit is one, so memory stays flat whatever clients send. Use
 * it for your own per-caller state too.
 *
 * @example
 * const seen = new BoundedMap<string, number>(10_000, 60_000);
 * seen.set('team-a', 1);
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();

  constructor(
    readonly max: number,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    this.prune();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Removes the oldest entry; false when there is none. */
  deleteOldest(): boolean {
    const oldest = this.entries.keys().next();
    if (oldest.done) return false;
    this.entries.delete(oldest.value);
    return true;
  }

  *values(): IterableIterator<V> {
    for (const entry of this.entries.values()) yield entry.value;
  }

  /** Drops expired entries, and the oldest past the cap. */
  prune(): void {
    const cutoff = this.now() - this.ttlMs;
    // Insertion order is age order, so expired entries are at the front.
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.max && entry.at >= cutoff) break;
      this.entries.delete(key);
    }
  }
}
