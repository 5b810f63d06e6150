/**
 * The days the Gantt shades ([G15]): holidays always (their name as the title), and weekends not
 * worked as 调休 once a day is wide enough to see (a year-wide view would turn into stripes).
 * Pure, on day numbers of the visible span only.
 */
import { fromDayNumber } from '../shared/plan/dates';
import { WorkingCalendar } from '../shared/calendar/working-days';
import type { CalendarDay } from '../shared/calendar/types';

/** Below this many pixels a day, weekends are not shaded. */
export const WEEKEND_MIN_PX = 6;

export interface DayOff {
	day: number;
	kind: 'holiday' | 'weekend';
	name: string;
}

export function daysOffIn(fromDay: number, toDay: number, days: readonly CalendarDay[], pxPerDay: number): DayOff[] {
	const calendar = new WorkingCalendar(days);
	const out: DayOff[] = [];
	const weekends = pxPerDay >= WEEKEND_MIN_PX;
	const special = new Map(days.map((d) => [d.date, d]));
	for (let d = fromDay; d <= toDay; d++) {
		const date = fromDayNumber(d);
		const marked = special.get(date);
		if (marked?.kind === 'holiday') out.push({ day: d, kind: 'holiday', name: marked.name });
		else if (weekends && !calendar.isWorkingDay(date)) out.push({ day: d, kind: 'weekend', name: '' });
	}
	return out;
}
