/**
 * Responsible units (责任单位) as a plan's registry. A unit's members are the plan's users whose
 * `units` list names it: the one membership record the task attention list already reads, so a
 * rename rewrites the users' lists and the live tasks' `unit` together.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { memberships, users } from '../db/schema';
import { units } from '../db/supervision-schema';

export interface Unit {
	id: string;
	name: string;
}

export const MAX_UNIT_NAME = 60;

export async function listUnits(db: Db, planId: string): Promise<Unit[]> {
	return db
		.select({ id: units.id, name: units.name })
		.from(units)
		.where(eq(units.planId, planId))
		.orderBy(asc(units.order), asc(units.name));
}

/** Adds the names not yet registered (in the given order); returns the registry. */
export async function registerUnits(db: Db, planId: string, names: readonly string[]): Promise<Unit[]> {
	const known = await listUnits(db, planId);
	const have = new Set(known.map((u) => u.name));
	let order = known.length;
	const fresh = [...new Set(names.map((n) => n.trim()).filter((n) => n && n.length <= MAX_UNIT_NAME && !have.has(n)))];
	if (fresh.length) {
		await db
			.insert(units)
			.values(fresh.map((name) => ({ id: `u-${randomUUID().slice(0, 8)}`, planId, name, order: ++order })))
			.onConflictDoNothing();
	}
	return listUnits(db, planId);
}

/** The plan members who belong to the unit (by the name in their `units` list). */
export async function unitMemberIds(db: Db, planId: string, unitName: string): Promise<string[]> {
	const rows = await db
		.select({ id: users.id })
		.from(users)
		.innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.planId, planId)))
		.where(sql`exists (select 1 from json_each(${users.units}) where json_each.value = ${unitName})`);
	return rows.map((r) => r.id);
}

/** The unit names a user belongs to. */
export async function unitsOfUser(db: Db, userId: string): Promise<Set<string>> {
	const [row] = await db.select({ units: users.units }).from(users).where(eq(users.id, userId));
	return new Set(Array.isArray(row?.units) ? row.units : []);
}
