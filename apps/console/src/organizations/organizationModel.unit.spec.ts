import { ORGANIZATION_KINDS } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { missionByline, organizationKindChoices, organizationKindLabel, toOrganizationBody } from './organizationModel';

describe('the organization form', () => {
  it('offers every kind with a label', () => {
    expect(organizationKindChoices.map((choice) => choice.id)).toEqual([...ORGANIZATION_KINDS]);
    expect(organizationKindLabel('public body')).toBe('Public body');
  });

  it('sends only name, kind and country, whatever the record carries', () => {
    const record = { id: 'o1', name: ' Acme ', kind: 'company' as const, country: 'DE', mission: 'x', missionVersion: 1, active: true, deactivatedAt: null, createdAt: 'x' };
    expect(toOrganizationBody(record)).toEqual({ name: 'Acme', kind: 'company', country: 'DE' });
  });

  it('sends no country as null (weekends only), including one cleared in the form', () => {
    expect(toOrganizationBody({ name: 'Acme', kind: 'company' })).toEqual({ name: 'Acme', kind: 'company', country: null });
    expect(toOrganizationBody({ name: 'Acme', kind: 'company', country: '' })).toEqual({ name: 'Acme', kind: 'company', country: null });
  });

  it('says who wrote a mission version and when', () => {
    expect(missionByline({ version: 2, recordedAt: '2030-01-15T09:00:00.000Z', recordedByName: 'Ada Admin' }, () => '15 Jan')).toBe('Version 2, recorded 15 Jan by Ada Admin');
    expect(missionByline({ version: 1, recordedAt: '2030-01-15T09:00:00.000Z', recordedByName: null }, () => '15 Jan')).toBe('Version 1, recorded 15 Jan');
  });
});
