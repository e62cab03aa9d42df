import { describe, expect, it } from 'vitest';
import { accessTo } from './accessModel';

const record = { coordinatorId: 'c1', organizationIds: ['a', 'b'], stage: 'LISTENING' as const };

describe('who may send what on the partnership page', () => {
  it('gives the coordinator of this partnership, and admins, every command', () => {
    expect(accessTo({ id: 'c1', role: 'coordinator', organizationId: 'a' }, record)).toMatchObject({ coordinates: true, sendsCommands: true });
    expect(accessTo({ id: 'x', role: 'admin', organizationId: null }, record).mayScore('b')).toBe(true);
    expect(accessTo({ id: 'c2', role: 'coordinator', organizationId: 'a' }, record)).toMatchObject({ coordinates: false, sendsCommands: false });
  });

  it('lets a partner score its own organization’s row only', () => {
    const access = accessTo({ id: 'p', role: 'partner', organizationId: 'b' }, record);
    expect([access.coordinates, access.mayScore('b'), access.mayScore('a'), access.sendsCommands]).toEqual([false, true, false, true]);
  });

  it('lets the partnership’s sponsor, its partners and its coordinator raise conflicts, nobody else', () => {
    const raises = (viewer: Parameters<typeof accessTo>[0]) => accessTo(viewer, { ...record, sponsorId: 's1' }).raisesConflicts;
    expect(raises({ id: 's1', role: 'sponsor', organizationId: null })).toBe(true);
    expect(accessTo({ id: 's1', role: 'sponsor', organizationId: null }, { ...record, sponsorId: 's1' })).toMatchObject({ coordinates: false, sendsCommands: true });
    expect(raises({ id: 's2', role: 'sponsor', organizationId: null })).toBe(false);
    expect(raises({ id: 'p', role: 'partner', organizationId: 'b' })).toBe(true);
    expect(raises({ id: 'p', role: 'partner', organizationId: 'z' })).toBe(false);
    expect(raises({ id: 'c1', role: 'coordinator', organizationId: null })).toBe(true);
    expect(raises({ id: 'x', role: 'auditor', organizationId: null })).toBe(false);
  });

  it('gives other sponsors, auditors and everyone on a closed partnership no command at all', () => {
    for (const role of ['sponsor', 'auditor'] as const) {
      const access = accessTo({ id: 'c1', role, organizationId: 'a' }, record);
      expect([access.coordinates, access.mayScore('a'), access.sendsCommands]).toEqual([false, false, false]);
    }
    expect(accessTo({ id: 'c1', role: 'coordinator', organizationId: 'a' }, { ...record, stage: 'CLOSED' }).sendsCommands).toBe(false);
  });
});
