/**
 * A process-wide cap on work that is heavy for the whole API (it holds pooled connections, or the
 * event loop, or a remote service): at most `capacity` run at once, a caller waits a bounded time
 * for its turn, and is refused rather than queued without bound.
 */
export type Release = () => void;

export class Admission {
  private running = 0;
  private readonly waiting: { admit: (release: Release) => void }[] = [];

  constructor(
    private readonly capacity: number,
    /** Callers waiting beyond this many are refused at once. */
    private readonly maxWaiting = 16,
  ) {}

  /** A release to call once done (more calls are ignored), or null when no turn came within `waitMs`. */
  enter(waitMs: number): Promise<Release | null> {
    if (this.running < this.capacity) return Promise.resolve(this.admit());
    if (waitMs <= 0 || this.waiting.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = {
        admit: (release: Release) => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        resolve(null);
      }, waitMs);
      this.waiting.push(waiter);
    });
  }

  private admit(): Release {
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The turn passes straight to the next waiter, so a newcomer cannot slip in between.
      if (next) next.admit(this.passOn());
      else this.running -= 1;
    };
  }

  private passOn(): Release {
    this.running -= 1;
    return this.admit();
  }
}
