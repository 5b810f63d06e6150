/**
 * The plan year's school calendar as the contract's `GET …/calendar` answers it: semesters, and
 * only the days that differ from a plain Monday–Friday week (`holiday`: a weekday off; `makeup`:
 * a weekend day worked, 调休).
 */
import type { IsoDate } from '../plan/types';

export const CALENDAR_DAY_KINDS = ['holiday', 'makeup'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
	date: IsoDate;
	kind: CalendarDayKind;
	/** e.g. `春节`, `国庆节`. */
	name: string;
}

export interface CalendarSemester {
	/** e.g. `2026年春季学期`. */
	name: string;
	start: IsoDate;
	end: IsoDate;
}

export interface PlanCalendar {
	year: number;
	/** Where the year's holidays come from, or the words saying only weekends are known. */
	source: string;
	/** `true` when no holiday data is known for the year (weekends only). */
	weekendsOnly: boolean;
	semesters: CalendarSemester[];
	days: CalendarDay[];
}

/** How a plan counts durations and "due within N days": plain calendar days (the default) or school working days. */
export const DAY_COUNTS = ['calendar', 'working'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];
