/**
 * A calendar's holidays as the breaks people name ([WD5]): each stretch of consecutive days off
 * that holds a marked holiday, weekends inside or beside it included, under its first holiday's
 * name. What the feed shows as one free event (春节 2026-02-15 – 02-23).
 */
import { addDays } from '../plan/dates';
import type { IsoDate } from '../plan/types';
import type { CalendarDay } from './types';
import { WorkingCalendar } from './working-days';

export interface HolidayRun {
	name: string;
	start: IsoDate;
	/** The last day off, included. */
	end: IsoDate;
}

export function holidayRuns(days: readonly CalendarDay[]): HolidayRun[] {
	const calendar = new WorkingCalendar(days);
	const holidays = days.filter((d) => d.kind === 'holiday').sort((a, b) => (a.date < b.date ? -1 : 1));
	const runs: HolidayRun[] = [];
	for (const h of holidays) {
		if (runs.length && h.date <= runs[runs.length - 1].end) continue;
		let start = h.date;
		while (!calendar.isWorkingDay(addDays(start, -1))) start = addDays(start, -1);
		let end = h.date;
		while (!calendar.isWorkingDay(addDays(end, 1))) end = addDays(end, 1);
		runs.push({ name: h.name, start, end });
	}
	return runs;
}
