import { describe, expect, it } from 'vitest';
import {
  accountableChecks,
  everyInWords,
  moveErrors,
  responsibilityGrid,
  toDefineKpiCommand,
  toDefineRolesCommand,
  toSetGovernanceCommand,
} from './rolesModel';
import { fromIsoDuration, TIMER_DURATION_UNITS, toIsoDuration } from './durationModel';

describe('the roles page', () => {
  const goals = [{ rank: 1 }, { rank: 2 }];

  it('turns the grid into DefineRoles and back, leaving blank cells out', () => {
    const roles = [{ organizationId: 'a', goalRank: 1, responsibility: 'accountable' as const }];
    const grid = responsibilityGrid(['a', 'b'], goals, roles);
    expect(grid).toEqual({ a: { '1': 'accountable', '2': '' }, b: { '1': '', '2': '' } });
    expect(toDefineRolesCommand({ ...grid, b: { '1': 'consulted', '2': 'accountable' } })).toEqual({
      type: 'DefineRoles',
      roles: [
        { organizationId: 'a', goalRank: 1, responsibility: 'accountable' },
        { organizationId: 'b', goalRank: 1, responsibility: 'consulted' },
        { organizationId: 'b', goalRank: 2, responsibility: 'accountable' },
      ],
    });
  });

  it('checks exactly one accountable organization per goal', () => {
    const checks = accountableChecks(goals, { a: { '1': 'accountable', '2': 'accountable' }, b: { '1': 'accountable', '2': 'informed' } });
    expect(checks).toEqual([
      { rank: 1, accountable: ['a', 'b'], ok: false },
      { rank: 2, accountable: ['a'], ok: true },
    ]);
  });

  it('types durations as an amount and a unit', () => {
    expect(toIsoDuration({ amount: 30, unit: 'D' })).toBe('P30D');
    expect(toIsoDuration({ amount: '3', unit: 'M' })).toBe('P3M');
    expect(toIsoDuration({ amount: 0, unit: 'D' })).toBe('');
    expect(toIsoDuration({ amount: 2, unit: 'X' })).toBe('');
    expect(fromIsoDuration('P2W')).toEqual({ amount: 2, unit: 'W' });
    expect(fromIsoDuration('PT30S')).toEqual({ amount: null, unit: 'D' });
    // A policy's timers may be seconds; minutes ("TM") and months ("M") stay apart.
    expect(toIsoDuration({ amount: 15, unit: 'TS' })).toBe('PT15S');
    expect(toIsoDuration({ amount: 5, unit: 'TM' })).toBe('PT5M');
    expect(fromIsoDuration('PT15S', TIMER_DURATION_UNITS)).toEqual({ amount: 15, unit: 'TS' });
    expect(fromIsoDuration('P2M', TIMER_DURATION_UNITS)).toEqual({ amount: 2, unit: 'M' });
    expect([everyInWords('P1M'), everyInWords('P2W')]).toEqual(['every month', 'every 2 weeks']);
  });

  it('derives a KPI’s direction and moves the decider’s field errors to the inputs', () => {
    const command = toDefineKpiCommand({ kpi: { name: ' Wait ', ownerOrganizationId: 'a', unit: 'days', baseline: 10, target: 4, cadence: { amount: 1, unit: 'M' }, goalRank: '' } });
    expect(command).toEqual({
      type: 'DefineKpi',
      kpi: { name: 'Wait', ownerOrganizationId: 'a', unit: 'days', baseline: 10, target: 4, direction: 'decrease', cadence: 'P1M', goalRank: null },
    });
    expect(moveErrors({ 'kpi.cadence': 'bad', 'kpi.name': 'x' }, { 'kpi.cadence': 'kpi.cadence.amount' })).toEqual({ 'kpi.cadence.amount': 'bad', 'kpi.name': 'x' });
  });

  it('drops points of contact left blank', () => {
    expect(toSetGovernanceCommand({ governance: { pointsOfContact: { a: 'u1', b: '' }, decisionRule: ' Vote ', escalationPath: 'Sponsor' } })).toEqual({
      type: 'SetGovernance',
      governance: { pointsOfContact: { a: 'u1' }, decisionRule: 'Vote', escalationPath: 'Sponsor' },
    });
  });
});
