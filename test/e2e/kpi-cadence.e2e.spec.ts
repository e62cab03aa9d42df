/**
 * KPI cadence in a real browser: a KPI reported more often than the review cycle falls due between
 * reviews; Riverside's partner opens the report from the inbox on a phone (390 px) and at a desk
 * (1440 px), the form asks for the KPI due only, and the Measurement tab shows the values reported
 * between reviews. SCREENSHOT_DIR=<folder> saves the screens.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchChromium, openPartnership, openTaskFromInbox, PHONE, screenshots, signIn, tab } from '../support/browser.js';
import { DEMO, eventually } from '../support/http.js';
import { agreeRoles, castOf, openTasks, partnershipOf, send, timeline, toMeasurement, toRoleIdentification, type Cast } from '../support/lifecycle.js';

const DESKTOP = { width: 1440, height: 900 };
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
/** The partnership on a cadence of seconds, put on hold at the end so its reports stop piling into Riverside's inbox. */
let reporting: string | undefined;
afterAll(async () => {
  await browser?.close();
  if (reporting) await send(cast, cast.coordinator, reporting, { type: 'PutOnHold', reason: 'The KPI cadence test is over' });
});

const shot = screenshots('kpi-cadence');

describe('KPI cadence', () => {
  it('the partner reports a KPI between reviews from the inbox, on a phone and at a desk, and sees the values in the measures', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');
    const record = await partnershipOf(cast, id);
    const name = record.name as string;
    const kpi = (record.kpis as { id: string; name: string; ownerOrganizationId: string; definedAt: string }[]).find((candidate) => candidate.ownerOrganizationId === cast.orgs.riverside)!;
    const { definedAt: _definedAt, ...definition } = kpi;
    // Every 10 seconds between reviews six months apart, so it falls due while the test runs.
    await send(cast, cast.coordinator, id, { type: 'DefineKpi', kpi: { ...definition, cadence: 'PT10S' } });
    await toMeasurement(cast, id);
    reporting = id;
    const reportsOpen = async () => (await openTasks(cast.riverside, id, 'REPORT_MEASUREMENT')).filter((task) => task.purpose === 'kpi_report');
    await eventually('a report between reviews', async () => ((await reportsOpen()).length > 0 ? true : undefined));

    const phone = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(phone, DEMO.partnerRiverside);
      const dialog = await openTaskFromInbox(phone, id, name, `Report "${kpi.name}" (due `, 'Report measurements · between reviews');
      await dialog.getByRole('heading', { name: /^Values due .* \(between reviews\)$/ }).waitFor();
      await dialog.getByText(/reported more often than the review cycle/).waitFor();
      // Only the KPI due: one number to give.
      await expect.poll(() => dialog.getByRole('spinbutton').count()).toBe(1);
      await dialog.getByText(/reported every 10 seconds/).waitFor();
      await dialog.getByRole('spinbutton', { name: new RegExp(`^${kpi.name.replace(/[()]/g, '\\$&')}`) }).fill('61');
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, 'report-390');
      await dialog.getByRole('button', { name: 'Complete' }).click();
      await phone.getByText('Task completed').waitFor();

      await openPartnership(phone, id);
      const panel = await tab(phone, 'Measurement');
      await panel.getByText(/^Next KPI report between reviews: /).waitFor();
      const card = panel.getByRole('figure', { name: new RegExp(`^KPI ${kpi.name.replace(/[()]/g, '\\$&')}`) });
      await card.getByText(/^Latest 61 %, due .* between reviews$/).waitFor();
      await card.getByText('(1 reported between reviews)').waitFor();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, 'measures-390');
    } finally {
      await phone.close();
    }
    const measured = (await timeline(cast, id)).filter((event) => event.type === 'MeasurementRecorded');
    expect(measured.map((event) => event.payload.measurement)).toEqual([expect.objectContaining({ kpiId: kpi.id, value: 61, plannedAt: expect.any(String), reportedBy: cast.riverside.user.id })]);

    // The next report falls due ten seconds on: the page says whom the partnership waits for.
    await eventually('the next report between reviews', async () => ((await reportsOpen()).length > 0 ? true : undefined));
    const desk = await browser.newPage({ viewport: DESKTOP });
    try {
      await signIn(desk, DEMO.partnerRiverside);
      await openPartnership(desk, id);
      await desk.getByRole('status', { name: 'Waiting for' }).getByText(/^Waiting for Riverside Health Trust to report KPIs due between reviews, due in /).waitFor();
      const dialog = await openTaskFromInbox(desk, id, name, `Report "${kpi.name}" (due `, 'Report measurements · between reviews');
      await dialog.getByRole('heading', { name: /^Values due .* \(between reviews\)$/ }).waitFor();
      await dialog.getByRole('spinbutton').fill('63.5');
      await shot(desk, 'report-1440');
      await dialog.getByRole('button', { name: 'Complete' }).click();
      await desk.getByText('Task completed').waitFor();
      await openPartnership(desk, id);
      const panel = await tab(desk, 'Measurement');
      const card = panel.getByRole('figure', { name: new RegExp(`^KPI ${kpi.name.replace(/[()]/g, '\\$&')}`) });
      await card.getByText(/^Latest 63.5 %, due .* between reviews$/).waitFor();
      await card.getByText('(2 reported between reviews)').waitFor();
      expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
      await shot(desk, 'measures-1440');
    } finally {
      await desk.close();
    }
  }, 240_000);
});
