// A map that keeps its most recently used entries only: the caches of values their key fully determines (a compiled
// scheme by revision, a ranking by the event feed's head) share it.
export class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>()
  private readonly size: number

  constructor (size: number) {
    this.size = size
  }

  /** The value kept for `key`, which becomes the most recently used; undefined when none is kept. */
  get (key: string): V | undefined {
    const found = this.entries.get(key)
    if (found !== undefined) this.keep(key, found)
    return found
  }

  /** Keeps `value` as the most recently used, dropping the least recently used past the size. */
  set (key: string, value: V): void {
    this.keep(key, value)
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!)
  }

  /** Forgets `key` (a value that turned out wrong, such as a failed computation). */
  delete (key: string): void {
    this.entries.delete(key)
  }

  // A Map iterates in insertion order: re-inserting puts the key last, so the first key is the least recently used.
  private keep (key: string, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
  }
}
