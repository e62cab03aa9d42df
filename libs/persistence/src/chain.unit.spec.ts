import { describe, expect, it } from 'vitest';
import { eventOf, type EventRow } from './event-row.js';
import { firstBrokenSequence } from './event-store.js';
import { GENESIS_HASH, eventHash } from './hash.js';

const partnershipId = '5d1f6c1e-7a55-4f0e-9a43-2f1e8c0b9d11';

/** A row as appendEvents writes it, chained to `previousHash`. */
function row(sequence: number, previousHash: string, note = `event ${sequence}`): EventRow {
  const unhashed: EventRow = {
    partnership_id: partnershipId,
    sequence,
    type: 'NoteAdded',
    occurred_at: new Date(Date.UTC(2026, 10, sequence)),
    actor_id: 'u1',
    actor_role: 'coordinator',
    actor_organization_id: 'o1',
    payload: { note },
    previous_hash: previousHash,
    hash: '',
    workflow_run_id: 'run',
  };
  return { ...unhashed, hash: eventHash(previousHash, { partnershipId, ...eventOf(unhashed) }) };
}

function log(length: number): EventRow[] {
  const rows: EventRow[] = [];
  for (let sequence = 1; sequence <= length; sequence += 1) rows.push(row(sequence, rows.at(-1)?.hash ?? GENESIS_HASH));
  return rows;
}

describe('the hash chain names the first sequence that is not as written', () => {
  it('finds nothing in an untouched log, nor in a log cut short (that takes a checkpoint)', () => {
    expect(firstBrokenSequence(partnershipId, log(5))).toBeNull();
    expect(firstBrokenSequence(partnershipId, log(5).slice(0, 3))).toBeNull();
  });

  it('names an edited payload', () => {
    const rows = log(5);
    rows[2] = { ...rows[2]!, payload: { note: 'rewritten' } };
    expect(firstBrokenSequence(partnershipId, rows)).toBe(3);
  });

  it('names a deleted row, whether the gap is left or closed by renumbering', () => {
    const rows = log(5);
    expect(firstBrokenSequence(partnershipId, [rows[0]!, rows[2]!, rows[3]!, rows[4]!])).toBe(2);
    const renumbered = [rows[0]!, ...[rows[2]!, rows[3]!, rows[4]!].map((kept, index) => ({ ...kept, sequence: index + 2 }))];
    expect(firstBrokenSequence(partnershipId, renumbered)).toBe(2);
  });

  it('names the first of two swapped rows', () => {
    const rows = log(5);
    const swapped = [rows[0]!, { ...rows[2]!, sequence: 2 }, { ...rows[1]!, sequence: 3 }, rows[3]!, rows[4]!];
    expect(firstBrokenSequence(partnershipId, swapped)).toBe(2);
  });

  it('names a row slipped in with a well-forged hash, by its successor still pointing past it', () => {
    const rows = log(5);
    const forged = row(3, rows[1]!.hash, 'never happened');
    const inserted = [rows[0]!, rows[1]!, forged, ...rows.slice(2).map((later) => ({ ...later, sequence: later.sequence + 1 }))];
    expect(firstBrokenSequence(partnershipId, inserted)).toBe(3);
  });
});
