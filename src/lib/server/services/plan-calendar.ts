/**
 * A plan's school calendar by year ([WD4]): the row a leader or admin stored, else the published
 * holidays of that year, else weekends only (said so in `source`); and the plan's day-count
 * setting. Other code asks `workingCalendarFor` for the working days of a span of years, and
 * `planDayCounter` for how a plan counts days ([WD8]).
 */
import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/index';
import { planCalendars, planYearSettings } from '../db/plan-year-schema';
import { plans } from '../db/schema';
import { PUBLISHED_HOLIDAYS } from '../../shared/calendar/holidays-cn';
import { parseCalendarInput, type CalendarInput } from '../../shared/calendar/calendar-input';
import { WorkingCalendar } from '../../shared/calendar/working-days';
import { CALENDAR_DAYS, dayCounter, type DayCounter, type DayCounting } from '../../shared/calendar/day-counter';
import { DAY_COUNTS, type CalendarSemester, type DayCount, type PlanCalendar } from '../../shared/calendar/types';
import type { IsoDate } from '../../shared/plan/types';

/** API data, Chinese first like the published sources; the page words it in its own language. */
export const WEEKENDS_ONLY_SOURCE = '无该年度节假日数据：仅按周末计算';

/** The semesters a year starts with; 2026 carries the district's weekday-accurate dates. */
export function defaultSemesters(year: number): CalendarSemester[] {
	if (year === 2026) {
		return [
			{ name: '春季学期', start: '2026-03-02', end: '2026-07-10' },
			{ name: '秋季学期', start: '2026-09-01', end: '2027-01-22' }
		];
	}
	return [
		{ name: '春季学期', start: `${year}-03-01`, end: `${year}-07-10` },
		{ name: '秋季学期', start: `${year}-09-01`, end: `${year + 1}-01-20` }
	];
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

function fallback(year: number): PlanCalendar {
	const published = PUBLISHED_HOLIDAYS[year];
	return published
		? { year, source: published.source, weekendsOnly: false, semesters: defaultSemesters(year), days: [...published.days] }
		: { year, source: WEEKENDS_ONLY_SOURCE, weekendsOnly: true, semesters: defaultSemesters(year), days: [] };
}

type Row = typeof planCalendars.$inferSelect;

/** A stored row as a calendar; a row that no longer validates reads as the fallback. */
function fromRow(row: Row): PlanCalendar {
	const parsed = parseCalendarInput(
		{ source: row.source, semesters: safeJson(row.semesters), days: safeJson(row.days) },
		row.year
	);
	if (!parsed.ok) return fallback(row.year);
	return { year: row.year, weekendsOnly: false, ...parsed.value };
}

export async function readPlanCalendar(db: Db, planId: string, year: number): Promise<PlanCalendar> {
	const [row] = await db
		.select()
		.from(planCalendars)
		.where(and(eq(planCalendars.planId, planId), eq(planCalendars.year, year)))
		.limit(1);
	return row ? fromRow(row) : fallback(year);
}

/** Replaces the year's semesters and days (validated by `parseCalendarInput`). */
export async function writePlanCalendar(
	db: Db,
	input: { planId: string; year: number; userId: string; calendar: CalendarInput }
): Promise<PlanCalendar> {
	const values = {
		source: input.calendar.source,
		semesters: JSON.stringify(input.calendar.semesters),
		days: JSON.stringify(input.calendar.days),
		updatedBy: input.userId,
		updatedAt: Date.now()
	};
	await db
		.insert(planCalendars)
		.values({ planId: input.planId, year: input.year, ...values })
		.onConflictDoUpdate({ target: [planCalendars.planId, planCalendars.year], set: values });
	return readPlanCalendar(db, input.planId, input.year);
}

/** The calendars of every year from `from` to `to` (inclusive), one read. */
export async function readPlanCalendars(db: Db, planId: string, fromYear: number, toYear: number): Promise<PlanCalendar[]> {
	const rows = await db
		.select()
		.from(planCalendars)
		.where(and(eq(planCalendars.planId, planId), gte(planCalendars.year, fromYear), lte(planCalendars.year, toYear)));
	const byYear = new Map(rows.map((r) => [r.year, r]));
	const out: PlanCalendar[] = [];
	for (let y = fromYear; y <= toYear; y++) {
		const row = byYear.get(y);
		out.push(row ? fromRow(row) : fallback(y));
	}
	return out;
}

/** The working days of `[from, to]`'s years merged into one calendar. */
export async function workingCalendarFor(db: Db, planId: string, from: IsoDate, to: IsoDate): Promise<WorkingCalendar> {
	const a = Number(from.slice(0, 4));
	const b = Math.max(a, Number(to.slice(0, 4)));
	const years = await readPlanCalendars(db, planId, a, b);
	return new WorkingCalendar(years.flatMap((c) => c.days));
}

export async function readDayCount(db: Db, planId: string): Promise<DayCount> {
	const [row] = await db.select({ dayCount: planYearSettings.dayCount }).from(planYearSettings).where(eq(planYearSettings.planId, planId));
	return row && DAY_COUNTS.includes(row.dayCount) ? row.dayCount : 'calendar';
}

export async function writeDayCount(db: Db, planId: string, dayCount: DayCount): Promise<void> {
	await db
		.insert(planYearSettings)
		.values({ planId, dayCount })
		.onConflictDoUpdate({ target: planYearSettings.planId, set: { dayCount } });
}

/** The years from the earliest to the latest of `dates` (at most 11 of them), else this year alone. */
export function yearsOf(dates: readonly (string | null | undefined)[]): [number, number] {
	const years = dates.filter(Boolean).map((d) => Number(String(d).slice(0, 4))).filter(Number.isFinite);
	if (!years.length) return [new Date().getFullYear(), new Date().getFullYear()];
	const from = Math.min(...years);
	return [from, Math.min(Math.max(...years), from + 10)];
}

type PlanDates = { id: string; start: string; end: string };

/** [WD8] The plan's setting and, when it counts working days, the calendar days of the plan's years. */
export async function readDayCounting(db: Db, plan: PlanDates): Promise<DayCounting> {
	const dayCount = await readDayCount(db, plan.id);
	if (dayCount === 'calendar') return { dayCount, days: [] };
	const [from, to] = yearsOf([plan.start, plan.end]);
	return { dayCount, days: (await readPlanCalendars(db, plan.id, from, to)).flatMap((c) => c.days) };
}

/** [WD8] How the plan (or the plan of that id) counts days, for the server's own uses of the schedule rules. */
export async function planDayCounter(db: Db, plan: PlanDates | string): Promise<DayCounter> {
	const dates = typeof plan === 'string' ? (await db.select({ id: plans.id, start: plans.start, end: plans.end }).from(plans).where(eq(plans.id, plan)))[0] : plan;
	if (!dates) return CALENDAR_DAYS;
	const { dayCount, days } = await readDayCounting(db, dates);
	return dayCounter(dayCount, days);
}

/** [B5] The semesters known around `today`: those of the plan calendars of last year and this year. */
export async function knownSemesters(db: Db, planId: string, today: IsoDate): Promise<CalendarSemester[]> {
	const year = Number(today.slice(0, 4));
	return (await readPlanCalendars(db, planId, year - 1, year)).flatMap((c) => c.semesters);
}
