/**
 * Validating a `PUT /api/plans/:planId/calendar?year=` body ([WD4]): pure, an error value naming
 * every bad field (`semesters[0].end`, `days[3].kind`), never an exception.
 */
import { parseIsoDate } from '../plan/dates';
import type { IsoDate } from '../plan/types';
import { CALENDAR_DAY_KINDS, type CalendarDay, type CalendarDayKind, type CalendarSemester } from './types';
import { isWeekend } from './working-days';

export const MAX_CALENDAR_DAYS = 400;
export const MAX_SEMESTERS = 20;
export const MAX_NAME = 100;
export const MAX_SOURCE = 300;

export interface CalendarInput {
	source: string;
	semesters: CalendarSemester[];
	days: CalendarDay[];
}

export type CalendarParse = { ok: true; value: CalendarInput } | { ok: false; fields: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A trimmed string of at most `max` characters (non-empty when `required`), else null. */
function text(v: unknown, max: number, required: boolean): string | null {
	if (v === undefined || v === null) return required ? null : '';
	if (typeof v !== 'string') return null;
	const t = v.trim();
	return t.length > max || (required && t === '') ? null : t;
}

const day = (v: unknown): IsoDate | null => {
	const p = parseIsoDate(v);
	return p.ok ? p.value : null;
};

/** A year as the route's `?year=` gives it: an integer 1000–9999, else null. */
export function parseCalendarYear(v: string | null): number | null {
	if (!v || !/^\d{4}$/.test(v)) return null;
	const n = Number(v);
	return n >= 1000 ? n : null;
}

function parseSemesters(v: unknown, year: number, bad: string[]): CalendarSemester[] {
	if (!Array.isArray(v) || v.length > MAX_SEMESTERS) {
		bad.push('semesters');
		return [];
	}
	const first = `${year}-01-01`;
	const last = `${year}-12-31`;
	const out: CalendarSemester[] = [];
	v.forEach((s, i) => {
		const at = `semesters[${i}]`;
		if (!isObject(s)) return void bad.push(at);
		const name = text(s.name, MAX_NAME, true);
		const start = day(s.start);
		const end = day(s.end);
		if (name === null) bad.push(`${at}.name`);
		if (start === null) bad.push(`${at}.start`);
		// A semester overlaps its year: the autumn one runs into January of the next.
		if (end === null || (start !== null && end < start) || (start !== null && (start > last || end < first))) bad.push(`${at}.end`);
		else if (name !== null && start !== null) out.push({ name, start, end });
	});
	return out;
}

function parseDays(v: unknown, year: number, bad: string[]): CalendarDay[] {
	if (!Array.isArray(v) || v.length > MAX_CALENDAR_DAYS) {
		bad.push('days');
		return [];
	}
	const seen = new Set<string>();
	const out: CalendarDay[] = [];
	v.forEach((d, i) => {
		const at = `days[${i}]`;
		if (!isObject(d)) return void bad.push(at);
		const date = day(d.date);
		const kind = CALENDAR_DAY_KINDS.includes(d.kind as CalendarDayKind) ? (d.kind as CalendarDayKind) : null;
		const name = text(d.name, MAX_NAME, false);
		if (date === null || !date.startsWith(`${year}-`) || seen.has(date)) bad.push(`${at}.date`);
		if (kind === null) bad.push(`${at}.kind`);
		// A holiday is a weekday off and a makeup a weekend day worked: anything else changes nothing.
		else if (date !== null && (kind === 'holiday') === isWeekend(date)) bad.push(`${at}.kind`);
		if (name === null) bad.push(`${at}.name`);
		if (date !== null) seen.add(date);
		if (date !== null && kind !== null && name !== null) out.push({ date, kind, name });
	});
	return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The calendar of `year` from an untrusted body, or the bad fields. */
export function parseCalendarInput(body: unknown, year: number): CalendarParse {
	if (!isObject(body)) return { ok: false, fields: ['body'] };
	const bad: string[] = [];
	const source = text(body.source, MAX_SOURCE, false);
	if (source === null) bad.push('source');
	const semesters = parseSemesters(body.semesters, year, bad);
	const days = parseDays(body.days, year, bad);
	return bad.length ? { ok: false, fields: bad } : { ok: true, value: { source: source!, semesters, days } };
}
