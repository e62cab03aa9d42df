import { PASSWORD_MIN_LENGTH, ROLES } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { roleChoices, toUserCreateBody, toUserUpdateBody, validateOrganization, validatePassword } from './userModel';

const ORG = '0b7c3c1e-4a7a-4d7e-9a51-000000000001';

describe('the user forms', () => {
  it('offer every role once', () => {
    expect(roleChoices.map((choice) => choice.id)).toEqual([...ROLES]);
  });

  it('check the organization against the role, as the API does', () => {
    expect(validateOrganization('', { role: 'partner' })).toMatch(/needs an organization/);
    expect(validateOrganization(ORG, { role: 'partner' })).toBeUndefined();
    expect(validateOrganization(ORG, { role: 'auditor' })).toMatch(/no organization/);
    expect(validateOrganization(null, { role: 'coordinator' })).toBeUndefined();
  });

  it('ask for a long enough password', () => {
    expect(validatePassword('short')).toBe(`At least ${PASSWORD_MIN_LENGTH} characters`);
    expect(validatePassword('x'.repeat(PASSWORD_MIN_LENGTH))).toBeUndefined();
  });

  it('send only what the API takes, a cleared organization as null', () => {
    expect(toUserCreateBody({ email: ' a@b.test ', name: ' Ada ', role: 'admin', organizationId: '', password: 'p' })).toEqual({
      email: 'a@b.test',
      name: 'Ada',
      role: 'admin',
      organizationId: null,
      password: 'p',
    });
    const record = { id: 'u1', email: 'a@b.test', name: 'Ada', role: 'partner' as const, organizationId: ORG, active: true, createdAt: 'x' };
    expect(toUserUpdateBody(record)).toEqual({ name: 'Ada', role: 'partner', organizationId: ORG });
  });
});
