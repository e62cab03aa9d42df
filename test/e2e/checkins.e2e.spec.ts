/**
 * Check-ins in a real browser: the coordinator sets the communication plan with the governance on
 * the Roles tab (a plan without a channel is refused beside it); once the agreement is adopted, on a
 * phone, the coordinator records the first check-in from the inbox with an action for Northwind's
 * partner; the Check-ins tab lists it; the partner, on a phone, marks the action done from the inbox.
 * SCREENSHOT_DIR=<folder> saves the screens.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, horizontalOverflow, launchChromium, openPartnership, openTaskFromInbox, PHONE, screenshots, signIn, tab } from '../support/browser.js';
import { DEMO, eventually } from '../support/http.js';
import { agreeRoles, castOf, openTasks, partnershipOf, send, toMeasurement, toRoleIdentification, type Cast } from '../support/lifecycle.js';

const DESKTOP = { width: 1440, height: 900 };
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
/** The partnership on a cadence of seconds, put on hold at the end so its check-ins stop piling into the shared stack's inboxes. */
let onPlan: string | undefined;
afterAll(async () => {
  await browser?.close();
  if (onPlan) await send(cast, cast.coordinator, onPlan, { type: 'PutOnHold', reason: 'The check-in test is over' });
});

const shot = screenshots('checkins');

const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('check-ins', () => {
  it('the coordinator plans and records a check-in; the action’s owner marks it done, on a phone', async () => {
    const { id } = await toRoleIdentification(cast);
    onPlan = id;
    await agreeRoles(cast, id, 'cooperative');
    const name = (await partnershipOf(cast, id)).name as string;

    const desk = await browser.newPage({ viewport: DESKTOP });
    try {
      await signIn(desk, DEMO.coordinator);
      await openPartnership(desk, id);
      const panel = await tab(desk, 'Roles');
      const section = panel.getByRole('region', { name: 'Governance' });
      await section.getByText('No communication plan: no check-ins are planned.').waitFor();
      const every = section.getByRole('group', { name: 'Check-in every' });
      await every.getByRole('spinbutton', { name: 'Check-in every' }).fill('2');
      await choose(desk, every, 'Unit', 'weeks');
      await section.getByRole('button', { name: 'Save governance' }).click();
      await section.getByText('say how the check-ins are held (a call, a meeting)').waitFor();
      await section.getByLabel('Check-in channel').fill('Video call');
      await section.getByRole('button', { name: 'Save governance' }).click();
      await desk.getByText('Governance saved').waitFor();
      await section.getByText(/^A check-in every 2 weeks \(Video call\) with /).waitFor();
      await shot(desk, 'plan-1440');
    } finally {
      await desk.close();
    }
    const record = await partnershipOf(cast, id);
    expect(record.governance.communicationPlan).toEqual({ cadence: 'P2W', channel: 'Video call', organizationIds: expect.arrayContaining([cast.orgs.riverside, cast.orgs.northwind]) });

    // A cadence of seconds, so that the first check-in falls due while the test runs.
    await send(cast, cast.coordinator, id, { type: 'SetGovernance', governance: { ...record.governance, communicationPlan: { ...record.governance.communicationPlan, cadence: 'PT8S' } } });
    await toMeasurement(cast, id);
    await eventually('the first check-in to fall due', async () => ((await openTasks(cast.coordinator, id, 'RECORD_CHECK_IN')).length > 0 ? true : undefined));

    const coordinator = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(coordinator, DEMO.coordinator);
      const dialog = await openTaskFromInbox(coordinator, id, name, 'Record check-in 1 (');
      await dialog.getByText(/^A check-in every 8 seconds \(Video call\) with /).waitFor();
      await dialog.getByRole('button', { name: 'Record check-in' }).click();
      await dialog.getByText('name who attended').waitFor();
      await dialog.getByLabel('Attendees').fill('Rita (Riverside)\nNoah (Northwind)');
      await dialog.getByLabel('Notes').fill('Deliveries run late on Fridays');
      await dialog.getByRole('button', { name: 'Add action' }).click();
      await dialog.getByRole('textbox', { name: /^Action 1( \*)?$/ }).fill('Move the Friday run to Thursday');
      await choose(coordinator, dialog, 'Owner of action 1', 'Noah Partner');
      await dialog.getByLabel('Action 1 due').fill(inDays(7));
      expect(await horizontalOverflow(coordinator)).toBeLessThanOrEqual(0);
      await shot(coordinator, 'record-390');
      await dialog.getByRole('button', { name: 'Record check-in' }).click();
      await coordinator.getByText('Task completed').waitFor();

      await coordinator.setViewportSize(DESKTOP);
      await openPartnership(coordinator, id);
      const panel = await tab(coordinator, 'Check-ins');
      await panel.getByText(/^A check-in every 8 seconds \(Video call\)/).waitFor();
      const entry = panel.getByRole('group', { name: /^Check-in 1, planned for / });
      await entry.getByText(/^Held on /).waitFor();
      await entry.getByText('Attended: Rita (Riverside), Noah (Northwind)').waitFor();
      await entry.getByText(/Move the Friday run to Thursday — Noah Partner, due .*: Open/).waitFor();
      await shot(coordinator, 'list-1440');
    } finally {
      await coordinator.close();
    }

    const northwind = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(northwind, DEMO.partnerNorthwind);
      const dialog = await openTaskFromInbox(northwind, id, 'Check-in action: Move the Friday run to Thursday');
      await dialog.getByText('Attended: Rita (Riverside), Noah (Northwind)').waitFor();
      await dialog.getByLabel('What was done (optional)').fill('Thursday run starts next week');
      expect(await horizontalOverflow(northwind)).toBeLessThanOrEqual(0);
      await shot(northwind, 'action-390');
      await dialog.getByRole('button', { name: 'Mark done' }).click();
      await northwind.getByText('Task completed').waitFor();
      await openPartnership(northwind, id);
      const panel = await tab(northwind, 'Check-ins');
      await panel.getByRole('group', { name: /^Check-in 1, planned for / }).getByText(/Done: Thursday run starts next week/).waitFor();
      expect(await horizontalOverflow(northwind)).toBeLessThanOrEqual(0);
      await shot(northwind, 'list-390');
    } finally {
      await northwind.close();
    }
    expect((await partnershipOf(cast, id)).checkIns[0]).toMatchObject({ status: 'held', actions: [{ status: 'done', note: 'Thursday run starts next week' }] });
  }, 240_000);
});
