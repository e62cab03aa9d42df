/** Shaping the agreement's content for reading. */
import type { AgreementContent, Goal, RoleAssignment } from '@pe/domain';

/** The goals in rank order, each with the roles organizations hold for it. */
export function rolesByGoal(content: Pick<AgreementContent, 'goals' | 'roles'>): { goal: Goal; roles: RoleAssignment[] }[] {
  return [...content.goals]
    .sort((a, b) => a.rank - b.rank)
    .map((goal) => ({ goal, roles: content.roles.filter((role) => role.goalRank === goal.rank) }));
}
