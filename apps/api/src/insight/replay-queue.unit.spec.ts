import { describe, expect, it } from 'vitest';
import { ReplayQueue, WATCHED_FOR_MS } from './replay-queue.js';

const takeAll = (queue: ReplayQueue, now: number): string[] => {
  const taken: string[] = [];
  for (let job = queue.take(now); job; job = queue.take(now)) taken.push(job.workflowId);
  return taken;
};

describe('the order of background replays', () => {
  it('replays the oldest request first when nobody is waiting on any of them', () => {
    const queue = new ReplayQueue(10);
    queue.enqueue('a', 0);
    queue.enqueue('b', 1_000);
    queue.enqueue('c', 2_000);
    expect(takeAll(queue, 2_000 + 10 * WATCHED_FOR_MS)).toEqual(['a', 'b', 'c']);
  });

  it('puts a partnership someone is waiting on ahead of older ones nobody asks about any more', () => {
    const queue = new ReplayQueue(10);
    for (const [index, id] of ['script-1', 'script-2', 'script-3'].entries()) queue.enqueue(id, index);
    const now = 60_000;
    queue.enqueue('on-screen', now);
    expect(takeAll(queue, now)).toEqual(['on-screen', 'script-1', 'script-2', 'script-3']);
  });

  it('counts asking again, as the console does while a verdict is pending, as waiting', () => {
    const queue = new ReplayQueue(10);
    queue.enqueue('a', 0);
    queue.enqueue('b', 1_000);
    queue.enqueue('c', 2_000);
    const now = 100_000;
    queue.askedAgain('c', now - 4_000);
    queue.askedAgain('b', now);
    // Both watched: the one queued first goes first, so a newer arrival never overtakes someone waiting longer.
    expect(takeAll(queue, now)).toEqual(['b', 'c', 'a']);
  });

  it('stops counting a partnership as watched once nobody has asked about it for a while', () => {
    const queue = new ReplayQueue(10);
    queue.enqueue('a', 0);
    queue.enqueue('b', 1_000);
    expect(queue.take(1_000 + WATCHED_FOR_MS)?.workflowId).toBe('b');
    queue.enqueue('c', 2_000);
    queue.enqueue('d', 3_000);
    expect(queue.take(2_000 + WATCHED_FOR_MS + 1)?.workflowId).toBe('d');
    expect(queue.take(3_000 + WATCHED_FOR_MS + 1)?.workflowId).toBe('a');
  });

  it('keeps one job per partnership and refuses new partnerships once full of watched ones', () => {
    const queue = new ReplayQueue(2);
    const first = queue.enqueue('a', 0);
    expect(queue.enqueue('a', 5)).toBe(first);
    expect(queue.enqueue('b', 10)).toBeDefined();
    expect(queue.enqueue('c', 20)).toBeUndefined();
    expect(queue.size).toBe(2);
    // Asking about one not queued changes nothing.
    queue.askedAgain('c', 30);
    expect(queue.find('c')).toBeUndefined();
    queue.take(30);
    expect(queue.enqueue('c', 40)).toBeDefined();
  });

  it('makes room, when full, by dropping the oldest request nobody is waiting on any more', () => {
    const queue = new ReplayQueue(3);
    queue.enqueue('abandoned-1', 0);
    queue.enqueue('abandoned-2', 1_000);
    const now = 60_000;
    queue.enqueue('watched', now - 5_000);
    expect(queue.enqueue('newcomer', now)).toBeDefined();
    expect(queue.find('abandoned-1')).toBeUndefined();
    expect(takeAll(queue, now)).toEqual(['watched', 'newcomer', 'abandoned-2']);
  });
});
