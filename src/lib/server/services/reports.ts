/**
 * Reporting cycles (contract v2 `reports`): the plan's rhythm, who reports, who has and has not,
 * and submitting a report or a nil report (本期无进展). One report per reporter and cycle: a
 * resubmission revises it; the same Idempotency-Key again changes nothing (a phone resending).
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { plans, schools } from '../db/schema';
import { reportSettings, reports } from '../db/supervision-schema';
import type { PlanMember } from '../../shared/sync/access';
import { cycleOn, mondayOf, previousCycle } from '../../shared/supervision/cycle';
import { CADENCES, type Cycle, type CycleSettings, type ReporterKind, type ReportStatus } from '../../shared/supervision/types';
import { isIsoDate } from '../../shared/plan/dates';
import type { IsoDate } from '../../shared/plan/types';
import { textField } from '../http/json-request';
import { belongsToReporter, isSteering } from '../../shared/supervision/membership';
import { listUnits, unitsOfUser } from './units';

export interface ReportRhythm extends CycleSettings {
	units: boolean;
	schools: boolean;
}

export interface Reporter {
	id: string;
	name: string;
	kind: ReporterKind;
}

export const MAX_REPORT_TEXT = 4000;

export async function getRhythm(db: Db, planId: string): Promise<ReportRhythm> {
	const [row] = await db.select().from(reportSettings).where(eq(reportSettings.planId, planId));
	if (row) return { cadence: row.cadence, dueWeekday: row.dueWeekday, anchor: row.anchor, units: row.units, schools: row.schools };
	const [plan] = await db.select({ start: plans.start }).from(plans).where(eq(plans.id, planId));
	const anchor = plan && isIsoDate(plan.start) ? mondayOf(plan.start) : '2026-01-05';
	return { cadence: 'weekly', dueWeekday: 5, anchor, units: true, schools: true };
}

/** Validates a rhythm from a request; `fields` names what is wrong. */
export function parseRhythm(body: Record<string, unknown>): { ok: true; value: ReportRhythm } | { ok: false; fields: string[] } {
	const fields: string[] = [];
	const cadence = body.cadence;
	if (!CADENCES.includes(cadence as never)) fields.push('cadence');
	const dueWeekday = body.dueWeekday;
	if (!Number.isInteger(dueWeekday) || (dueWeekday as number) < 1 || (dueWeekday as number) > 7) fields.push('dueWeekday');
	const anchor = body.anchor;
	if (!isIsoDate(anchor)) fields.push('anchor');
	for (const f of ['units', 'schools'] as const) if (typeof body[f] !== 'boolean') fields.push(f);
	if (!fields.length && !body.units && !body.schools) fields.push('units', 'schools');
	if (fields.length) return { ok: false, fields };
	return {
		ok: true,
		value: { cadence: cadence as ReportRhythm['cadence'], dueWeekday: dueWeekday as number, anchor: mondayOf(anchor as IsoDate), units: body.units as boolean, schools: body.schools as boolean }
	};
}

export async function setRhythm(db: Db, planId: string, r: ReportRhythm): Promise<void> {
	const row = { ...r, updatedAt: Date.now() };
	await db.insert(reportSettings).values({ planId, ...row }).onConflictDoUpdate({ target: reportSettings.planId, set: row });
}

/** Who reports under the rhythm: the plan's units, then its pilot schools. */
export async function listReporters(db: Db, planId: string, rhythm: ReportRhythm): Promise<Reporter[]> {
	const out: Reporter[] = [];
	if (rhythm.units) for (const u of await listUnits(db, planId)) out.push({ id: u.id, name: u.name, kind: 'unit' });
	if (rhythm.schools) {
		const rows = await db
			.select({ id: schools.id, name: schools.name })
			.from(schools)
			.where(and(eq(schools.planId, planId), eq(schools.pilot, true)))
			.orderBy(schools.id);
		for (const s of rows) out.push({ id: s.id, name: s.name, kind: 'school' });
	}
	return out;
}

export interface ReportRow {
	id: string;
	cycleId: string;
	reporterKind: ReporterKind;
	reporterId: string;
	nil: boolean;
	progress: string;
	problems: string;
	nextSteps: string;
	submittedBy: string;
	submittedAt: number;
}

const reportColumns = {
	id: reports.id,
	cycleId: reports.cycleId,
	reporterKind: reports.reporterKind,
	reporterId: reports.reporterId,
	nil: reports.nil,
	progress: reports.progress,
	problems: reports.problems,
	nextSteps: reports.nextSteps,
	submittedBy: reports.submittedBy,
	submittedAt: reports.submittedAt
};

export async function reportsOfCycle(db: Db, planId: string, cycleId: string): Promise<ReportRow[]> {
	return db.select(reportColumns).from(reports).where(and(eq(reports.planId, planId), eq(reports.cycleId, cycleId)));
}

const statusOf = (r: ReportRow | undefined): ReportStatus => (!r ? 'missing' : r.nil ? 'nil' : 'submitted');

export interface CycleStatus {
	cycle: Cycle;
	reporters: (Reporter & { status: ReportStatus })[];
}

/**
 * [RC4] A cycle and every reporter's status in it, with the reports it read (`rows`). Pass the
 * reporters when the caller has listed them already (several cycles at once).
 */
export async function cycleStatus(
	db: Db,
	planId: string,
	rhythm: ReportRhythm,
	cycle: Cycle,
	known?: Reporter[]
): Promise<CycleStatus & { rows: ReportRow[] }> {
	const [reporters, rows] = await Promise.all([known ?? listReporters(db, planId, rhythm), reportsOfCycle(db, planId, cycle.id)]);
	const byReporter = new Map(rows.map((r) => [`${r.reporterKind}:${r.reporterId}`, r]));
	return { cycle, reporters: reporters.map((r) => ({ ...r, status: statusOf(byReporter.get(`${r.kind}:${r.id}`)) })), rows };
}

export async function currentCycle(db: Db, planId: string, today: IsoDate) {
	const rhythm = await getRhythm(db, planId);
	return { rhythm, cycle: cycleOn(rhythm, today) };
}

/** Whether the user may report for the reporter: the leading group for anyone, else its own members. */
export async function mayReportFor(db: Db, userId: string, member: PlanMember, reporter: Reporter): Promise<boolean> {
	return isSteering(member) || belongsToReporter(member, await unitsOfUser(db, userId), reporter);
}

export type ReportInput = { cycleId: string; reporterId: string; nil: boolean; progress: string; problems: string; nextSteps: string };

/** Field checks of a report body; whether the cycle and reporter exist is checked on submit. */
export function parseReport(body: Record<string, unknown>): { ok: true; value: ReportInput } | { ok: false; fields: string[] } {
	const fields: string[] = [];
	if (typeof body.cycleId !== 'string' || !body.cycleId) fields.push('cycleId');
	if (typeof body.reporterId !== 'string' || !body.reporterId) fields.push('reporterId');
	if (body.nil !== undefined && typeof body.nil !== 'boolean') fields.push('nil');
	const nil = body.nil === true;
	const texts = { progress: '', problems: '', nextSteps: '' };
	for (const f of ['progress', 'problems', 'nextSteps'] as const) {
		const t = textField(body, f, MAX_REPORT_TEXT);
		if (t === null) fields.push(f);
		else texts[f] = t ?? '';
	}
	if (nil && (texts.progress || texts.problems || texts.nextSteps)) fields.push('nil');
	if (!nil && !fields.length && !texts.progress && !texts.problems && !texts.nextSteps) fields.push('progress');
	if (fields.length) return { ok: false, fields };
	return { ok: true, value: { cycleId: body.cycleId as string, reporterId: body.reporterId as string, nil, ...texts } };
}

export type SubmitResult =
	| { ok: true; report: ReportRow & { status: ReportStatus } }
	| { ok: false; status: 400; fields: string[] }
	| { ok: false; status: 403 };

/**
 * Submits (or revises) a report for the current or the previous cycle. The same user's same key
 * returns the report as it stands, writing nothing.
 */
export async function submitReport(
	db: Db,
	a: { planId: string; userId: string; member: PlanMember; key: string; input: ReportInput; today: IsoDate }
): Promise<SubmitResult> {
	const [replayed] = await db
		.select(reportColumns)
		.from(reports)
		.where(and(eq(reports.planId, a.planId), eq(reports.submittedBy, a.userId), eq(reports.idempotencyKey, a.key)));
	if (replayed) return { ok: true, report: { ...replayed, status: statusOf(replayed) } };

	const { rhythm, cycle } = await currentCycle(db, a.planId, a.today);
	const prev = previousCycle(rhythm, cycle);
	const target = [cycle, prev].find((c) => c.id === a.input.cycleId);
	const reporter = (await listReporters(db, a.planId, rhythm)).find((r) => r.id === a.input.reporterId);
	const bad = [...(target ? [] : ['cycleId']), ...(reporter ? [] : ['reporterId'])];
	if (bad.length) return { ok: false, status: 400, fields: bad };
	if (!(await mayReportFor(db, a.userId, a.member, reporter!))) return { ok: false, status: 403 };

	const { cycleId, reporterId, ...content } = a.input;
	const row = { ...content, submittedBy: a.userId, idempotencyKey: a.key, submittedAt: Date.now() };
	await db
		.insert(reports)
		.values({ id: `rp-${randomUUID()}`, planId: a.planId, cycleId, cycleStart: target!.start, cycleEnd: target!.end, reporterKind: reporter!.kind, reporterId, ...row })
		.onConflictDoUpdate({ target: [reports.planId, reports.cycleId, reports.reporterKind, reports.reporterId], set: row });
	const [stored] = await db
		.select(reportColumns)
		.from(reports)
		.where(and(eq(reports.planId, a.planId), eq(reports.cycleId, cycleId), eq(reports.reporterKind, reporter!.kind), eq(reports.reporterId, reporterId)));
	return { ok: true, report: { ...stored, status: statusOf(stored) } };
}
