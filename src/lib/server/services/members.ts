/** A user's standing in a plan, the input of every permission decision. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { preparedPer } from '../db/prepared';
import { memberships, users } from '../db/schema';
import type { PlanMember } from '../../shared/sync/access';

const memberQuery = preparedPer((db) =>
	db
		.select({ role: memberships.role, schoolId: memberships.schoolId, isAdmin: users.isAdmin })
		.from(users)
		.leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.planId, sql.placeholder('planId'))))
		.where(eq(users.id, sql.placeholder('userId')))
		.limit(1)
		.prepare()
);

/**
 * The user's membership in the plan; a system administrator counts as an `admin` member of every
 * plan. `null` when the user is not a member.
 */
export async function getPlanMember(
	db: Db,
	userId: string,
	planId: string
): Promise<PlanMember | null> {
	const [row] = await memberQuery(db).all({ userId, planId });
	if (!row) return null;
	if (row.isAdmin) return { role: 'admin', schoolId: row.schoolId ?? null };
	if (!row.role) return null;
	return { role: row.role, schoolId: row.schoolId ?? null };
}
