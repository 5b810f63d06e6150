/**
 * Calendar days as `YYYY-MM-DD` strings. Plans are scheduled in whole days with no time of day,
 * so arithmetic goes through a day number (days since 1970-01-01, UTC) and never through local
 * time, where a daylight-saving change could move a day. ISO strings of this shape also compare
 * correctly as plain strings, which the rest of the domain relies on.
 */
import type { IsoDate } from './types';

/** Time zone the plans run on: district schedules are set on China time. */
export const PLAN_TIME_ZONE = 'Asia/Shanghai';

const MS_PER_DAY = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateProblem = 'not_a_string' | 'format' | 'not_a_day';
export type DateParse = { ok: true; value: IsoDate } | { ok: false; error: DateProblem };

/** Days in `month` (1–12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * [D1] Parses untrusted input as a calendar day: exactly `YYYY-MM-DD`, years 1000–9999, a month
 * 1–12 and a day that exists in that month. Returns an error value, never throws.
 */
export function parseIsoDate(input: unknown): DateParse {
	if (typeof input !== 'string') return { ok: false, error: 'not_a_string' };
	const m = SHAPE.exec(input);
	if (!m) return { ok: false, error: 'format' };
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return { ok: false, error: 'not_a_day' };
	}
	return { ok: true, value: input };
}

export function isIsoDate(input: unknown): input is IsoDate {
	return parseIsoDate(input).ok;
}

/** Year, month (1–12) and day of a valid date. */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
	return {
		year: Number(date.slice(0, 4)),
		month: Number(date.slice(5, 7)),
		day: Number(date.slice(8, 10))
	};
}

export function makeDate(year: number, month: number, day: number): IsoDate {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: IsoDate): number {
	const { year, month, day } = dateParts(date);
	return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
	const d = new Date(n * MS_PER_DAY);
	return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** [D2] `date` moved by `days` (negative moves back), across months, years and Feb 29. */
export function addDays(date: IsoDate, days: number): IsoDate {
	return fromDayNumber(toDayNumber(date) + Math.trunc(days));
}

/** [D2] Whole days from `from` to `to`: positive when `to` is later, 0 for the same day. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return toDayNumber(to) - toDayNumber(from);
}

/** [D3] Chronological comparison for `Array.prototype.sort`: -1, 0 or 1. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
	return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
	return a >= b ? a : b;
}

/** `date` within `[from, to]`, both ends included. */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
	return from <= date && date <= to;
}

/**
 * [D4] The calendar day it is in `timeZone` at the instant `now`. A browser in Europe and a
 * server on UTC agree on "today" for a plan run on China time.
 */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).formatToParts(now);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return makeDate(get('year'), get('month'), get('day'));
}

/** [D4] Today on China time (Asia/Shanghai), the plans' calendar. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
	return todayIn(PLAN_TIME_ZONE, now);
}

/**
 * [D5] The same month and day in `year`, e.g. to copy last year's plan. Feb 29 becomes Feb 28
 * in a year without one.
 */
export function withYear(date: IsoDate, year: number): IsoDate {
	const { month, day } = dateParts(date);
	return makeDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** First and last day of `month` (1–12) in `year`. */
export function monthStart(year: number, month: number): IsoDate {
	return makeDate(year, month, 1);
}

export function monthEnd(year: number, month: number): IsoDate {
	return makeDate(year, month, daysInMonth(year, month));
}
