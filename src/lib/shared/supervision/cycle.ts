/**
 * [RC1]–[RC3] The reporting calendar: which period a day belongs to and when its report is due.
 * - weekly: Monday to Sunday; due on the cycle's `dueWeekday`.
 * - fortnightly: two weeks counted from the settings' `anchor` Monday (before the anchor too).
 * - monthly: the calendar month; due on the month's last `dueWeekday`.
 * A cycle's id is `c-<start>`: the same period keeps its id whatever day asks for it.
 */
import { addDays, dateParts, fromDayNumber, monthEnd, monthStart, toDayNumber } from '../plan/dates';
import type { IsoDate } from '../plan/types';
import type { Cycle, CycleSettings } from './types';

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
	const day = new Date(`${date}T00:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

export const mondayOf = (date: IsoDate): IsoDate => addDays(date, 1 - isoWeekday(date));

const weekdayIn = (start: IsoDate, weekday: number) => addDays(mondayOf(start), weekday - 1);

const make = (start: IsoDate, end: IsoDate, due: IsoDate): Cycle => ({ id: `c-${start}`, start, end, due });

/** [RC1] The cycle that contains `date`. */
export function cycleOn(s: CycleSettings, date: IsoDate): Cycle {
	const weekday = Math.min(7, Math.max(1, Math.trunc(s.dueWeekday) || 5));
	if (s.cadence === 'monthly') {
		const { year, month } = dateParts(date);
		const end = monthEnd(year, month);
		const due = addDays(end, -((isoWeekday(end) - weekday + 7) % 7));
		return make(monthStart(year, month), end, due);
	}
	const monday = mondayOf(date);
	if (s.cadence === 'weekly') return make(monday, addDays(monday, 6), weekdayIn(monday, weekday));
	const anchor = toDayNumber(mondayOf(s.anchor));
	const offset = toDayNumber(monday) - anchor;
	const start = fromDayNumber(anchor + Math.floor(offset / 14) * 14);
	return make(start, addDays(start, 13), addDays(start, 7 + weekday - 1));
}

/** [RC2] The cycle before `cycle`. */
export const previousCycle = (s: CycleSettings, cycle: Cycle): Cycle => cycleOn(s, addDays(cycle.start, -1));

/** [RC3] The cycles from the one containing `from` to the one containing `to`, oldest first. */
export function cyclesBetween(s: CycleSettings, from: IsoDate, to: IsoDate): Cycle[] {
	const out: Cycle[] = [];
	for (let c = cycleOn(s, from); c.start <= to; c = cycleOn(s, addDays(c.end, 1))) out.push(c);
	return out;
}

/** Whether a cycle's report is late on `today` (its due day has passed). */
export const isPastDue = (cycle: Cycle, today: IsoDate): boolean => today > cycle.due;
