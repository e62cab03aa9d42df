/**
 * Writes gathered into one SQL statement of data-modifying CTEs: one round trip to PostgreSQL for
 * what used to be a statement each. An append runs for every command, and on a busy machine each
 * round trip costs milliseconds of waiting for a core, whatever the statement does.
 *
 * The CTEs of one statement run on one snapshot and none sees another's rows, so two writes to the
 * same row must not share a statement: a write that names a row (its `touches` key) already written
 * in this batch sends the batch first. Foreign keys are checked at the end of the statement, so a
 * row may refer to one inserted beside it.
 */
import type { EntityManager } from 'typeorm';

export class WriteBatch {
  private values: unknown[] = [];
  private writes: string[] = [];
  private touched = new Set<string>();
  /** Statements sent so far (for the tests that count round trips). */
  sent = 0;

  constructor(private readonly manager: EntityManager) {}

  /**
   * Adds one INSERT, UPDATE or DELETE, written with `param` for each value it carries; sends what
   * is gathered first when `touches` names a row already written in this batch.
   */
  async add(write: (param: (value: unknown) => string) => string, touches?: string): Promise<void> {
    if (touches !== undefined && this.touched.has(touches)) await this.flush();
    if (touches !== undefined) this.touched.add(touches);
    this.writes.push(
      write((value) => {
        this.values.push(value);
        return `$${this.values.length}`;
      }),
    );
  }

  /** Sends what is gathered, as one statement; a write that must see these rows runs after it. */
  async flush(): Promise<void> {
    if (this.writes.length === 0) return;
    const [writes, values] = [this.writes, this.values];
    this.writes = [];
    this.values = [];
    this.touched = new Set();
    this.sent += 1;
    const text = writes.length === 1 ? writes[0]! : `WITH ${writes.map((write, index) => `w${index} AS (${write})`).join(',\n')} SELECT 1`;
    await this.manager.query(text, values);
  }
}

/** One write, into `target`'s batch when it is one, else sent at once. */
export async function sendWrite(target: Pick<EntityManager, 'query'> | WriteBatch, write: (param: (value: unknown) => string) => string, touches?: string): Promise<void> {
  if (target instanceof WriteBatch) return target.add(write, touches);
  const values: unknown[] = [];
  await target.query(
    write((value) => {
      values.push(value);
      return `$${values.length}`;
    }),
    values,
  );
}
