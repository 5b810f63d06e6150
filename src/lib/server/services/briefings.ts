/**
 * Briefings (通报): a leader drafts one for a period, edits its text, and publishes it. A draft's
 * figures are computed from the plan each time it is read ([BR1]); publishing stores them with the
 * text and nothing changes a published briefing again.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { visits } from '../db/schema';
import { briefings, measurements, reports } from '../db/supervision-schema';
import { readIndicators } from '../../shared/plan/doc';
import { isIsoDate, todayInShanghai } from '../../shared/plan/dates';
import type { IsoDate } from '../../shared/plan/types';
import { cyclesBetween } from '../../shared/supervision/cycle';
import { briefingFigures, draftBriefing, type BriefingFigures, type BriefingText, type BriefingWords } from '../../shared/supervision/briefing';
import { readRoom } from '../runtime';
import { listPairings } from './pairings';
import { listPilotMilestones } from './plans';
import { readPlanTasks } from './plan-read';
import { listChangeRequests } from './change-requests';
import { planDayCounter } from './plan-calendar';
import { listNotices } from './notices';
import { getRhythm, listReporters } from './reports';
import { listRegistry } from './schools';

export interface Briefing {
	id: string;
	periodStart: IsoDate;
	periodEnd: IsoDate;
	title: string;
	sections: BriefingText;
	status: 'draft' | 'published';
	publishedAt: number | null;
	figures: BriefingFigures;
}

/** A stored instant as the plan's calendar day. */
const dayOf = (ms: number | null): IsoDate | null => (ms === null ? null : todayInShanghai(new Date(ms)));

/** [BR1] The figures of a period from the plan, its measurements, visits, reports and notices now. */
export async function computeFigures(db: Db, planId: string, userId: string, from: IsoDate, to: IsoDate, today: IsoDate): Promise<BriefingFigures> {
	const rhythm = await getRhythm(db, planId);
	// the cycles whose reports fell due in the period
	const cycles = cyclesBetween(rhythm, from, to).filter((c) => c.due >= from && c.due <= to);
	const tasks = await readPlanTasks(db, planId);
	const [milestones, schools, indicators, points, visitRows, pairings, reporters, reportRows, notices, changes, days] = await Promise.all([
		listPilotMilestones(db, planId),
		listRegistry(db, planId),
		readRoom({ kind: 'plan', planId }, userId, readIndicators),
		db.select({ indicatorId: measurements.indicatorId, value: measurements.value, date: measurements.date, schoolId: measurements.schoolId }).from(measurements).where(eq(measurements.planId, planId)).orderBy(asc(measurements.createdAt)),
		db.select({ date: visits.date, kind: visits.kind, status: visits.status }).from(visits).where(eq(visits.planId, planId)),
		listPairings(db, planId, to),
		listReporters(db, planId, rhythm),
		cycles.length ? db.select({ nil: reports.nil }).from(reports).where(and(eq(reports.planId, planId), inArray(reports.cycleId, cycles.map((c) => c.id)))) : Promise.resolve([]),
		listNotices(db, planId, today, undefined, tasks),
		listChangeRequests(db, planId),
		planDayCounter(db, planId)
	]);
	return briefingFigures({
		from,
		to,
		days,
		tasks,
		milestones,
		schools,
		indicators,
		measurements: points,
		visits: visitRows,
		pairings: { active: pairings.filter((p) => !p.ended).length, silent: pairings.filter((p) => p.silent).length },
		reports: { expected: cycles.length * reporters.length, submitted: reportRows.filter((r) => !r.nil).length, nil: reportRows.filter((r) => r.nil).length },
		notices: notices.map((n) => ({ createdAt: dayOf(n.createdAt)!, closedAt: n.status === 'closed' ? (dayOf(n.closedAt) ?? today) : null, status: n.status })),
		changes: changes.map((c) => ({ requestedAt: dayOf(Date.parse(c.requestedAt))!, decidedAt: c.decidedAt ? dayOf(Date.parse(c.decidedAt)) : null, status: c.status }))
	});
}

type Row = typeof briefings.$inferSelect;

async function shown(db: Db, row: Row, userId: string, today: IsoDate): Promise<Briefing> {
	const figures = row.status === 'published' && row.figures ? (row.figures as BriefingFigures) : await computeFigures(db, row.planId, userId, row.periodStart, row.periodEnd, today);
	return {
		id: row.id,
		periodStart: row.periodStart,
		periodEnd: row.periodEnd,
		title: row.title,
		sections: row.sections as BriefingText,
		status: row.status,
		publishedAt: row.publishedAt,
		figures
	};
}

/** Briefings of the plan, newest period first; drafts only for those who may edit them. */
export async function listBriefings(db: Db, planId: string, withDrafts: boolean) {
	return db
		.select({ id: briefings.id, title: briefings.title, periodStart: briefings.periodStart, periodEnd: briefings.periodEnd, status: briefings.status, publishedAt: briefings.publishedAt })
		.from(briefings)
		.where(and(eq(briefings.planId, planId), withDrafts ? undefined : eq(briefings.status, 'published')))
		.orderBy(desc(briefings.periodEnd), desc(briefings.createdAt));
}

export async function getBriefing(db: Db, planId: string, id: string, userId: string, today: IsoDate): Promise<Briefing | null> {
	const [row] = await db.select().from(briefings).where(and(eq(briefings.planId, planId), eq(briefings.id, id)));
	return row ? shown(db, row, userId, today) : null;
}

export function parsePeriod(body: Record<string, unknown>, today: IsoDate): { ok: true; from: IsoDate; to: IsoDate; title: string | null } | { ok: false; fields: string[] } {
	const fields: string[] = [];
	if (!isIsoDate(body.from)) fields.push('from');
	if (!isIsoDate(body.to) || (body.to as string) > today || (isIsoDate(body.from) && (body.to as string) < (body.from as string))) fields.push('to');
	if (body.title !== undefined && (typeof body.title !== 'string' || !body.title.trim() || body.title.length > 200)) fields.push('title');
	if (fields.length) return { ok: false, fields };
	return { ok: true, from: body.from as IsoDate, to: body.to as IsoDate, title: typeof body.title === 'string' ? body.title.trim() : null };
}

/** Drafts a briefing for the period with its first text; the same user's key returns the first. */
export async function draftNew(
	db: Db,
	a: { planId: string; userId: string; key: string | null; from: IsoDate; to: IsoDate; title: string; words: BriefingWords; today: IsoDate }
): Promise<Briefing> {
	if (a.key) {
		const [seen] = await db.select().from(briefings).where(and(eq(briefings.createdBy, a.userId), eq(briefings.idempotencyKey, a.key)));
		if (seen) return shown(db, seen, a.userId, a.today);
	}
	const figures = await computeFigures(db, a.planId, a.userId, a.from, a.to, a.today);
	const id = `br-${randomUUID()}`;
	await db.insert(briefings).values({ id, planId: a.planId, periodStart: a.from, periodEnd: a.to, title: a.title, sections: draftBriefing(figures, a.words), createdBy: a.userId, idempotencyKey: a.key });
	return (await getBriefing(db, a.planId, id, a.userId, a.today))!;
}

export type EditResult = { ok: true; briefing: Briefing } | { ok: false; status: 404 | 409 };

/** Replaces a draft's title and text; a published briefing is frozen (409). */
export async function editDraft(db: Db, a: { planId: string; id: string; userId: string; title: string; sections: BriefingText; today: IsoDate }): Promise<EditResult> {
	const [row] = await db.select({ status: briefings.status }).from(briefings).where(and(eq(briefings.planId, a.planId), eq(briefings.id, a.id)));
	if (!row) return { ok: false, status: 404 };
	if (row.status === 'published') return { ok: false, status: 409 };
	await db.update(briefings).set({ title: a.title, sections: a.sections, updatedAt: Date.now() }).where(and(eq(briefings.id, a.id), eq(briefings.status, 'draft')));
	return { ok: true, briefing: (await getBriefing(db, a.planId, a.id, a.userId, a.today))! };
}

/** Freezes the figures and text. Publishing again answers the published briefing unchanged. */
export async function publish(db: Db, a: { planId: string; id: string; userId: string; today: IsoDate }): Promise<Briefing | null> {
	const current = await getBriefing(db, a.planId, a.id, a.userId, a.today);
	if (!current || current.status === 'published') return current;
	await db
		.update(briefings)
		.set({ status: 'published', figures: current.figures, publishedBy: a.userId, publishedAt: Date.now() })
		.where(and(eq(briefings.id, a.id), eq(briefings.status, 'draft')));
	return getBriefing(db, a.planId, a.id, a.userId, a.today);
}
