/**
 * Administration of organizations and users over HTTP against the real stack: only an admin
 * writes, every bad field is named, duplicates are 409s, and a deactivated user can neither sign
 * in nor keep using an earlier token, while past events still carry their name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, listQuery, login, request, type Reply, type Session } from '../support/http.js';
import { testDirectory } from '../support/directory.js';

const PASSWORD = 'correct horse battery';
const UNKNOWN_ID = '7d9f0a5e-1c55-4b8e-8d3f-00000000dead';
const directory = testDirectory('directory');
let admin: Session;
let coordinator: Session;
let sponsorId: string;

const put = (session: Session | string, path: string, body: unknown): Promise<Reply> =>
  request('PUT', path, { token: typeof session === 'string' ? session : session.token, body });
const signIn = (email: string, password: string) => request('POST', '/api/auth/login', { body: { email, password } });

async function createOrganization(name = directory.organizationName('Harbour Trust')) {
  const reply = await admin.post('/api/organizations', { name, kind: 'nonprofit' });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; name: string; kind: string; active: boolean };
}

async function createUser(fields: { role: string; organizationId?: string | null; name?: string; password?: string }) {
  const email = directory.email(fields.role);
  const reply = await admin.post('/api/users', { email, name: fields.name ?? `Test ${fields.role}`, password: PASSWORD, ...fields });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; email: string; name: string; role: string; organizationId: string | null; active: boolean };
}

/** The demo's organizations, not those another test of this file made. */
async function demoOrganizationIds(): Promise<string[]> {
  const organizations = (await coordinator.get(`/api/organizations?${listQuery({ active: true })}`)).body as { id: string; name: string }[];
  return organizations.filter((organization) => !directory.owns(organization.name)).map((organization) => organization.id);
}

beforeAll(async () => {
  [admin, coordinator] = await Promise.all([login(DEMO.admin), login(DEMO.coordinator)]);
  sponsorId = (await login(DEMO.sponsor)).user.id;
});
afterAll(async () => {
  await directory.remove();
});

describe('organizations', () => {
  it('are created and changed by an admin, and listed with their state', async () => {
    const created = await createOrganization();
    expect(created).toMatchObject({ kind: 'nonprofit', active: true });
    const renamed = directory.organizationName('Harbour Trust renamed');
    const changed = await put(admin, `/api/organizations/${created.id}`, { name: renamed, kind: 'public body' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.id, name: renamed, kind: 'public body', active: true, deactivatedAt: null });
    const listed = (await coordinator.get(`/api/organizations?${listQuery({ id: [created.id] })}`)).body as { name: string }[];
    expect(listed.map((organization) => organization.name)).toEqual([renamed]);
  });

  it('name each malformed field, and refuse an empty change', async () => {
    const reply = await admin.post('/api/organizations', { name: '  ', kind: 'club', webhookUrl: 'x' });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('REQUEST.MALFORMED');
    expect(Object.keys(reply.body.errors).sort()).toEqual(['_', 'kind', 'name']);
    const { id } = await createOrganization();
    expect((await put(admin, `/api/organizations/${id}`, {})).body.errors).toEqual({ _: 'send at least one field to change' });
  });

  it('answer 409 for a name another organization has, whatever its case', async () => {
    const first = await createOrganization();
    const reply = await admin.post('/api/organizations', { name: first.name.toUpperCase(), kind: 'company' });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('DIRECTORY.ORGANIZATION_NAME_TAKEN');
    expect(reply.body.errors).toHaveProperty('name');
    const second = await createOrganization();
    expect((await put(admin, `/api/organizations/${second.id}`, { name: first.name })).status).toBe(409);
  });

  it('answer 404 for an unknown or impossible id', async () => {
    expect((await put(admin, `/api/organizations/${UNKNOWN_ID}`, { kind: 'company' })).status).toBe(404);
    expect((await put(admin, '/api/organizations/not-an-id', { kind: 'company' })).body.code).toBe('RESOURCE.NOT_FOUND');
  });

  it('once deactivated, stay readable but take no new member or partnership', async () => {
    const organization = await createOrganization();
    const deactivated = await put(admin, `/api/organizations/${organization.id}`, { active: false });
    expect(deactivated.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    expect((await coordinator.get(`/api/organizations/${organization.id}`)).body.active).toBe(false);
    const inactive = (await coordinator.get(`/api/organizations?${listQuery({ active: false })}`)).body as { id: string }[];
    expect(inactive.map((row) => row.id)).toContain(organization.id);

    const user = await admin.post('/api/users', { email: directory.email('partner'), name: 'P', role: 'partner', organizationId: organization.id, password: PASSWORD });
    expect(user.status).toBe(422);
    expect(user.body).toMatchObject({ code: 'DIRECTORY.UNKNOWN_ORGANIZATION', errors: { organizationId: expect.stringContaining('deactivated') } });

    const [demo] = await demoOrganizationIds();
    const partnership = await coordinator.post('/api/partnerships', { name: 'With a closed organization', sponsorId, organizationIds: [demo, organization.id] });
    expect(partnership.status).toBe(422);
    expect(partnership.body.errors.organizationIds).toContain(organization.id);

    expect((await put(admin, `/api/organizations/${organization.id}`, { active: true })).body).toMatchObject({ active: true, deactivatedAt: null });
  });

  it('are written by admins only', async () => {
    const { id } = await createOrganization();
    expect((await coordinator.post('/api/organizations', { name: directory.organizationName('Nope'), kind: 'company' })).status).toBe(403);
    const reply = await put(coordinator, `/api/organizations/${id}`, { active: false });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('users', () => {
  it('are created with a password that signs them in, and never show a hash', async () => {
    const organization = await createOrganization();
    const user = await createUser({ role: 'partner', organizationId: organization.id });
    expect(user).toMatchObject({ role: 'partner', organizationId: organization.id, active: true });
    const listed = (await coordinator.get(`/api/users?${listQuery({})}`)).body as Record<string, unknown>[];
    for (const record of [user, (await coordinator.get(`/api/users/${user.id}`)).body, ...listed]) {
      expect(Object.keys(record).filter((key) => /password|hash/i.test(key))).toEqual([]);
    }
    const signedIn = await signIn(user.email.toUpperCase(), PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: 'partner', organizationId: organization.id });
  });

  it('name each malformed field, including the role-organization rule', async () => {
    const reply = await admin.post('/api/users', { email: 'not-an-email', name: '', role: 'owner', password: 'short' });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.errors).sort()).toEqual(['email', 'name', 'password', 'role']);
    const partner = await admin.post('/api/users', { email: directory.email('partner'), name: 'P', role: 'partner', password: PASSWORD });
    expect(partner.body.errors).toEqual({ organizationId: 'a partner representative needs an organization' });

    const organization = await createOrganization();
    const user = await createUser({ role: 'partner', organizationId: organization.id });
    const toAuditor = await put(admin, `/api/users/${user.id}`, { role: 'auditor' });
    expect(toAuditor.status).toBe(400);
    expect(toAuditor.body.errors).toEqual({ organizationId: 'an auditor belongs to no organization' });
    expect((await put(admin, `/api/users/${user.id}`, { role: 'auditor', organizationId: null })).body).toMatchObject({ role: 'auditor', organizationId: null });
  });

  it('answer 409 for an email another user has, whatever its case', async () => {
    const reply = await admin.post('/api/users', { email: DEMO.coordinator.toUpperCase(), name: 'Twin', role: 'coordinator', password: PASSWORD });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'DIRECTORY.EMAIL_TAKEN', errors: { email: expect.any(String) } });
  });

  it('answer 404 for an unknown id', async () => {
    expect((await put(admin, `/api/users/${UNKNOWN_ID}`, { name: 'Nobody' })).status).toBe(404);
    expect((await put(admin, `/api/users/${UNKNOWN_ID}/password`, { password: PASSWORD })).status).toBe(404);
  });

  it('are written by admins only: a coordinator gets 403 on every write', async () => {
    const user = await createUser({ role: 'coordinator' });
    expect((await coordinator.post('/api/users', { email: directory.email('x'), name: 'X', role: 'admin', password: PASSWORD })).status).toBe(403);
    expect((await put(coordinator, `/api/users/${user.id}`, { role: 'admin' })).status).toBe(403);
    expect((await put(coordinator, `/api/users/${user.id}/password`, { password: PASSWORD })).status).toBe(403);
  });

  it('get a new password that replaces the old one', async () => {
    const user = await createUser({ role: 'sponsor' });
    const tooShort = await put(admin, `/api/users/${user.id}/password`, { password: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors).toHaveProperty('password');
    const reset = await put(admin, `/api/users/${user.id}/password`, { password: 'a brand new passphrase' });
    expect(reset.status).toBe(204);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, 'a brand new passphrase')).status).toBe(200);
    // Sponsors form the steering group: leave none behind active.
    await put(admin, `/api/users/${user.id}`, { active: false });
  });

  it('end the sessions signed in before a new password is set', async () => {
    const user = await createUser({ role: 'auditor' });
    const { token } = (await signIn(user.email, PASSWORD)).body as { token: string };
    expect((await request('GET', '/api/me', { token })).status).toBe(200);
    // Tokens carry their time in whole seconds: set the password in the next second.
    await new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() % 1000)));
    expect((await put(admin, `/api/users/${user.id}/password`, { password: 'a brand new passphrase' })).status).toBe(204);
    expect(await request('GET', '/api/me', { token })).toMatchObject({ status: 401, body: { code: 'AUTH.PASSWORD_CHANGED' } });
    const fresh = (await signIn(user.email, 'a brand new passphrase')).body as { token: string };
    expect((await request('GET', '/api/me', { token: fresh.token })).status).toBe(200);
  });

  it('refuse to deactivate or re-role a coordinator or sponsor of a partnership that is not closed', async () => {
    const sponsor = await createUser({ role: 'sponsor', name: 'Stella Sponsor' });
    const organizationIds = (await demoOrganizationIds()).slice(0, 2);
    const created = await coordinator.post('/api/partnerships', { name: `Sponsored by Stella ${Date.now()}`, sponsorId: sponsor.id, organizationIds });
    expect(created.status).toBe(201);
    for (const change of [{ active: false }, { role: 'auditor', organizationId: null }]) {
      const refused = await put(admin, `/api/users/${sponsor.id}`, change);
      expect(refused, JSON.stringify(change)).toMatchObject({ status: 422, body: { code: 'DIRECTORY.STILL_RESPONSIBLE' } });
      expect(Object.values(refused.body.errors as Record<string, string>)[0]).toContain(created.body.name);
    }
    expect((await put(admin, `/api/users/${sponsor.id}`, { name: 'Stella S. Sponsor' })).status).toBe(200);
    // Hold it, so its timers stop chasing a sponsor this test leaves behind.
    await coordinator.post(`/api/partnerships/${created.body.id}/commands`, { type: 'PutOnHold', reason: 'test over' });
  });

  it('never leave the directory without an active admin, even when two admins deactivate each other at once', async () => {
    const demoAdminId = admin.user.id;
    const [first, second] = [await createUser({ role: 'admin' }), await createUser({ role: 'admin' })];
    const [firstToken, secondToken] = await Promise.all([first, second].map(async (user) => ((await signIn(user.email, PASSWORD)).body as { token: string }).token));
    try {
      // Only the two new admins are left active…
      expect((await put(firstToken!, `/api/users/${demoAdminId}`, { active: false })).status).toBe(200);
      // …and each deactivates the other at the same moment: one must lose.
      const answers = await Promise.all([put(firstToken!, `/api/users/${second.id}`, { active: false }), put(secondToken!, `/api/users/${first.id}`, { active: false })]);
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
      const loser = answers.find((answer) => answer.status !== 200)!;
      expect(['DIRECTORY.LAST_ADMIN', 'AUTH.DEACTIVATED']).toContain(loser.body.code);
      const admins = (await coordinator.get(`/api/users?${listQuery({ role: 'admin', active: true })}`)).body as { id: string }[];
      expect(admins.filter((user) => user.id === first.id || user.id === second.id)).toHaveLength(1);
    } finally {
      await directory.reactivate(demoAdminId);
    }
  });

  it('once deactivated, cannot sign in, lose their earlier token, and keep their name on past events', async () => {
    const user = await createUser({ role: 'coordinator', name: 'Dora Departed' });
    const session = (await signIn(user.email, PASSWORD)).body as { token: string };
    const organizationIds = (await demoOrganizationIds()).slice(0, 2);
    // She starts it for the demo coordinator: a partnership she coordinated would keep her from being deactivated.
    const created = await request('POST', '/api/partnerships', {
      token: session.token,
      body: { name: 'Started by Dora', sponsorId, coordinatorId: coordinator.user.id, organizationIds },
    });
    expect(created.status).toBe(201);

    expect((await put(admin, `/api/users/${user.id}`, { active: false })).body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });

    const oldToken = await request('GET', '/api/me', { token: session.token });
    expect(oldToken.status).toBe(401);
    expect(oldToken.body.code).toBe('AUTH.DEACTIVATED');
    const again = await signIn(user.email, PASSWORD);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('AUTH.DEACTIVATED');
    // A wrong password says nothing about the account.
    expect((await signIn(user.email, 'not the password at all')).body.code).toBe('AUTH.UNAUTHENTICATED');

    const events = (await coordinator.get(`/api/events?${listQuery({ partnershipId: created.body.id })}`)).body as { actorName: string }[];
    expect(events[0]?.actorName).toBe('Dora Departed');
    expect((await coordinator.get(`/api/users?${listQuery({ id: [user.id] })}`)).body).toMatchObject([{ name: 'Dora Departed', active: false }]);
    // No new partnership names a deactivated person.
    const named = await coordinator.post('/api/partnerships', { name: 'Coordinated by Dora', sponsorId, coordinatorId: user.id, organizationIds });
    expect(named.status).toBe(422);
    expect(named.body.errors).toHaveProperty('coordinatorId');

    expect((await put(admin, `/api/users/${user.id}`, { active: true })).status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
  });

  it('take a role change on the next request, even with an earlier token', async () => {
    const user = await createUser({ role: 'coordinator' });
    const { token } = (await signIn(user.email, PASSWORD)).body as { token: string };
    await put(admin, `/api/users/${user.id}`, { role: 'auditor' });
    const me = await request('GET', '/api/me', { token });
    expect(me.body.role).toBe('auditor');
    expect((await request('POST', '/api/partnerships', { token, body: {} })).status).toBe(403);
  });

  it('keep an admin from deactivating or demoting their own account', async () => {
    for (const change of [{ active: false }, { role: 'coordinator' }]) {
      const reply = await put(admin, `/api/users/${admin.user.id}`, change);
      expect(reply.status).toBe(422);
      expect(reply.body.code).toBe('DIRECTORY.OWN_ACCOUNT');
    }
    expect((await signIn(DEMO.admin, 'demo-password')).status).toBe(200);
  });
});
