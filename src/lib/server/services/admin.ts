/**
 * The administrator's operations: users, password resets (which sign the user out everywhere),
 * plan memberships and new plans. Each validates its input and returns problem codes per field.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { memberships, plans, schools, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { emitSessionEvent } from '../auth/session-events';
import { ROLES, type Role } from '../../shared/plan/types';
import { isIsoDate } from '../../shared/plan/dates';
import { revokeCalendarFeeds } from './calendar';

export interface AdminUser {
	id: string;
	username: string;
	displayName: string;
	isAdmin: boolean;
	/** Responsible units the user belongs to (tasks of these units reach their attention list). */
	units: string[];
	memberships: { planId: string; role: Role; schoolId: string | null }[];
}

export async function listUsersWithMemberships(db: Db): Promise<AdminUser[]> {
	const rows = await db
		.select({ id: users.id, username: users.username, displayName: users.displayName, isAdmin: users.isAdmin, units: users.units })
		.from(users)
		.orderBy(asc(users.username));
	const ms = await db.select().from(memberships);
	return rows.map((u) => ({
		...u,
		units: Array.isArray(u.units) ? u.units : [],
		memberships: ms
			.filter((m) => m.userId === u.id)
			.map((m) => ({ planId: m.planId, role: m.role, schoolId: m.schoolId }))
	}));
}

export async function listPlansWithSchools(db: Db) {
	const ps = await db.select({ id: plans.id, title: plans.title, start: plans.start, end: plans.end }).from(plans).orderBy(asc(plans.start));
	const ss = await db.select({ id: schools.id, planId: schools.planId, name: schools.name }).from(schools).orderBy(asc(schools.name));
	return ps.map((p) => ({ ...p, schools: ss.filter((s) => s.planId === p.id).map(({ id, name }) => ({ id, name })) }));
}

export type FieldErrors = Record<string, string>;
export type AdminResult = { ok: true } | { ok: false; errors: FieldErrors };

export async function createUser(
	db: Db,
	input: { username: string; displayName: string; password: string; isAdmin: boolean }
): Promise<AdminResult> {
	const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
	if (taken) return { ok: false, errors: { username: 'taken' } };
	const passwordHash = await hashPassword(input.password);
	const inserted = await db
		.insert(users)
		.values({ id: crypto.randomUUID(), ...input, passwordHash })
		.onConflictDoNothing()
		.returning({ id: users.id });
	return inserted.length ? { ok: true } : { ok: false, errors: { username: 'taken' } };
}

/**
 * Sets a new password, ends every session of that user (their open sockets close at once) and
 * revokes their calendar feeds: a reset is what an administrator does when an account may be in
 * the wrong hands, and a feed URL is a credential too.
 */
export async function resetPassword(db: Db, userId: string, password: string): Promise<AdminResult> {
	const updated = await db
		.update(users)
		.set({ passwordHash: await hashPassword(password) })
		.where(eq(users.id, userId))
		.returning({ id: users.id });
	if (!updated.length) return { ok: false, errors: { userId: 'not_found' } };
	await invalidateUserSessions(db, userId);
	await revokeCalendarFeeds(db, userId);
	return { ok: true };
}

/**
 * Removes an account: its feeds are revoked first (the rows then go with the user), its sessions
 * end and its open sockets close at once. Its stored edits stay, attributed to a user id that no
 * longer signs in.
 */
export async function removeUser(db: Db, userId: string): Promise<AdminResult> {
	await revokeCalendarFeeds(db, userId);
	await invalidateUserSessions(db, userId);
	const removed = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
	return removed.length ? { ok: true } : { ok: false, errors: { userId: 'not_found' } };
}

/** Roles that act for one school and so need one. */
export const SCHOOL_ROLES: readonly Role[] = ['coordinator', 'partner'];

/**
 * Gives a user a role in a plan (replacing any earlier one). Coordinators and partners need a
 * school of that plan; the other roles never carry a school.
 */
export async function setMembership(
	db: Db,
	input: { planId: string; userId: string; role: string; schoolId: string }
): Promise<AdminResult> {
	const errors: FieldErrors = {};
	const [plan] = input.planId
		? await db.select({ id: plans.id }).from(plans).where(eq(plans.id, input.planId)).limit(1)
		: [];
	if (!plan) errors.planId = 'not_found';
	const [user] = input.userId
		? await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).limit(1)
		: [];
	if (!user) errors.userId = 'not_found';
	const role = input.role as Role;
	if (!ROLES.includes(role)) errors.role = 'invalid';
	let schoolId: string | null = null;
	if (ROLES.includes(role) && SCHOOL_ROLES.includes(role)) {
		const [school] =
			input.schoolId && plan
				? await db
						.select({ id: schools.id })
						.from(schools)
						.where(and(eq(schools.id, input.schoolId), eq(schools.planId, plan.id)))
						.limit(1)
				: [];
		if (!school) errors.schoolId = input.schoolId ? 'wrong_plan' : 'required';
		else schoolId = school.id;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	await db
		.insert(memberships)
		.values({ planId: input.planId, userId: input.userId, role, schoolId })
		.onConflictDoUpdate({ target: [memberships.planId, memberships.userId], set: { role, schoolId } });
	// A demoted writer's open sockets become read-only now, not at the next re-validation.
	emitSessionEvent({ kind: 'access-changed', userId: input.userId });
	return { ok: true };
}

/** Removes a membership; the user's open sockets to that plan's rooms close at once. */
export async function removeMembership(db: Db, planId: string, userId: string): Promise<void> {
	await db.delete(memberships).where(and(eq(memberships.planId, planId), eq(memberships.userId, userId)));
	emitSessionEvent({ kind: 'access-changed', userId });
}

export async function createPlan(
	db: Db,
	input: { title: string; start: string; end: string }
): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
	const errors: FieldErrors = {};
	const title = input.title.trim();
	if (!title) errors.title = 'required';
	else if (title.length > 200) errors.title = 'too_long';
	if (!isIsoDate(input.start)) errors.start = 'date';
	if (!isIsoDate(input.end)) errors.end = 'date';
	else if (!errors.start && input.end < input.start) errors.end = 'before_start';
	if (Object.keys(errors).length) return { ok: false, errors };
	const id = crypto.randomUUID().replaceAll('-', '').slice(0, 16);
	await db.insert(plans).values({ id, title, start: input.start, end: input.end });
	return { ok: true, id };
}

/**
 * [N4] Sets the responsible units a user belongs to, from one line of text separated by commas,
 * 、 or new lines: trimmed, de-duplicated, at most 20 units of at most 100 characters.
 */
export function parseUnits(raw: string): string[] | null {
	const units = [...new Set(raw.split(/[,，、\n;；]/).map((u) => u.trim()).filter(Boolean))];
	if (units.length > 20 || units.some((u) => u.length > 100)) return null;
	return units;
}

export async function setUserUnits(db: Db, userId: string, units: string[]): Promise<boolean> {
	const res = await db.update(users).set({ units }).where(eq(users.id, userId));
	return res.rowsAffected > 0;
}
