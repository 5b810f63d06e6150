/**
 * Health of a pairing at a glance ([B5]–[B7] in tests/SPEC.md): confirmed visits this semester
 * against the target, the last confirmed visit, and whether the pairing has gone silent. Used by
 * the board, `GET /api/plans/:planId/pairings` and the attention list, so it is pure.
 */
import { addDays, dateParts, makeDate, monthEnd } from '../plan/dates';
import type { IsoDate, Pairing, VisitKind, VisitStatus } from '../plan/types';
import { isRunning } from './board';
import type { CalendarSemester } from '../calendar/types';

export interface Semester {
	/** e.g. `2026-autumn` (the autumn semester starting in August 2026). */
	key: string;
	season: 'spring' | 'autumn';
	/** The school year's first calendar year (autumn 2026 and spring 2027 are school year 2026). */
	year: number;
	start: IsoDate;
	end: IsoDate;
}

/**
 * [B5] Today's semester. The plan calendar's semesters (`known`, stored or the calendar's
 * defaults) decide first: the one holding `date`, else, in the holidays between two, the one just
 * ended. Without one (none known, or `date` before them all) the month rule: spring (春季学期)
 * Feb 1 – Jul 31, autumn (秋季学期) Aug 1 – Jan 31 of the next year, holidays inside them, so
 * every day belongs to exactly one semester.
 */
export function semesterOf(date: IsoDate, known: readonly CalendarSemester[] = []): Semester {
	const holding = known.filter((s) => s.start <= date && date <= s.end).sort((a, b) => (a.start < b.start ? 1 : -1))[0];
	const ended = known.filter((s) => s.end < date).sort((a, b) => (a.end < b.end ? 1 : -1))[0];
	const stored = holding ?? ended;
	// Named like the month rule's semester holding its first day, with the calendar's dates.
	if (stored) return { ...semesterOf(stored.start), start: stored.start, end: stored.end };
	const { year, month } = dateParts(date);
	if (month >= 2 && month <= 7) {
		return { key: `${year}-spring`, season: 'spring', year: year - 1, start: makeDate(year, 2, 1), end: monthEnd(year, 7) };
	}
	const from = month === 1 ? year - 1 : year;
	return { key: `${from}-autumn`, season: 'autumn', year: from, start: makeDate(from, 8, 1), end: monthEnd(from + 1, 1) };
}

/** What the health figures need of a visit. */
export interface HealthVisit {
	pairingId: string;
	date: IsoDate;
	status: VisitStatus;
	kind?: VisitKind;
}

export interface PairingHealth {
	/** [B5] Confirmed visits dated in today's semester. */
	confirmedThisSemester: number;
	target: number;
	/** The latest confirmed visit's date, or null. */
	lastConfirmedVisit: IsoDate | null;
	/** [B6] Running, started at least N weeks ago, and no confirmed visit in the last N weeks. */
	silent: boolean;
	/** The day a running pairing becomes (or became) silent without a new confirmed visit. */
	silentFrom: IsoDate | null;
}

/**
 * [B5][B6] Only confirmed visits count (planned and merely logged ones never do). A pairing is
 * silent on `today` when it is running (not ended, `start ≤ today ≤ end`) and the last confirmed
 * visit — or, without one, the pairing's start — lies `7 × silentWeeks` days or more before today.
 */
export function pairingHealth(
	p: Pick<Pairing, 'id' | 'start' | 'end' | 'target' | 'ended'>,
	visits: readonly HealthVisit[],
	today: IsoDate,
	silentWeeks: number,
	semesters: readonly CalendarSemester[] = []
): PairingHealth {
	const semester = semesterOf(today, semesters);
	let count = 0;
	let last: IsoDate | null = null;
	for (const v of visits) {
		if (v.pairingId !== p.id || v.status !== 'confirmed' || v.date > today) continue;
		if (v.date >= semester.start && v.date <= semester.end) count++;
		if (!last || v.date > last) last = v.date;
	}
	const runs = isRunning(p, today) && p.start <= today && today <= p.end;
	const silentFrom = runs ? addDays(last && last > p.start ? last : p.start, 7 * silentWeeks) : null;
	return {
		confirmedThisSemester: count,
		target: p.target,
		lastConfirmedVisit: last,
		silent: silentFrom !== null && today >= silentFrom,
		silentFrom
	};
}

/** [B7] Visits counted per kind and per month (`YYYY-MM`), for the per-pairing and district charts. */
export interface VisitTotals {
	byKind: Map<VisitKind, number>;
	byMonth: Map<string, Map<VisitKind, number>>;
	total: number;
}

/**
 * [B7] Totals of the visits that took place (logged or confirmed; planned ones are not visits
 * yet), optionally of one pairing and only confirmed ones.
 */
export function visitTotals(
	visits: readonly (HealthVisit & { kind: VisitKind })[],
	opts: { pairingId?: string; confirmedOnly?: boolean } = {}
): VisitTotals {
	const byKind = new Map<VisitKind, number>();
	const byMonth = new Map<string, Map<VisitKind, number>>();
	let total = 0;
	for (const v of visits) {
		if (opts.pairingId && v.pairingId !== opts.pairingId) continue;
		if (v.status === 'planned' || (opts.confirmedOnly && v.status !== 'confirmed')) continue;
		total++;
		byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
		const month = v.date.slice(0, 7);
		const m = byMonth.get(month) ?? new Map<VisitKind, number>();
		m.set(v.kind, (m.get(v.kind) ?? 0) + 1);
		byMonth.set(month, m);
	}
	return { byKind, byMonth, total };
}
