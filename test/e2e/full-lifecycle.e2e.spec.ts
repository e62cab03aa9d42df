/**
 * The headline test of the console: one partnership from creation to CLOSED through the browser
 * alone, every step by the person whose step it is, each signed in in a browser of their own —
 * the coordinator creates it (with a review cycle of seconds, entered as an amount and a unit),
 * records and submits the priorities; the sponsor approves them in the inbox; the coordinator
 * records the listening, each partner scores its own organization's row, and both confirm in their
 * inbox; the coordinator records the roles (a rule error from the server lands under its input on
 * the way) and issues the agreement, which the partners read and sign in their inbox; the review
 * cycle opens on its timer, the partners report measurements and health checks, the coordinator
 * decides the review proposing an exit; the sponsor approves it, the partners sign it off, the
 * coordinator completes the wind-down; the page says CLOSED and its timeline names who did what.
 * Last, the auditor sees the closed partnership without a control that changes anything.
 *
 * The API is only read here (for assertions); nothing is sent over it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changingInputsIn, choose, launchChromium, openPartnership, PARTNERSHIP_TABS, signIn, tab } from '../support/browser.js';
import { DEMO } from '../support/http.js';
import { castOf, ORGANIZATION_NAMES, partnershipOf, timeline, type Cast } from '../support/lifecycle.js';
import { nextYear } from '../support/partnerships.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
/** Five people's browsers through every stage, with a real review timer, on a busy two-core machine. */
const WHOLE_METHOD_MS = 420_000;
/** The first review cycle opens this long after the agreement is adopted (and every such span after). */
const REVIEW_CYCLE_SECONDS = 20;
const { riverside: RIVERSIDE, northwind: NORTHWIND } = ORGANIZATION_NAMES;

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

interface Person {
  page: Page;
  errors: string[];
  label: string;
}

/** A browser of one's own (its own storage, so its own sign-in), signed in. */
async function signedIn(email: string, label: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${label}: ${error.message}`));
  await signIn(page, email);
  return { page, errors, label };
}

/** Picks an option of a react-admin (MUI) select by its label. */

const status = (page: Page) => page.getByRole('status', { name: 'Waiting for' });
const stageChip = (page: Page) => page.getByRole('heading', { level: 1 }).locator('xpath=..').locator('[data-stage]');

/** The page's stage chip and its waiting-for line, once both say what is expected (the page is reloaded until they do). */
async function expectPage(page: Page, id: string, stage: string, waiting: RegExp): Promise<void> {
  await expect
    .poll(
      async () => {
        await openPartnership(page, id);
        await status(page).getByRole('alert').first().waitFor();
        return `${await stageChip(page).getAttribute('data-stage')} | ${(await status(page).textContent()) ?? ''}`;
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toMatch(new RegExp(`^${stage} \\| .*${waiting.source}`));
}

/**
 * Opens the person's inbox on one open task (found by its title and, when given, more text of its
 * row such as "cycle 1"), presses `button` and returns the task's dialog. The inbox is fetched
 * again until the task is there: tasks opened by a timer or another person arrive on their own.
 */
async function openTask(page: Page, partnershipName: string, title: string, button: 'Approve' | 'Reject' | 'Complete', also?: string): Promise<Locator> {
  const filter = encodeURIComponent(JSON.stringify({ mine: true, status: 'open', q: partnershipName }));
  let row = page.getByRole('row').filter({ hasText: title });
  if (also) row = row.filter({ hasText: also });
  await expect
    .poll(
      async () => {
        await page.goto(`${inject('apiUrl')}/#/tasks?filter=${filter}&sort=dueAt&order=ASC`);
        await page.reload();
        await page.getByRole('row').or(page.getByText('Nothing waiting for you')).first().waitFor();
        return row.count();
      },
      { timeout: 45_000, interval: 1_000 },
    )
    .toBeGreaterThan(0);
  await row.first().getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/** Completes the dialog with `button` and waits for the inbox to confirm. */
async function finish(page: Page, dialog: Locator, button: string): Promise<void> {
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await page.getByText('Task completed').first().waitFor();
  await dialog.waitFor({ state: 'detached' });
}

/** The page at 1440 and 390 px: nothing may scroll sideways; with SCREENSHOT_DIR set, both are saved to look at. */
async function atBothWidths(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${name} at ${width} px scrolls sideways` }).toBe(0);
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `lifecycle-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function failureShots(people: Person[]): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const person of people) await person.page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-lifecycle-${person.label}.png`), fullPage: true }).catch(() => undefined);
}

describe('the whole method in the console', () => {
  it('takes a partnership from creation to CLOSED, every step by the person whose step it is', async () => {
    const name = `Whole method ${Math.random().toString(36).slice(2, 8)}`;
    const people: Person[] = [];
    try {
      const coordinator = await signedIn(DEMO.coordinator, 'coordinator');
      const sponsor = await signedIn(DEMO.sponsor, 'sponsor');
      const riverside = await signedIn(DEMO.partnerRiverside, 'riverside');
      const northwind = await signedIn(DEMO.partnerNorthwind, 'northwind');
      people.push(coordinator, sponsor, riverside, northwind);
      const partners = [
        { person: riverside, organization: RIVERSIDE },
        { person: northwind, organization: NORTHWIND },
      ];
      const c = coordinator.page;

      // ── Creation: the coordinator, with a review cycle of seconds said as an amount and a unit.
      await c.goto(`${inject('apiUrl')}/#/partnerships/create`);
      const form = c.locator('form');
      await form.getByLabel('Name').first().fill(name);
      await form.getByLabel('Description').fill('Hospitals and a foundation, end to end');
      await choose(c, form, 'Sponsor', cast.sponsor.user.name);
      for (const organization of [RIVERSIDE, NORTHWIND]) {
        await form.getByRole('combobox', { name: 'Organizations' }).fill(organization.split(' ')[0]!);
        await c.getByRole('option', { name: organization }).click();
      }
      const review = form.getByRole('group', { name: 'Review cycle every' });
      await review.getByRole('spinbutton').fill(String(REVIEW_CYCLE_SECONDS));
      await choose(c, review, 'Unit', 'seconds');
      await review.getByText(`${REVIEW_CYCLE_SECONDS} seconds`).waitFor();
      await form.getByRole('group', { name: 'Task due after' }).getByText('7 days').waitFor();
      await atBothWidths(c, 'create');
      await form.getByRole('button', { name: 'Save' }).click();
      await c.getByRole('tablist', { name: 'Stages of the partnership' }).waitFor();
      const id = /#\/partnerships\/([^/]+)\/show/.exec(c.url())?.[1];
      expect(id, c.url()).toBeTruthy();
      const partnershipId = id!;
      expect((await partnershipOf(cast, partnershipId)).policy).toMatchObject({ reviewCycle: `PT${REVIEW_CYCLE_SECONDS}S`, taskDue: 'P7D' });
      await expectPage(c, partnershipId, 'PRIORITY_SETTING', /Waiting for the coordinator to record the goals and submit them to the sponsor/);

      // ── Priorities: two SMART goals; the first tried with a due date in the past, which the server refuses beside it.
      let panel = await tab(c, 'Priorities');
      const goals = [
        ['Cut emergency readmissions', 'readmissions per 1,000 patients', '42', '30'],
        ['Deliver medicine within a day', 'share of deliveries under 24 h (%)', '55', '90'],
      ] as const;
      for (const [index, [title, metric, baseline, target]] of goals.entries()) {
        await panel.getByRole('button', { name: 'Add' }).click();
        const row = panel.locator('.RaSimpleFormIterator-line').nth(index);
        await row.getByLabel('Title').fill(title);
        await row.getByLabel('Metric').fill(metric);
        await row.getByLabel('Baseline').fill(baseline);
        await row.getByLabel('Target').fill(target);
        await row.getByLabel('Due date').fill(index === 0 ? '2020-01-31' : nextYear());
      }
      await panel.getByLabel('Scope').fill('The three counties of the eastern region');
      await panel.getByRole('button', { name: 'Save and submit to sponsor' }).click();
      const firstDue = panel.locator('.RaSimpleFormIterator-line').first().getByLabel('Due date');
      await expect.poll(() => firstDue.getAttribute('aria-invalid')).toBe('true');
      await panel.locator('.RaSimpleFormIterator-line').first().getByText('must be a date in the future').waitFor();
      await firstDue.fill(nextYear());
      await panel.getByRole('button', { name: 'Save and submit to sponsor' }).click();
      await c.getByText('Priorities saved and submitted to the sponsor').waitFor();
      await expectPage(c, partnershipId, 'PRIORITY_SETTING', /Waiting for the sponsor to approve the priorities, due in 7 days/);

      // ── The sponsor approves in the inbox, reading the goals.
      let dialog = await openTask(sponsor.page, name, `Approve the priorities of ${name}`, 'Approve');
      await dialog.getByText('Cut emergency readmissions').waitFor();
      await finish(sponsor.page, dialog, 'Approve');
      await expectPage(c, partnershipId, 'LISTENING', /Waiting for the coordinator to add a stakeholder, record a listening session and collect the alignment scores/);

      // ── Listening: the coordinator records a stakeholder and a session; each partner scores its own row.
      panel = await tab(c, 'Listening');
      await panel.getByLabel('Name').fill('County patients’ council');
      await panel.getByLabel('Interest (1–5)').fill('5');
      await panel.getByRole('button', { name: 'Add stakeholder' }).click();
      await panel.getByText('County patients’ council: interest 5, influence 3').waitFor();
      await panel.getByLabel('Participants (comma or one per line)').fill('Ward managers, drivers');
      await panel.getByLabel('What was heard').fill('Night deliveries miss the pharmacy');
      await panel.getByRole('button', { name: 'Record session' }).click();
      await panel.getByText('Night deliveries miss the pharmacy').waitFor();
      // Each partner fills its own organization's row, and is offered no other.
      for (const [index, { person, organization }] of partners.entries()) {
        await openPartnership(person.page, partnershipId);
        const own = await tab(person.page, 'Listening');
        const other = partners[1 - index]!.organization;
        expect(await own.getByLabel(`${other}, goal 1`).count()).toBe(0);
        await own.getByLabel(`${organization}, goal 1`).selectOption(index === 0 ? '3' : '2');
        await own.getByLabel(`${organization}, goal 2`).selectOption('2');
        await own.getByRole('row').filter({ hasText: organization }).getByRole('button', { name: 'Save row' }).click();
        await person.page.getByText(`Alignment of ${organization} saved`).waitFor();
      }
      await expectPage(c, partnershipId, 'LISTENING', /Waiting for the coordinator to open the listening sign-off/);
      panel = await tab(c, 'Listening');
      await panel.getByRole('button', { name: 'Open listening sign-off' }).click();
      await expectPage(c, partnershipId, 'LISTENING', /to confirm the listening record, due in 7 days/);
      for (const { person } of partners) {
        dialog = await openTask(person.page, name, `Confirm your organization’s view is recorded: ${name}`, 'Approve');
        await dialog.getByText('Night deliveries miss the pharmacy').waitFor();
        await finish(person.page, dialog, 'Confirm');
      }
      await expectPage(c, partnershipId, 'ROLE_IDENTIFICATION', /Waiting for the coordinator to record the responsibilities/);

      // ── Roles, then the agreement.
      panel = await tab(c, 'Roles');
      for (const [organization, goal, responsibility] of [
        [RIVERSIDE, 1, 'accountable'],
        [NORTHWIND, 1, 'responsible'],
        [RIVERSIDE, 2, 'consulted'],
        [NORTHWIND, 2, 'accountable'],
      ] as const) {
        await panel.getByLabel(`${organization}, goal ${goal}`).selectOption(responsibility);
      }
      await panel.getByRole('button', { name: 'Save responsibilities' }).click();
      await c.getByText('Responsibilities saved').waitFor();

      await panel.getByRole('button', { name: 'Add' }).first().click();
      await choose(c, panel, 'Organization', RIVERSIDE);
      await panel.getByLabel('What').fill('Two discharge nurses');
      await panel.getByLabel('Amount').fill('2');
      await panel.getByRole('textbox', { name: 'Unit', exact: true }).first().fill('FTE');
      await panel.getByRole('button', { name: 'Save resources' }).click();
      await panel.getByText(`${RIVERSIDE}: Two discharge nurses (2 FTE)`).waitFor();

      await panel.getByRole('radio', { name: /^Cooperative/ }).check();
      await panel.getByRole('button', { name: 'Choose model' }).click();
      await panel.getByText(/^Cooperative: /).first().waitFor();

      await choose(c, panel, `Point of contact for ${NORTHWIND}`, cast.northwind.user.name);
      await choose(c, panel, `Point of contact for ${RIVERSIDE}`, cast.riverside.user.name);
      await panel.getByLabel('Decision rule').fill('Steering group decides by consensus');
      await panel.getByLabel('Escalation path').fill('Northwind’s contact, then the sponsor');
      // The same path as people, in order: overdue tasks escalate to them instead of up the ladder.
      for (const person of [cast.northwind.user.name, cast.sponsor.user.name]) {
        await panel.getByRole('combobox', { name: 'Escalate to, in order' }).click();
        await c.getByRole('option', { name: person, exact: true }).click();
        await c.keyboard.press('Escape');
      }
      await panel.getByRole('button', { name: 'Save governance' }).click();
      await panel.getByText('Escalation path: Northwind’s contact, then the sponsor').waitFor();
      await panel.getByText(`Escalations go to: ${cast.northwind.user.name} → ${cast.sponsor.user.name}`).first().waitFor();

      await panel.getByLabel('How conflicts are resolved').fill('Talk first, then mediation by the sponsor');
      await panel.getByRole('button', { name: 'Save conflict process' }).click();
      await c.getByText('Conflict process saved').waitFor();

      await panel.getByRole('checkbox', { name: /^Exit/ }).check();
      // A notice of seconds, so the exit below takes effect while the test watches.
      await panel.getByRole('spinbutton', { name: 'Notice period' }).fill('20');
      await choose(c, panel.getByRole('group', { name: 'Notice period' }), 'Unit', 'seconds');
      await panel.getByRole('button', { name: 'Save termination terms' }).click();
      await panel.getByText(/Notice period: 20 seconds\./).waitFor();

      // A KPI whose target equals its baseline: the server's rule error lands under the Target input.
      const kpis = [
        { name: 'Readmissions per 1,000 patients', owner: RIVERSIDE, goal: '1. Cut emergency readmissions', baseline: '42', target: '30', unit: 'per 1,000' },
        { name: 'Deliveries within a day', owner: NORTHWIND, goal: '2. Deliver medicine within a day', baseline: '55', target: '90', unit: '%' },
      ];
      for (const [index, kpi] of kpis.entries()) {
        await panel.getByLabel('Name').fill(kpi.name);
        await choose(c, panel, 'Reported by', kpi.owner);
        await choose(c, panel, 'Measures goal', kpi.goal);
        await panel.getByLabel('Baseline').fill(kpi.baseline);
        await panel.getByLabel('Target').fill(index === 0 ? kpi.baseline : kpi.target);
        await panel.getByRole('textbox', { name: 'Unit', exact: true }).last().fill(kpi.unit);
        await panel.getByRole('button', { name: 'Define KPI' }).click();
        if (index === 0) {
          const target = panel.getByLabel('Target');
          await expect.poll(() => target.getAttribute('aria-invalid')).toBe('true');
          await target.locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]').getByText('must differ from the baseline').waitFor();
          await target.fill(kpi.target);
          await panel.getByRole('button', { name: 'Define KPI' }).click();
        }
        await panel.getByRole('region', { name: `KPI ${kpi.name}` }).or(panel.getByLabel(`KPI ${kpi.name}`)).first().waitFor();
      }

      await expectPage(c, partnershipId, 'ROLE_IDENTIFICATION', /Waiting for the coordinator to issue the agreement/);
      panel = await tab(c, 'Roles');
      await panel.getByRole('button', { name: 'Issue agreement' }).click();
      await expectPage(c, partnershipId, 'ROLE_IDENTIFICATION', /to sign the agreement, due in 7 days/);

      // ── Each partner reads the agreement in its signing task and signs.
      for (const { person } of partners) {
        dialog = await openTask(person.page, name, `Sign the partnering agreement: ${name}`, 'Approve');
        await dialog.getByRole('heading', { name: 'Partnering agreement, version 1' }).waitFor();
        await dialog.getByText('Talk first, then mediation by the sponsor').waitFor();
        await dialog.getByText('Deliveries within a day').first().waitFor();
        await finish(person.page, dialog, 'Sign');
      }
      await expectPage(c, partnershipId, 'MEASUREMENT', /Waiting for review cycle 1, which opens in \d+ seconds|to report measurements for cycle 1/);

      // ── Measurement: the first review cycle opens on its timer; the partners report and answer the health check.
      const values: Record<string, [string, string]> = { [RIVERSIDE]: ['Readmissions per 1,000 patients (per 1,000)', '38'], [NORTHWIND]: ['Deliveries within a day (%)', '70'] };
      for (const { person, organization } of partners) {
        dialog = await openTask(person.page, name, `Report cycle 1 measurements: ${name}`, 'Complete');
        const [label, value] = values[organization]!;
        await dialog.getByLabel(label).fill(value);
        await finish(person.page, dialog, 'Complete');
        dialog = await openTask(person.page, name, `Health check: ${name}`, 'Complete', 'cycle 1');
        for (const [dimension, score] of [['Strategy', '4'], ['Operations', '3'], ['Relationship', '4'], ['Governance', '5']] as const) {
          await choose(person.page, dialog, dimension, score);
        }
        await dialog.getByLabel(/How likely would you recommend/).fill('8');
        await finish(person.page, dialog, 'Complete');
      }

      // ── The coordinator decides the review with the measures in view: goal attainment, and an exit.
      dialog = await openTask(c, name, `Review cycle 1: ${name}`, 'Complete');
      await dialog.getByText('Readmissions per 1,000 patients').first().waitFor();
      await choose(c, dialog, '1. Cut emergency readmissions', '+1 more than expected');
      await choose(c, dialog, '2. Deliver medicine within a day', '0 as expected');
      await choose(c, dialog, 'Outcome', 'Propose a termination');
      await choose(c, dialog, 'Option', 'Exit');
      await dialog.getByLabel('Why').fill('The corridor runs on its own now');
      await finish(c, dialog, 'Decide');
      await expectPage(c, partnershipId, 'TERMINATION', /Waiting for the sponsor to approve the proposed termination/);

      // ── The sponsor approves the exit, reading the reason; the partners sign it off.
      dialog = await openTask(sponsor.page, name, `Approve the proposed exit: ${name}`, 'Approve');
      await dialog.getByText('The corridor runs on its own now').waitFor();
      await finish(sponsor.page, dialog, 'Approve');
      await expectPage(c, partnershipId, 'TERMINATION', /to sign off the termination/);
      for (const { person } of partners) {
        dialog = await openTask(person.page, name, `Sign off the termination decision: ${name}`, 'Approve');
        await finish(person.page, dialog, 'Sign');
      }

      // ── Signed off, the exit waits for the notice period: the partnership carries on, saying when it ends.
      await expectPage(c, partnershipId, 'MEASUREMENT', /Termination takes effect on \d{4}-\d{2}-\d{2} \(exit, after the agreed notice period\)/);

      // ── Wind-down, by whoever each step is assigned to (the coordinator).
      await expectPage(c, partnershipId, 'TERMINATION', /to finish the wind-down/);
      const windDown = (await partnershipOf(cast, partnershipId)).openTasks as { kind: string; detail: string; assignee: { userId?: string } }[];
      expect(windDown.map((task) => task.kind)).toEqual(['WIND_DOWN', 'WIND_DOWN', 'WIND_DOWN']);
      expect(windDown.every((task) => task.assignee.userId === cast.coordinator.user.id)).toBe(true);
      for (const task of windDown) {
        dialog = await openTask(c, name, `Wind-down: ${task.detail} (${name})`, 'Complete');
        await dialog.getByText(task.detail).first().waitFor();
        await finish(c, dialog, 'Mark done');
      }
      await expectPage(c, partnershipId, 'CLOSED', /Nothing: the partnership is closed/);

      // ── The timeline names the people who acted, and every event's actor is the person who did it.
      panel = await tab(c, 'Timeline');
      const events = panel.getByRole('list', { name: 'Events, newest first' }).getByRole('listitem');
      const actor = (session: { user: { name: string; role: string } }) => `${session.user.name} (${session.user.role})`;
      for (const [type, who] of [
        ['PartnershipClosed', actor(cast.coordinator)],
        ['TerminationApproved', actor(cast.sponsor)],
        ['TerminationProposed', actor(cast.coordinator)],
        ['ReviewDecided', actor(cast.coordinator)],
        ['HealthCheckRecorded', actor(cast.northwind)],
      ] as const) {
        await events.filter({ hasText: ` · ${type} · ` }).filter({ hasText: who }).first().waitFor();
      }
      const recorded = await timeline(cast, partnershipId);
      const actors = new Map([cast.coordinator, cast.sponsor, cast.riverside, cast.northwind].map((session) => [session.user.id, session.user]));
      const byType = (type: string) => recorded.filter((event) => event.type === type).map((event) => actors.get(event.actorId)?.email ?? event.actorId);
      expect(byType('PartnershipCreated')).toEqual([DEMO.coordinator]);
      expect(byType('PrioritiesApproved')).toEqual([DEMO.sponsor]);
      expect(byType('AlignmentScored').sort()).toEqual([DEMO.partnerNorthwind, DEMO.partnerRiverside]);
      expect(byType('AgreementSigned').sort()).toEqual([DEMO.partnerNorthwind, DEMO.partnerRiverside]);
      expect(byType('MeasurementRecorded').sort()).toEqual([DEMO.partnerNorthwind, DEMO.partnerRiverside]);
      expect(byType('TerminationApproved')).toEqual([DEMO.sponsor]);
      // The notice timer carries the exit out, not a person.
      expect(byType('TerminationDecided')).toEqual(['system']);
      expect(byType('PartnershipClosed')).toEqual([DEMO.coordinator]);
      // Only the timer's own events have no person behind them.
      const unattributed = recorded.filter((event) => !actors.has(event.actorId)).map((event) => event.type);
      const timersMayAlsoHave = new Set(['TaskCancelled', 'ReminderSent', 'HealthPulseOpened']);
      expect(new Set(unattributed)).toEqual(
        new Set([
          'ReviewCycleOpened',
          'ReviewScheduled',
          'TaskOpened',
          'TerminationNoticeReminderSent',
          'StageAdvanced',
          'TerminationDecided',
          ...unattributed.filter((type) => timersMayAlsoHave.has(type)),
        ]),
      );

      // ── The auditor sees the closed partnership, and nothing that would change it.
      const auditor = await signedIn(DEMO.auditor, 'auditor');
      people.push(auditor);
      await openPartnership(auditor.page, partnershipId);
      await expect.poll(() => stageChip(auditor.page).getAttribute('data-stage')).toBe('CLOSED');
      await expect.poll(() => status(auditor.page).textContent()).toContain('Nothing: the partnership is closed');
      const found: string[] = [];
      for (const label of PARTNERSHIP_TABS) {
        const auditorPanel = await tab(auditor.page, label);
        const fields = await changingInputsIn(auditorPanel);
        if (fields > 0) found.push(`${label}: ${fields} input(s)`);
        // The timeline's pagination only pages; the agreement's "Print" only prints; events open to their payload.
        if (label === 'Timeline') continue;
        const buttons = (await auditorPanel.getByRole('button').allTextContents()).filter((text) => text.trim() !== 'Print');
        if (buttons.length > 0) found.push(`${label}: ${buttons.join(', ')}`);
      }
      expect(found).toEqual([]);
      expect(await auditor.page.getByRole('button', { name: /^(Edit|Delete|Approve|Reject|Complete|Sign|Save|Move due date|Propose termination)$/ }).count()).toBe(0);
      expect(people.flatMap((person) => person.errors)).toEqual([]);
    } catch (error) {
      await failureShots(people);
      const errors = people.flatMap((person) => person.errors);
      throw errors.length > 0 ? new Error(`${String(error)}\npage errors: ${errors.join('\n')}`) : error;
    } finally {
      for (const person of people) await person.page.context().close();
    }
  }, WHOLE_METHOD_MS);
});
