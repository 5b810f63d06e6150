/**
 * [BR1]–[BR3] A briefing's (通报) figures for a period, from the plan as it stands: what was done,
 * what is behind by unit and by school, how each indicator moved, the pairings' activity, the
 * reporting rate and the notices. Pure: the server gathers the inputs, the page, the PDF and the
 * frozen copy of a published briefing all show this one shape.
 */
import { attentionState } from '../plan/attention';
import type { DayCounter } from '../calendar/day-counter';
import type { IsoDate, TaskStatus, VisitKind } from '../plan/types';
import { rollUp, type Target } from './rollup';
import type { MeasurementPoint } from './types';

export interface BriefingInput {
	from: IsoDate;
	to: IsoDate;
	/** How the plan counts days for behind and due soon ([WD9]); calendar days when not given. */
	days?: DayCounter;
	tasks: readonly { id: string; title: string; unit: string; start?: string; due: string; status: TaskStatus; progress: number }[];
	milestones: readonly { schoolId: string; id: string; title: string; due: string; status: TaskStatus; progress: number; doneOn?: string | null }[];
	schools: readonly { id: string; name: string }[];
	indicators: readonly (Target & { id: string; name: string; unit: string; target: number; group: string })[];
	measurements: readonly (MeasurementPoint & { indicatorId: string })[];
	visits: readonly { date: string; kind: VisitKind; status: string }[];
	pairings: { active: number; silent: number };
	reports: { expected: number; submitted: number; nil: number };
	notices: readonly { createdAt: IsoDate; closedAt: IsoDate | null; status: string }[];
	/** Change requests (延期申请) of the approved plan: when asked, when decided, and how. */
	changes?: readonly { requestedAt: IsoDate; decidedAt: IsoDate | null; status: string }[];
}

export interface UnitLag {
	name: string;
	overdue: number;
	behind: number;
	blocked: number;
}

export interface IndicatorMove {
	id: string;
	name: string;
	unit: string;
	op: '>=' | '<=';
	target: number;
	from: number | null;
	to: number | null;
	met: boolean | null;
}

export interface BriefingFigures {
	from: IsoDate;
	to: IsoDate;
	tasks: { total: number; done: number; doneInPeriod: { title: string; unit: string }[]; overdue: number; behind: number };
	milestonesDoneInPeriod: number;
	behindByUnit: UnitLag[];
	behindBySchool: UnitLag[];
	indicators: IndicatorMove[];
	visits: { total: number; confirmed: number; byKind: Partial<Record<VisitKind, number>> };
	pairings: { active: number; silent: number };
	reports: { expected: number; submitted: number; nil: number; missing: number };
	notices: { issued: number; closed: number; open: number };
	/** [BR4] Change requests asked, approved and refused in the period, and pending now (absent in briefings published before). */
	changes?: { requested: number; approved: number; refused: number; pending: number };
}

const inPeriod = (d: string | null | undefined, from: IsoDate, to: IsoDate) => !!d && d >= from && d <= to;

function lagBy<T>(items: readonly T[], key: (t: T) => string, state: (t: T) => string): UnitLag[] {
	const by = new Map<string, UnitLag>();
	for (const t of items) {
		const s = state(t);
		if (s !== 'overdue' && s !== 'behind' && s !== 'blocked') continue;
		const name = key(t);
		const lag = by.get(name) ?? { name, overdue: 0, behind: 0, blocked: 0 };
		lag[s]++;
		by.set(name, lag);
	}
	const weight = (l: UnitLag) => l.overdue * 3 + l.behind * 2 + l.blocked;
	return [...by.values()].sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name));
}

/** [BR1] The figures as of the period's last day. */
export function briefingFigures(i: BriefingInput): BriefingFigures {
	const { from, to } = i;
	const taskState = (t: BriefingInput['tasks'][number]) => attentionState(t, to, i.days);
	const schoolName = new Map(i.schools.map((s) => [s.id, s.name]));
	// [BR2] an indicator's value as it stood the day before the period and on its last day
	const indicators = i.indicators.map((ind): IndicatorMove => {
		const points = i.measurements.filter((p) => p.indicatorId === ind.id);
		const before = rollUp(ind, points.filter((p) => p.date < from));
		const after = rollUp(ind, points.filter((p) => p.date <= to));
		return { id: ind.id, name: ind.name, unit: ind.unit, op: ind.op, target: ind.target, from: before.value, to: after.value, met: after.met };
	});
	const byKind: Partial<Record<VisitKind, number>> = {};
	const visits = i.visits.filter((v) => inPeriod(v.date, from, to) && v.status !== 'planned');
	for (const v of visits) byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;
	const states = i.tasks.map(taskState);
	return {
		from,
		to,
		tasks: {
			total: i.tasks.length,
			done: i.tasks.filter((t) => t.status === 'done').length,
			doneInPeriod: i.tasks.filter((t) => t.status === 'done' && inPeriod(t.due, from, to)).map((t) => ({ title: t.title, unit: t.unit })),
			overdue: states.filter((s) => s === 'overdue').length,
			behind: states.filter((s) => s === 'behind').length
		},
		milestonesDoneInPeriod: i.milestones.filter((m) => m.status === 'done' && inPeriod(m.doneOn ?? m.due, from, to)).length,
		behindByUnit: lagBy(i.tasks, (t) => t.unit, taskState),
		behindBySchool: lagBy(i.milestones, (m) => schoolName.get(m.schoolId) ?? m.schoolId, (m) => attentionState(m, to, i.days)),
		indicators,
		visits: { total: visits.length, confirmed: visits.filter((v) => v.status === 'confirmed').length, byKind },
		pairings: i.pairings,
		reports: { ...i.reports, missing: Math.max(0, i.reports.expected - i.reports.submitted - i.reports.nil) },
		notices: {
			issued: i.notices.filter((n) => inPeriod(n.createdAt, from, to)).length,
			closed: i.notices.filter((n) => inPeriod(n.closedAt, from, to)).length,
			open: i.notices.filter((n) => n.status !== 'closed').length
		},
		changes: {
			requested: (i.changes ?? []).filter((c) => inPeriod(c.requestedAt, from, to)).length,
			approved: (i.changes ?? []).filter((c) => c.status === 'approved' && inPeriod(c.decidedAt, from, to)).length,
			refused: (i.changes ?? []).filter((c) => c.status === 'refused' && inPeriod(c.decidedAt, from, to)).length,
			pending: (i.changes ?? []).filter((c) => c.status === 'pending').length
		}
	};
}

export const BRIEFING_SECTIONS = ['summary', 'done', 'behind', 'indicators', 'pairings', 'next'] as const;
export type BriefingSection = (typeof BRIEFING_SECTIONS)[number];
export type BriefingText = Record<BriefingSection, string>;

export interface BriefingWords {
	summary: (f: BriefingFigures) => string;
	done: (f: BriefingFigures) => string;
	behind: (f: BriefingFigures) => string;
	indicators: (f: BriefingFigures) => string;
	pairings: (f: BriefingFigures) => string;
	next: (f: BriefingFigures) => string;
}

/** [BR3] The first draft of the text, one paragraph per section, for the leading group to edit. */
export function draftBriefing(f: BriefingFigures, words: BriefingWords): BriefingText {
	return Object.fromEntries(BRIEFING_SECTIONS.map((s) => [s, words[s](f)])) as BriefingText;
}

/** A section's text from a request: known sections only, strings of bounded length. */
export function parseBriefingText(v: unknown, max = 4000): BriefingText | null {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
	const o = v as Record<string, unknown>;
	if (Object.keys(o).some((k) => !(BRIEFING_SECTIONS as readonly string[]).includes(k))) return null;
	const out = {} as BriefingText;
	for (const s of BRIEFING_SECTIONS) {
		const t = o[s] ?? '';
		if (typeof t !== 'string' || t.length > max) return null;
		out[s] = t;
	}
	return out;
}
