/**
 * Plans and their read-only JSON views (schools, task and milestone projections; pairings are in
 * `./pairings.ts`), plus the one access decision every `/api/plans/:planId/*` route starts with.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { preparedPer } from '../db/prepared';
import { memberships, milestones, plans, schools, tasks } from '../db/schema';
import type { PlanMember } from '../../shared/sync/access';
import type { IsoDate, Milestone, Task } from '../../shared/plan/types';
import { parseIsoDate } from '../../shared/plan/dates';
import { getPlanMember } from './members';

export interface PlanSummary {
	id: string;
	title: string;
	start: string;
	end: string;
}

const planColumns = { id: plans.id, title: plans.title, start: plans.start, end: plans.end };

/** The plans a user belongs to; a system administrator sees every plan. */
export async function listPlansForUser(
	db: Db,
	user: { id: string; isAdmin: boolean }
): Promise<PlanSummary[]> {
	if (user.isAdmin) return db.select(planColumns).from(plans).orderBy(asc(plans.start), asc(plans.id));
	return db
		.select(planColumns)
		.from(plans)
		.innerJoin(memberships, eq(memberships.planId, plans.id))
		.where(eq(memberships.userId, user.id))
		.orderBy(asc(plans.start), asc(plans.id));
}

const planQuery = preparedPer((db) => db.select(planColumns).from(plans).where(eq(plans.id, sql.placeholder('planId'))).limit(1).prepare());

export async function getPlan(db: Db, planId: string): Promise<PlanSummary | null> {
	const [row] = await planQuery(db).all({ planId });
	return row ?? null;
}

export type PlanAccess =
	| { ok: true; plan: PlanSummary; member: PlanMember }
	| { ok: false; status: 401 | 403 | 404 };

/** 401 without a user, 404 for an unknown plan, 403 for a non-member; otherwise the membership. */
export async function planAccess(
	db: Db,
	userId: string | null | undefined,
	planId: string
): Promise<PlanAccess> {
	if (!userId) return { ok: false, status: 401 };
	const plan = await getPlan(db, planId);
	if (!plan) return { ok: false, status: 404 };
	const member = await getPlanMember(db, userId, planId);
	if (!member) return { ok: false, status: 403 };
	return { ok: true, plan, member };
}

export async function listTasks(db: Db, planId: string): Promise<Task[]> {
	const rows = await db
		.select()
		.from(tasks)
		.where(eq(tasks.planId, planId))
		.orderBy(asc(tasks.order), asc(tasks.id));
	return rows.map(toTask);
}

const toTask = ({ planId: _plan, ...t }: typeof tasks.$inferSelect): Task => ({ ...t, deps: Array.isArray(t.deps) ? t.deps : [] });

/**
 * How many tasks a page's server render carries. The live document brings the whole plan a moment
 * later; the render only has to fill the first screens. Sending a 10,000-task plan in the page
 * made it a 1.9 MB document that took 0.5–1 s to serialize and as long again to parse, before the
 * live document (which replaces it anyway) even started.
 */
export const TASK_PREVIEW_LIMIT = 200;

/** The first `limit` tasks in table order and how many the plan has. */
export async function listTaskPreview(
	db: Db,
	planId: string,
	limit = TASK_PREVIEW_LIMIT
): Promise<{ tasks: Task[]; total: number }> {
	const [rows, [{ total }]] = await Promise.all([
		db.select().from(tasks).where(eq(tasks.planId, planId)).orderBy(asc(tasks.order), asc(tasks.id)).limit(limit),
		db.select({ total: count() }).from(tasks).where(eq(tasks.planId, planId))
	]);
	return { tasks: rows.map(toTask), total };
}

export async function listSchools(db: Db, planId: string) {
	return db
		.select({ id: schools.id, name: schools.name, type: schools.type, tier: schools.tier, pilot: schools.pilot })
		.from(schools)
		.where(eq(schools.planId, planId))
		.orderBy(asc(schools.name), asc(schools.id));
}

export type SchoolMilestone = Milestone & { schoolId: string };

/** Milestones of the plan's pilot schools, optionally of one school only. */
export async function listPilotMilestones(
	db: Db,
	planId: string,
	schoolId?: string
): Promise<SchoolMilestone[]> {
	const rows = await db
		.select({
			schoolId: milestones.schoolId,
			id: milestones.id,
			title: milestones.title,
			phase: milestones.phase,
			due: milestones.due,
			status: milestones.status,
			progress: milestones.progress,
			doneOn: milestones.doneOn,
			note: milestones.note
		})
		.from(milestones)
		.innerJoin(schools, eq(schools.id, milestones.schoolId))
		.where(
			and(
				eq(milestones.planId, planId),
				eq(schools.pilot, true),
				schoolId ? eq(milestones.schoolId, schoolId) : undefined
			)
		)
		.orderBy(asc(milestones.schoolId), asc(milestones.due), asc(milestones.id));
	return rows.map(({ doneOn, ...m }) => (doneOn ? { ...m, doneOn } : m));
}
/** A stored date as the JSON API gives it: a real `YYYY-MM-DD`, else `null`, never the raw text. */
export function apiDate(value: unknown): IsoDate | null {
	const parsed = parseIsoDate(value);
	return parsed.ok ? parsed.value : null;
}

/**
 * Rows with their date fields checked on the way out ([H22]): a live document can hold any
 * string in a date field (a modified client with write access), and the API must not pass it on.
 * A field a row does not have stays absent.
 */
export function withApiDates<T extends object, K extends keyof T & string>(
	rows: readonly T[],
	fields: readonly K[]
): (Omit<T, K> & Partial<Record<K, IsoDate | null>>)[] {
	return rows.map((row) => {
		const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
		for (const f of fields) if (f in row) out[f] = apiDate(row[f]);
		return out as Omit<T, K> & Partial<Record<K, IsoDate | null>>;
	});
}
