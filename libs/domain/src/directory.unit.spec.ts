import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, organizationProblem, ownAccountProblem, userChangeProblem } from './directory.js';
import { createOrganizationSchema, createUserSchema, fieldErrors, setPasswordSchema, updateOrganizationSchema, updateUserSchema } from './schemas.js';

const ORG = '0b0c7d4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const PASSWORD = 'x'.repeat(PASSWORD_MIN_LENGTH);

const errorsOf = (result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) => (result.error ? fieldErrors(result.error) : {});

describe('who acts for an organization', () => {
  it('needs one for a partner, forbids one for an admin or auditor, allows either for the others', () => {
    expect(organizationProblem('partner', null)).toMatch(/needs an organization/);
    expect(organizationProblem('partner', ORG)).toBeNull();
    expect(organizationProblem('admin', ORG)).toMatch(/no organization/);
    expect(organizationProblem('auditor', ORG)).toMatch(/no organization/);
    expect(organizationProblem('admin', null)).toBeNull();
    for (const role of ['coordinator', 'sponsor'] as const) {
      expect(organizationProblem(role, null)).toBeNull();
      expect(organizationProblem(role, ORG)).toBeNull();
    }
  });
});

describe('the user schemas', () => {
  it('store the email trimmed and in lower case, with no organization by default', () => {
    const parsed = createUserSchema.parse({ email: ' Ada.Admin@Example.TEST ', name: ' Ada ', role: 'admin', password: PASSWORD });
    expect(parsed).toEqual({ email: 'ada.admin@example.test', name: 'Ada', role: 'admin', organizationId: null, password: PASSWORD });
  });

  it('name each bad field', () => {
    const result = createUserSchema.safeParse({ email: 'not-an-email', name: '', role: 'owner', password: 'short' });
    expect(Object.keys(errorsOf(result)).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(errorsOf(result).password).toBe(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  });

  it('put the role-organization rule on the organization field', () => {
    expect(errorsOf(createUserSchema.safeParse({ email: 'p@x.test', name: 'P', role: 'partner', password: PASSWORD }))).toEqual({
      organizationId: 'a partner representative needs an organization',
    });
    expect(errorsOf(createUserSchema.safeParse({ email: 'a@x.test', name: 'A', role: 'auditor', organizationId: ORG, password: PASSWORD }))).toHaveProperty('organizationId');
  });

  it('refuse an empty or unknown change and keep a password exactly as typed', () => {
    expect(errorsOf(updateUserSchema.safeParse({}))).toEqual({ _: 'send at least one field to change' });
    expect(errorsOf(updateUserSchema.safeParse({ email: 'x@y.test' }))).toHaveProperty('_');
    expect(updateUserSchema.parse({ active: false })).toEqual({ active: false });
    expect(updateUserSchema.parse({ organizationId: null })).toEqual({ organizationId: null });
    expect(setPasswordSchema.parse({ password: ` ${PASSWORD} ` }).password).toBe(` ${PASSWORD} `);
  });
});

describe('the organization schemas', () => {
  it('accept the known kinds only', () => {
    expect(createOrganizationSchema.parse({ name: ' Acme ', kind: 'nonprofit' })).toEqual({ name: 'Acme', kind: 'nonprofit', country: null });
    expect(createOrganizationSchema.parse({ name: 'Acme', kind: 'company', country: 'DE' })).toMatchObject({ country: 'DE' });
    expect(errorsOf(createOrganizationSchema.safeParse({ name: 'Acme', kind: 'club' }))).toHaveProperty('kind');
    expect(errorsOf(updateOrganizationSchema.safeParse({ active: 'no' }))).toHaveProperty('active');
    expect(updateOrganizationSchema.parse({ active: false })).toEqual({ active: false });
  });
});

describe('the rules of changing a user', () => {
  const admin = { role: 'admin' as const, organizationId: null, active: true };
  const sponsor = { role: 'sponsor' as const, organizationId: null, active: true };

  it('keeps an admin from stepping down their own account', () => {
    expect(ownAccountProblem('a', 'a', { active: false })).toMatchObject({ rule: 'own_account', field: 'active' });
    expect(ownAccountProblem('a', 'a', { role: 'auditor' })).toMatchObject({ rule: 'own_account', field: 'role' });
    expect(ownAccountProblem('a', 'a', { role: 'admin' })).toBeNull();
    expect(ownAccountProblem('a', 'b', { active: false })).toBeNull();
  });

  it('keeps the last active admin, and whoever a partnership that is not closed waits for', () => {
    expect(userChangeProblem({ active: false }, { current: admin, otherActiveAdmins: 0, responsibleFor: [] })).toMatchObject({ rule: 'last_admin', field: 'active' });
    expect(userChangeProblem({ active: false }, { current: admin, otherActiveAdmins: 1, responsibleFor: [] })).toBeNull();
    expect(userChangeProblem({ role: 'auditor' }, { current: sponsor, otherActiveAdmins: 1, responsibleFor: [{ name: 'Harbour' }] })).toMatchObject({
      rule: 'still_responsible',
      field: 'role',
      fieldMessage: 'coordinates or sponsors 1 open partnership: Harbour',
    });
    expect(userChangeProblem({ active: true }, { current: { ...sponsor, active: false }, otherActiveAdmins: 1, responsibleFor: [{ name: 'Harbour' }] })).toBeNull();
  });

  it('checks the role against the organization it would have', () => {
    expect(userChangeProblem({ role: 'partner' }, { current: sponsor, otherActiveAdmins: 1, responsibleFor: [] })).toMatchObject({ rule: 'organization', field: 'organizationId' });
  });
});
