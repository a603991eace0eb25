/**
 * The queue between a process-wide source (the incident feed pump, the position buffer) and one live
 * subscriber: items pushed while the subscriber is busy wait in order; the subscriber's `next()` waits
 * for the next one, and returns undefined once the request is aborted or the session is no longer
 * allowed (re-checked every `recheckMs`: a sign-out or a disabled account ends the stream).
 */
export class LiveQueue<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | null = null;
  private allowed = true;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly poke = () => this.wake?.();

  constructor(
    private readonly signal: AbortSignal | undefined,
    stillAllowed: () => Promise<boolean>,
    recheckMs = 10_000,
  ) {
    this.timer = setInterval(() => {
      void stillAllowed().then((ok) => {
        if (!ok) {
          this.allowed = false;
          this.poke();
        }
      });
    }, recheckMs);
    signal?.addEventListener('abort', this.poke);
  }

  readonly push = (...items: T[]): void => {
    this.items.push(...items);
    this.poke();
  };

  get open(): boolean {
    return this.allowed && !this.signal?.aborted;
  }

  async next(): Promise<T | undefined> {
    while (this.open) {
      const item = this.items.shift();
      if (item !== undefined) return item;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    return undefined;
  }

  close(): void {
    clearInterval(this.timer);
    this.signal?.removeEventListener('abort', this.poke);
  }
}
