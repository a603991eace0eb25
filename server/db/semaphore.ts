/** At most `permits` holders at a time, served in the order they asked (FIFO). */
export class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** Lets pending I/O (a new request, a timer) run before going on: a macrotask turn, not a microtask. */
export const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));
