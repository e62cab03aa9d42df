/**
 * A process-wide bound on exports running at once. An export holds a partnership's whole log in
 * memory several times (rows, events, the export, the rendered file), so a burst of them could
 * exhaust the API's memory; beyond the bound a request is refused at once with 503 SERVER.BUSY and
 * Retry-After rather than queued, so nothing piles up and the client knows to come back.
 */
import { busyError } from '../http/api-error.js';

/** Two: a dossier of 10,000 events is tens of megabytes in flight; two keep one auditor's HTML and JSON downloads together. */
export const MAX_CONCURRENT_EXPORTS = 2;

export class ExportSlots {
  private running = 0;

  constructor(readonly capacity: number = MAX_CONCURRENT_EXPORTS) {}

  /** Runs `work` in a free slot, freeing it however the work ends; throws SERVER.BUSY when none is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.capacity) throw busyError(`${this.capacity} exports are already running; try again in a few seconds`);
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
    }
  }
}
