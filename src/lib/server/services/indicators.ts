/**
 * [I4] The plan's indicators with their figures (contract v2 `indicators`), their measurement
 * history, and entering a measurement: who may ([I4]: admins and leaders for any school, a
 * coordinator for their own school), validation against the indicator's scope and the plan's
 * schools, and idempotent creation (one measurement per user and Idempotency-Key, enforced by a
 * unique index). Indicators are live records of the plan room; measurements are durable rows.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { files, schools, users } from '../db/schema';
import { measurements } from '../db/supervision-schema';
import { readRoom } from '../runtime';
import { readGoals, readIndicators } from '../../shared/plan/doc';
import type { GoalGroup, Indicator } from '../../shared/plan/types';
import type { PlanMember } from '../../shared/sync/access';
import { perSchool, rollUp, trend } from '../../shared/supervision/rollup';
import { mayMeasure, mayMeasureFor, type IndicatorDetail, type IndicatorFigures, type Measurement } from '../../shared/supervision/indicators';
import type { MeasurementPoint } from '../../shared/supervision/types';
import { parseMeasurementInput, type MeasurementInput } from './measurement-input';
import { todayInShanghai } from '../../shared/plan/dates';

export * from './measurement-input';

export type { IndicatorDetail, IndicatorFigures, Measurement } from '../../shared/supervision/indicators';
export { mayMeasure, mayMeasureFor } from '../../shared/supervision/indicators';

const columns = {
	id: measurements.id,
	indicatorId: measurements.indicatorId,
	schoolId: measurements.schoolId,
	value: measurements.value,
	date: measurements.date,
	source: measurements.source,
	fileId: measurements.fileId,
	createdBy: measurements.createdBy,
	createdByName: users.displayName
};

/** Entry order: by day, then as entered (a later entry of one day corrects an earlier one, [I1]). */
const entryOrder = [asc(measurements.date), asc(measurements.createdAt), asc(sql`${measurements}.rowid`)];

/** The plan room's goal groups and indicators (the room is loaded on this instance if closed). */
export async function readPlanIndicators(planId: string, userId: string): Promise<{ goals: GoalGroup[]; indicators: Indicator[] }> {
	return readRoom({ kind: 'plan', planId }, userId, (doc) => ({ goals: readGoals(doc), indicators: readIndicators(doc) }));
}

/** Indicators in the page's order: their group's, then their own. */
function ordered(goals: GoalGroup[], indicators: Indicator[]): Indicator[] {
	const rank = new Map(goals.map((g, i) => [g.id, i]));
	const of = (i: Indicator) => rank.get(i.group) ?? goals.length;
	return [...indicators].sort((a, b) => of(a) - of(b) || a.order - b.order || (a.id < b.id ? -1 : 1));
}

async function planMeasurements(db: Db, planId: string, indicatorId?: string): Promise<Measurement[]> {
	return db
		.select(columns)
		.from(measurements)
		.innerJoin(users, eq(users.id, measurements.createdBy))
		.where(and(eq(measurements.planId, planId), indicatorId ? eq(measurements.indicatorId, indicatorId) : undefined))
		.orderBy(...entryOrder);
}

const figuresOf = ({ order: _o, ...ind }: Indicator, points: readonly MeasurementPoint[]): IndicatorFigures => ({
	...ind,
	...rollUp(ind, points)
});

/** Everything the indicators page shows: goal groups, and each indicator with trend and spread. */
export async function indicatorBoard(db: Db, planId: string, userId: string): Promise<{ goals: GoalGroup[]; indicators: IndicatorDetail[] }> {
	const [{ goals, indicators }, rows] = await Promise.all([readPlanIndicators(planId, userId), planMeasurements(db, planId)]);
	const byIndicator = new Map<string, Measurement[]>();
	for (const r of rows) {
		const list = byIndicator.get(r.indicatorId);
		if (list) list.push(r);
		else byIndicator.set(r.indicatorId, [r]);
	}
	return {
		goals,
		indicators: ordered(goals, indicators).map((ind) => {
			const points = byIndicator.get(ind.id) ?? [];
			return { ...figuresOf(ind, points), trend: trend(ind, points), schools: perSchool(ind, points) };
		})
	};
}

/** [I4] The contract's answer: every indicator with `value`, `gap`, `met` and `measuredAt`. */
export async function listIndicatorFigures(db: Db, planId: string, userId: string): Promise<IndicatorFigures[]> {
	const board = await indicatorBoard(db, planId, userId);
	return board.indicators.map(({ trend: _t, schools: _s, ...figures }) => figures);
}

export async function findIndicator(planId: string, userId: string, indicatorId: string): Promise<Indicator | null> {
	const { indicators } = await readPlanIndicators(planId, userId);
	return indicators.find((i) => i.id === indicatorId) ?? null;
}

/** [I4] An indicator's measurements, oldest first. */
export const listMeasurements = (db: Db, planId: string, indicatorId: string) => planMeasurements(db, planId, indicatorId);

export type AddMeasurementResult =
	| { ok: true; measurement: Measurement; replayed: boolean }
	| { ok: false; status: 400; fields: string[] }
	| { ok: false; status: 403 | 404 }
	| { ok: false; status: 422; error: 'idempotency_key_reused' };

async function findByKey(db: Db, userId: string, key: string) {
	const [row] = await db
		.select({ ...columns, planId: measurements.planId })
		.from(measurements)
		.innerJoin(users, eq(users.id, measurements.createdBy))
		.where(and(eq(measurements.createdBy, userId), eq(measurements.idempotencyKey, key)))
		.limit(1);
	return row ?? null;
}

type Ids = Pick<MeasurementInput, 'schoolId' | 'fileId'>;

/**
 * [I4] The fields the indicator and the plan refuse: the school against the scope and the plan,
 * the evidence file against the indicator. An id the shape check already refused is skipped
 * (`undefined`), so one 400 names every bad field without naming one twice.
 */
async function checkAgainstPlan(db: Db, planId: string, indicator: Indicator, ids: Partial<Ids>): Promise<string[]> {
	const fields: string[] = [];
	const { schoolId, fileId } = ids;
	if (schoolId !== undefined) {
		if ((indicator.scope === 'district') !== (schoolId === null)) fields.push('schoolId');
		else if (schoolId !== null) {
			const [school] = await db
				.select({ id: schools.id })
				.from(schools)
				.where(and(eq(schools.planId, planId), eq(schools.id, schoolId)))
				.limit(1);
			if (!school) fields.push('schoolId');
		}
	}
	if (fileId) {
		const [file] = await db
			.select({ id: files.id })
			.from(files)
			.where(and(eq(files.id, fileId), eq(files.planId, planId), eq(files.indicatorId, indicator.id)))
			.limit(1);
		if (!file) fields.push('fileId');
	}
	return fields;
}

const FIELD_ORDER = ['body', 'value', 'date', 'schoolId', 'source', 'fileId'];

/** The ids of a body the shape check accepted, `undefined` for one it refused. */
function idsOf(raw: unknown, refused: string[]): Partial<Ids> {
	const o = raw as Record<string, unknown>;
	const id = (k: keyof Ids) => (refused.includes(k) ? undefined : ((o[k] ?? null) as string | null));
	return { schoolId: id('schoolId'), fileId: id('fileId') };
}

/**
 * Enters a measurement once per (user, Idempotency-Key). A repeat returns the first one (even
 * after its day has passed); two racing requests with one key both end on the row the unique
 * index let through. Who may comes before what is wrong: a reader gets 403 whatever it sends.
 */
export async function addMeasurement(
	db: Db,
	opts: { planId: string; indicatorId: string; userId: string; member: PlanMember; key: string; body: unknown; today?: string }
): Promise<AddMeasurementResult> {
	const { planId, indicatorId, userId, member, key } = opts;
	const replay = async (): Promise<AddMeasurementResult | null> => {
		const existing = await findByKey(db, userId, key);
		if (!existing) return null;
		const { planId: of, ...measurement } = existing;
		if (of !== planId || measurement.indicatorId !== indicatorId) return { ok: false, status: 422, error: 'idempotency_key_reused' };
		return { ok: true, measurement, replayed: true };
	};
	const earlier = await replay();
	if (earlier) return earlier;

	const indicator = await findIndicator(planId, userId, indicatorId);
	if (!indicator) return { ok: false, status: 404 };
	if (!mayMeasure(member)) return { ok: false, status: 403 };
	const parsed = parseMeasurementInput(opts.body, opts.today ?? todayInShanghai());
	const refused = parsed.ok ? [] : parsed.fields;
	if (refused.includes('body')) return { ok: false, status: 400, fields: refused };
	const fields = [...refused, ...(await checkAgainstPlan(db, planId, indicator, idsOf(opts.body, refused)))];
	if (!parsed.ok || fields.length > 0) {
		return { ok: false, status: 400, fields: fields.sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b)) };
	}
	const input = parsed.value;
	if (!mayMeasureFor(member, input.schoolId)) return { ok: false, status: 403 };

	const id = crypto.randomUUID();
	await db
		.insert(measurements)
		.values({ id, planId, indicatorId, ...input, createdBy: userId, idempotencyKey: key })
		.onConflictDoNothing({ target: [measurements.createdBy, measurements.idempotencyKey] });
	const stored = await replay();
	if (!stored || !stored.ok) return stored ?? { ok: false, status: 400, fields: ['body'] };
	return { ...stored, replayed: stored.measurement.id !== id };
}
