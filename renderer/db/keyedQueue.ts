/** Something that runs tasks one at a time per key. */
export interface Serializer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * Runs tasks one at a time per key, in the order they were queued; tasks
 * of different keys run side by side. A failed task does not stop the ones
 * queued after it (each caller gets its own result or error).
 */
export class KeyedQueue implements Serializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves once everything queued for `key` so far has finished. */
  async drain(key: string): Promise<void> {
    await this.tails.get(key);
  }

  /** Keys with work queued or running. */
  busyKeys(): string[] {
    return [...this.tails.keys()];
  }
}
