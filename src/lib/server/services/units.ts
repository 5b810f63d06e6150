/**
 * Responsible units (责任单位) as a plan's registry. A unit's members are the plan's users whose
 * `units` list names it: the one membership record the task attention list already reads, so a
 * rename rewrites the users' lists and the live tasks' `unit` together.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { memberships, users } from '../db/schema';
import { notices, units } from '../db/supervision-schema';
import { readTasks } from '../../shared/plan/doc';
import { tasks as tasksCollection } from '../../shared/sync/kinds/plan';
import { applyToRoom } from '../runtime';

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

export type RenameResult = { ok: true; unit: Unit; tasks: number } | { ok: false; status: 404 | 409 };

/**
 * Renames a unit and carries the name everywhere it is written: the live plan's tasks (one
 * server-side write, stored before it is broadcast), the members' unit lists and the live notices
 * addressed to it. Another unit of that name already is a 409.
 */
export async function renameUnit(db: Db, a: { planId: string; unitId: string; name: string; userId: string }): Promise<RenameResult> {
	const [unit] = await db.select().from(units).where(and(eq(units.planId, a.planId), eq(units.id, a.unitId)));
	if (!unit) return { ok: false, status: 404 };
	if (unit.name === a.name) return { ok: true, unit: { id: unit.id, name: unit.name }, tasks: 0 };
	const [taken] = await db.select({ id: units.id }).from(units).where(and(eq(units.planId, a.planId), eq(units.name, a.name)));
	if (taken) return { ok: false, status: 409 };
	const moved = await applyToRoom({ kind: 'plan', planId: a.planId }, a.userId, (doc) => {
		let n = 0;
		for (const t of readTasks(doc)) if (t.unit === unit.name && tasksCollection.update(doc, t.id, { unit: a.name }).ok) n++;
		return n;
	});
	const members = await unitMemberIds(db, a.planId, unit.name);
	await db.batch([
		db.update(units).set({ name: a.name }).where(eq(units.id, unit.id)),
		db.update(notices).set({ unit: a.name }).where(and(eq(notices.planId, a.planId), eq(notices.target, 'task'), eq(notices.unit, unit.name))),
		...members.map((id) =>
			db
				.update(users)
				.set({ units: sql`(select json_group_array(case when value = ${unit.name} then ${a.name} else value end) from json_each(${users.units}))` })
				.where(eq(users.id, id))
		)
	]);
	return { ok: true, unit: { id: unit.id, name: a.name }, tasks: moved };
}
