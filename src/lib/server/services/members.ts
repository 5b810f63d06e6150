/** A user's standing in a plan, the input of every permission decision. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { memberships, users } from '../db/schema';
import type { PlanMember } from '../../shared/sync/access';

/**
 * The user's membership in the plan; a system administrator counts as an `admin` member of every
 * plan. `null` when the user is not a member.
 */
export async function getPlanMember(
	db: Db,
	userId: string,
	planId: string
): Promise<PlanMember | null> {
	const [row] = await db
		.select({ role: memberships.role, schoolId: memberships.schoolId, isAdmin: users.isAdmin })
		.from(users)
		.leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.planId, planId)))
		.where(eq(users.id, userId))
		.limit(1);
	if (!row) return null;
	if (row.isAdmin) return { role: 'admin', schoolId: row.schoolId ?? null };
	if (!row.role) return null;
	return { role: row.role, schoolId: row.schoolId ?? null };
}
