// A fixed-capacity buffer that forgets its oldest item when full.
export interface Ring<T> {
  /** Adds an item; returns the item evicted to make room, if any. */
  push(item: T): T | undefined;
  newestFirst(): Iterable<T>;
  /** Oldest first. */
  toArray(): T[];
  clear(): void;
  readonly length: number;
}

export function createRing<T>(capacity: number): Ring<T> {
  let items: T[] = [];
  let start = 0;
  let length = 0;
  return {
    push(item) {
      if (capacity <= 0) return item;
      if (length < capacity) {
        items[(start + length) % capacity] = item;
        length++;
        return undefined;
      }
      const evicted = items[start];
      items[start] = item;
      start = (start + 1) % capacity;
      return evicted;
    },
    *newestFirst() {
      for (let i = length - 1; i >= 0; i--) yield items[(start + i) % capacity]!;
    },
    toArray() {
      const out: T[] = [];
      for (let i = 0; i < length; i++) out.push(items[(start + i) % capacity]!);
      return out;
    },
    clear() {
      items = [];
      start = 0;
      length = 0;
    },
    get length() {
      return length;
    },
  };
}
