import type { DataSource } from 'typeorm';

/**
 * Marks notifications read for one user: the listed ids or all of them. Only the user's own rows
 * are touched (another user's id simply matches nothing), and a second mark keeps the first time.
 * Answers how many became read.
 */
export async function markNotificationsRead(db: DataSource, userId: string, target: { ids: string[] } | { all: true }, at: Date): Promise<number> {
  const values: unknown[] = [userId, at];
  let which = '';
  if ('ids' in target) {
    values.push(target.ids);
    which = 'AND id = ANY($3::bigint[])';
  }
  const [, affected] = (await db.query(`UPDATE notifications SET read_at = $2 WHERE user_id = $1::uuid AND read_at IS NULL ${which}`, values)) as [unknown, number];
  return affected;
}
