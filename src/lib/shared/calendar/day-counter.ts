/**
 * How a plan counts days ([WD6]–[WD8], [WD10] in tests/SPEC.md): plain calendar days, the contract's
 * definitions and every plan's default, or school working days of the plan's calendar (holidays
 * and 调休 included). The schedule rules (expected progress, due soon, "due within N days") take a
 * counter instead of subtracting dates, so one definition serves both settings.
 */
import { addDays, daysBetween, isIsoDate } from '../plan/dates';
import type { IsoDate } from '../plan/types';
import type { CalendarDay, DayCount } from './types';
import { WorkingCalendar } from './working-days';

export interface DayCounter {
	readonly kind: DayCount;
	/**
	 * [WD6] Days from `from` to `to`: the counted days in `(from, to]` when `to` is later, the
	 * negative of `(to, from]` when it is earlier, 0 for the same day.
	 */
	between(from: IsoDate, to: IsoDate): number;
	/** [WD6] The counted days in `[from, to]`, both included (a task's duration); 0 when `to` is before `from`. */
	span(from: IsoDate, to: IsoDate): number;
	/** [WD7] The last day within `n` days of `date` (`n` ≥ 0): the latest day whose `between(date, day)` is at most `n`. */
	within(date: IsoDate, n: number): IsoDate;
	/**
	 * [WD10] The counted day `n` counted days after `date` (`n` ≥ 0): `date + n` in calendar days;
	 * in working days `add(date, n)` of [WD3], so `n = 0` is `date` itself or the next working day.
	 */
	after(date: IsoDate, n: number): IsoDate;
	/** [WD10] The last counted day on or before `date`: `date` itself in calendar days. */
	onOrBefore(date: IsoDate): IsoDate;
}

/** Calendar days: `to − from`, exactly the contract's definitions. */
export const CALENDAR_DAYS: DayCounter = {
	kind: 'calendar',
	between: daysBetween,
	span: (from, to) => Math.max(0, daysBetween(from, to) + 1),
	within: addDays,
	after: addDays,
	onOrBefore: (date) => date
};

/** School working days of a calendar ([WD1]–[WD4]). */
export class WorkingDayCounter implements DayCounter {
	readonly kind = 'working';
	readonly #calendar: WorkingCalendar;

	constructor(calendar: WorkingCalendar) {
		this.#calendar = calendar;
	}

	between(from: IsoDate, to: IsoDate): number {
		if (from === to) return 0;
		return from < to ? this.#calendar.count(addDays(from, 1), to) : -this.#calendar.count(addDays(to, 1), from);
	}

	span(from: IsoDate, to: IsoDate): number {
		return this.#calendar.count(from, to);
	}

	within(date: IsoDate, n: number): IsoDate {
		// The day before the (n + 1)th working day after `date`: days off just after the nth stay within.
		return addDays(this.#calendar.add(addDays(date, 1), Math.max(0, Math.trunc(n))), -1);
	}

	after(date: IsoDate, n: number): IsoDate {
		return this.#calendar.add(date, Math.max(0, Math.trunc(n)));
	}

	onOrBefore(date: IsoDate): IsoDate {
		let day = date;
		while (!this.#calendar.isWorkingDay(day)) day = addDays(day, -1);
		return day;
	}
}

/** [WD8] The counter a plan's setting names: its calendar's days (the years it spans) only when it counts working days. */
export function dayCounter(dayCount: DayCount, days: readonly CalendarDay[]): DayCounter {
	return dayCount === 'working' ? new WorkingDayCounter(new WorkingCalendar(days)) : CALENDAR_DAYS;
}

/** [WD9] A task's duration: the counted days of `[start, due]`; null without two valid dates in order. */
export function taskDuration(task: { start: string; due: string }, days: DayCounter): number | null {
	return isIsoDate(task.start) && isIsoDate(task.due) && task.start <= task.due ? days.span(task.start, task.due) : null;
}

/** What a page needs to build its plan's counter: the setting and the calendar days of the plan's years. */
export interface DayCounting {
	dayCount: DayCount;
	days: CalendarDay[];
}
