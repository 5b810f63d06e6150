/**
 * The schools registry of a plan (admins and leaders edit it): schools with their type, tier,
 * township and pilot flag, and the people linked to each (coordinators and liaisons are plan
 * members with that role and school). A school keeps its id when edited or re-imported, so its
 * live milestones room never loses anything.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { memberships, schools, users } from '../db/schema';
import { emitSessionEvent } from '../auth/session-events';
import type { SchoolInput } from '../../shared/plan/school-input';

export interface RegistrySchool extends SchoolInput {
	id: string;
	people: { userId: string; displayName: string; role: 'coordinator' | 'partner' }[];
}

export async function listRegistry(db: Db, planId: string): Promise<RegistrySchool[]> {
	const rows = await db
		.select({ id: schools.id, name: schools.name, type: schools.type, tier: schools.tier, township: schools.township, pilot: schools.pilot })
		.from(schools)
		.where(eq(schools.planId, planId))
		.orderBy(asc(schools.name), asc(schools.id));
	const people = await db
		.select({ userId: users.id, displayName: users.displayName, role: memberships.role, schoolId: memberships.schoolId })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.planId, planId));
	return rows.map((s) => ({
		...s,
		people: people
			.filter((p) => p.schoolId === s.id && (p.role === 'coordinator' || p.role === 'partner'))
			.map((p) => ({ userId: p.userId, displayName: p.displayName, role: p.role as 'coordinator' | 'partner' }))
	}));
}

/** Creates a school (`id` null) or updates one of this plan; `false` for another plan's id. */
export async function saveSchool(db: Db, planId: string, id: string | null, input: SchoolInput): Promise<string | null> {
	if (!id) {
		const newId = `s-${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
		await db.insert(schools).values({ id: newId, planId, ...input });
		return newId;
	}
	const res = await db.update(schools).set(input).where(and(eq(schools.id, id), eq(schools.planId, planId)));
	return res.rowsAffected ? id : null;
}

/** Imports schools: a name already in the plan updates that school, a new name adds one. */
export async function importSchools(db: Db, planId: string, list: SchoolInput[]): Promise<{ created: number; updated: number }> {
	const existing = new Map(
		(await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.planId, planId))).map((s) => [s.name, s.id])
	);
	let created = 0;
	let updated = 0;
	for (const school of list) {
		const id = existing.get(school.name) ?? null;
		const saved = await saveSchool(db, planId, id, school);
		if (!id && saved) existing.set(school.name, saved);
		if (id) updated++;
		else created++;
	}
	return { created, updated };
}

/**
 * Links a plan member to a school as its coordinator or liaison. Only members who are not
 * leaders or admins are linked (a leader keeps writing everything); their open sockets follow
 * the change at once.
 */
export async function linkPerson(
	db: Db,
	planId: string,
	schoolId: string,
	userId: string,
	role: 'coordinator' | 'partner'
): Promise<boolean> {
	const [school] = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.id, schoolId), eq(schools.planId, planId)));
	const [member] = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.planId, planId), eq(memberships.userId, userId)));
	if (!school || !member || member.role === 'admin' || member.role === 'leader') return false;
	await db.update(memberships).set({ role, schoolId }).where(and(eq(memberships.planId, planId), eq(memberships.userId, userId)));
	emitSessionEvent({ kind: 'access-changed', userId });
	return true;
}

/** Plan members who may be linked to a school (not leaders or admins), for the picker. */
export async function linkableMembers(db: Db, planId: string) {
	const rows = await db
		.select({ userId: users.id, displayName: users.displayName, role: memberships.role })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.planId, planId))
		.orderBy(asc(users.displayName));
	return rows.filter((r) => r.role !== 'admin' && r.role !== 'leader');
}
