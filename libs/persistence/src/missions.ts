/**
 * Organizations' missions, versioned: recording one appends a version, never rewrites one (the table
 * refuses UPDATE and DELETE), so what a mission read at any moment stays known.
 */
import type { DataSource } from 'typeorm';
import type { MissionVersion } from '@pe/domain';

const MISSION_COLUMNS = `m.organization_id AS "organizationId", m.version, m.text, to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt",
  m.recorded_by AS "recordedBy", u.name AS "recordedByName"`;

/**
 * Appends the organization's next version, numbered under a lock on the organization's row so two
 * admins recording at once get versions n and n+1, not one refusal. Null when no organization has this id.
 */
export async function appendMission(db: DataSource, organizationId: string, text: string, recordedBy: string): Promise<MissionVersion | null> {
  return db.transaction(async (manager) => {
    const locked = (await manager.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [organizationId])) as unknown[];
    if (locked.length === 0) return null;
    await manager.query(
      `INSERT INTO organization_missions (organization_id, version, text, recorded_by)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM organization_missions WHERE organization_id = $1`,
      [organizationId, text, recordedBy],
    );
    const [row] = (await manager.query(
      `SELECT ${MISSION_COLUMNS} FROM organization_missions m LEFT JOIN users u ON u.id = m.recorded_by
       WHERE m.organization_id = $1 ORDER BY m.version DESC LIMIT 1`,
      [organizationId],
    )) as MissionVersion[];
    return row ?? null;
  });
}

/** Every version of one organization's mission, newest first. */
export async function missionHistory(db: DataSource, organizationId: string): Promise<MissionVersion[]> {
  return (await db.query(
    `SELECT ${MISSION_COLUMNS} FROM organization_missions m LEFT JOIN users u ON u.id = m.recorded_by
     WHERE m.organization_id = $1 ORDER BY m.version DESC`,
    [organizationId],
  )) as MissionVersion[];
}

/**
 * The versions of these organizations' missions recorded up to `asOf` (all when absent), newest first
 * per organization: enough to tell the one in force at any moment up to then.
 */
export async function missionsOf(db: DataSource, organizationIds: readonly string[], asOf?: Date): Promise<MissionVersion[]> {
  if (organizationIds.length === 0) return [];
  return (await db.query(
    `SELECT ${MISSION_COLUMNS} FROM organization_missions m LEFT JOIN users u ON u.id = m.recorded_by
     WHERE m.organization_id = ANY($1::uuid[]) AND ($2::timestamptz IS NULL OR m.recorded_at <= $2::timestamptz)
     ORDER BY m.organization_id, m.version DESC`,
    [organizationIds, asOf ? asOf.toISOString() : null],
  )) as MissionVersion[];
}
