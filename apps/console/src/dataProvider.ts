/**
 * The console's one way to the API: react-admin's simple REST dialect on '/api', plus the
 * endpoints that are not CRUD (a partnership command, a task completion, a partnership's measures,
 * marking notifications read, setting a password, the diff of two moments, what a timeline can be
 * filtered by, the proof the record is whole, a partnership's export as a file). The deadline ledger
 * and the access log are ordinary lists ('deadlines', 'access-log'). A partnership read with
 * `meta: {at}` is its record as of that point of its log (the replay of its page).
 */
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider, type GetOneParams, type GetOneResult, type Identifier, type RaRecord } from 'react-admin';
import { toHttpError } from './apiError';
import { readToken } from './session';
import type { MarkReadTarget } from './notifications/notificationModel';
import type { Measures } from './partnerships/measuresModel';
import type { AgreementVersion, AlignmentMission, EventFacets, MissionVersion, ExportFormat, NamedStateDiff, NotificationPreference, ProofReport } from '@pe/domain';
import type { CommandResult, PartnershipCommand } from './partnerships/partnershipModel';
import type { TaskCompletion, TaskCompletionResult } from './tasks/taskModel';

/** Relative, so the same build works behind the API's own server and behind vite's dev proxy. */
export const API_URL = '/api';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

/**
 * fetch + JSON + bearer token. Unlike fetchUtils.fetchJson it keeps the API's error body whole
 * (code and field errors), so forms and notifications can show what exactly was wrong.
 */
export async function fetchJson(url: string, options: fetchUtils.Options = {}): Promise<HttpResponse> {
  const headers = fetchUtils.createHeadersFromOptions(options);
  const token = readToken();
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(url, { ...options, headers });
  const body = await response.text();
  const json = parseJson(body);
  if (!response.ok) throw toHttpError(response.status, response.statusText, json, response.headers.get('Retry-After'));
  return { status: response.status, headers: response.headers, body, json };
}

function parseJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // Not JSON (a proxy's error page, say): the status alone will have to do.
    return undefined;
  }
}

/** A file the API sends as a download, with the name it gives it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The name in `Content-Disposition: attachment; filename="…"`, or a fallback. */
function fileNameOf(response: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;
}

function postJson(path: string, payload: unknown): Promise<HttpResponse> {
  return fetchJson(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(payload) });
}

export interface ConsoleDataProvider extends DataProvider {
  /** Sends one command of the partnership's decider; answers with the events it produced. */
  command(partnershipId: Identifier, body: PartnershipCommand): Promise<CommandResult>;
  /** Approves or rejects a task assigned to the current user. */
  completeTask(taskId: Identifier, body: TaskCompletion): Promise<TaskCompletionResult>;
  /** Sets or resets a user's password (admin only). */
  setPassword(userId: Identifier, password: string): Promise<void>;
  /** KPI trajectories, health checks and the per-cycle measures of one partnership (as of a point of its log when `at` is given). */
  measures(partnershipId: Identifier, at?: string): Promise<Measures>;
  /** Marks the caller's own notifications read; answers how many changed. */
  markNotificationsRead(target: MarkReadTarget): Promise<{ marked: number }>;
  /** Every version of a partnership's agreement, with its signatures and refusals (as of a point of its log when `at` is given). */
  agreements(partnershipId: Identifier, at?: string): Promise<AgreementVersion[]>;
  /** What changed between two moments of a partnership (event numbers or ISO instants), and who changed it. */
  diff(partnershipId: Identifier, from: string, to: string): Promise<NamedStateDiff>;
  /** The proof a partnership's record is whole: hash chain, signed checkpoint, Temporal cross-check, determinism. */
  verify(partnershipId: Identifier): Promise<ProofReport>;
  /** A partnership's history as a file: the self-verifying dossier, the JSON export or the CSV table. */
  exportFile(partnershipId: Identifier, format: ExportFormat): Promise<DownloadedFile>;
  /** The people who acted in a partnership's log and the event types it holds, with their counts. */
  eventFacets(partnershipId: Identifier): Promise<EventFacets>;
  /** The caller's own notification preference (the default until one is set). */
  notificationPreference(): Promise<StoredNotificationPreference>;
  setNotificationPreference(preference: NotificationPreference): Promise<StoredNotificationPreference>;
  /** Queues a webhook message again (admin only): a new round of attempts, the same webhook-id. */
  redeliverWebhook(deliveryId: Identifier): Promise<RaRecord>;
  /** Gives a webhook a new signing secret (admin only). */
  rotateWebhookSecret(webhookId: Identifier): Promise<RaRecord>;
  /** The countries an organization may have (those whose public holidays the API computes), by name. */
  countries(): Promise<{ id: string; name: string }[]>;
  /** Every version of an organization's mission, newest first. */
  missions(organizationId: Identifier): Promise<MissionVersion[]>;
  /** Records a new version of an organization's mission (admin only); the earlier ones stay. */
  recordMission(organizationId: Identifier, text: string): Promise<MissionVersion>;
  /** Each member organization's mission beside the alignment matrix (as of a point of the log when `at` is given). */
  partnershipMissions(partnershipId: Identifier, at?: string): Promise<AlignmentMission[]>;
}

export type StoredNotificationPreference = NotificationPreference & { updatedAt: string | null };

/** A partnership's path, with `?at=` when a point of its log is asked for. */
const partnershipPath = (partnershipId: Identifier, tail = '', at?: string) =>
  `${API_URL}/partnerships/${encodeURIComponent(String(partnershipId))}${tail}${at === undefined ? '' : `?${new URLSearchParams({ at }).toString()}`}`;

const restProvider = simpleRestProvider(API_URL, fetchJson);

/** `meta.at` asks for a partnership's record as of that point of its log; everything else is simple REST. */
function getOne<RecordType extends RaRecord = RaRecord>(resource: string, params: GetOneParams<RecordType>): Promise<GetOneResult<RecordType>> {
  const at: unknown = params.meta?.at;
  if (resource !== 'partnerships' || typeof at !== 'string') return restProvider.getOne<RecordType>(resource, params);
  return fetchJson(partnershipPath(params.id, '', at)).then((response) => ({ data: response.json as RecordType }));
}

export const dataProvider = {
  ...restProvider,
  getOne,
  command: async (partnershipId: Identifier, body: PartnershipCommand) => {
    const response = await postJson(`/partnerships/${encodeURIComponent(String(partnershipId))}/commands`, body);
    return response.json as CommandResult;
  },
  completeTask: async (taskId: Identifier, body: TaskCompletion) => {
    const response = await postJson(`/tasks/${encodeURIComponent(String(taskId))}/complete`, body);
    return (response.json ?? {}) as TaskCompletionResult;
  },
  setPassword: async (userId: Identifier, password: string) => {
    await fetchJson(`${API_URL}/users/${encodeURIComponent(String(userId))}/password`, { method: 'PUT', body: JSON.stringify({ password }) });
  },
  countries: async () => {
    const response = await fetchJson(`${API_URL}/countries`);
    return response.json as { id: string; name: string }[];
  },
  missions: async (organizationId: Identifier) => {
    const response = await fetchJson(`${API_URL}/organizations/${encodeURIComponent(String(organizationId))}/missions`);
    return response.json as MissionVersion[];
  },
  recordMission: async (organizationId: Identifier, text: string) => {
    const response = await postJson(`/organizations/${encodeURIComponent(String(organizationId))}/missions`, { text });
    return response.json as MissionVersion;
  },
  partnershipMissions: async (partnershipId: Identifier, at?: string) => {
    const response = await fetchJson(partnershipPath(partnershipId, '/missions', at));
    return response.json as AlignmentMission[];
  },
  measures: async (partnershipId: Identifier, at?: string) => {
    const response = await fetchJson(partnershipPath(partnershipId, '/measures', at));
    return response.json as Measures;
  },
  markNotificationsRead: async (target: MarkReadTarget) => {
    const response = await postJson('/notifications/read', target);
    return response.json as { marked: number };
  },
  agreements: async (partnershipId: Identifier, at?: string) => {
    const response = await fetchJson(partnershipPath(partnershipId, '/agreements', at));
    return response.json as AgreementVersion[];
  },
  diff: async (partnershipId: Identifier, from: string, to: string) => {
    const query = new URLSearchParams({ from, to });
    const response = await fetchJson(`${partnershipPath(partnershipId, '/diff')}?${query.toString()}`);
    return response.json as NamedStateDiff;
  },
  verify: async (partnershipId: Identifier) => {
    const response = await fetchJson(partnershipPath(partnershipId, '/verify'));
    return response.json as ProofReport;
  },
  exportFile: async (partnershipId: Identifier, format: ExportFormat) => {
    const headers = new Headers();
    const token = readToken();
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(partnershipPath(partnershipId, `/export?format=${format}`), { headers });
    if (!response.ok) throw toHttpError(response.status, response.statusText, parseJson(await response.text()));
    return { blob: await response.blob(), filename: fileNameOf(response, `partnership-${String(partnershipId)}-${format}`) };
  },
  eventFacets: async (partnershipId: Identifier) => {
    const response = await fetchJson(partnershipPath(partnershipId, '/event-facets'));
    return response.json as EventFacets;
  },
  notificationPreference: async () => (await fetchJson(`${API_URL}/notification-preferences`)).json as StoredNotificationPreference,
  setNotificationPreference: async (preference: NotificationPreference) =>
    (await fetchJson(`${API_URL}/notification-preferences`, { method: 'PUT', body: JSON.stringify(preference) })).json as StoredNotificationPreference,
  redeliverWebhook: async (deliveryId: Identifier) => (await postJson(`/webhook-deliveries/${encodeURIComponent(String(deliveryId))}/redeliver`, {})).json as RaRecord,
  rotateWebhookSecret: async (webhookId: Identifier) => (await postJson(`/webhooks/${encodeURIComponent(String(webhookId))}/rotate-secret`, {})).json as RaRecord,
} satisfies ConsoleDataProvider;
