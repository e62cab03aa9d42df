import { ORGANIZATION_KINDS } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { organizationKindChoices, organizationKindLabel, toOrganizationBody } from './organizationModel';

describe('the organization form', () => {
  it('offers every kind with a label', () => {
    expect(organizationKindChoices.map((choice) => choice.id)).toEqual([...ORGANIZATION_KINDS]);
    expect(organizationKindLabel('public body')).toBe('Public body');
  });

  it('sends only name and kind, whatever the record carries', () => {
    const record = { id: 'o1', name: ' Acme ', kind: 'company' as const, active: true, deactivatedAt: null, createdAt: 'x' };
    expect(toOrganizationBody(record)).toEqual({ name: 'Acme', kind: 'company' });
  });
});
