/**
 * Dates as people type them into the task table or as bureaus' spreadsheets hold them: ISO
 * `2026-04-01`, `2026/4/1`, `2026.4.1`, `2026年4月1日`, and without a year `4/1`, `4-1`, `4月1日`
 * (the plan's year). Excel's own date cells arrive as serial day numbers or `Date`s. The result is
 * a real `YYYY-MM-DD` day or `null` ([T3]); whether the day fits the task is the edit rules' call.
 */
import { daysInMonth, makeDate, parseIsoDate } from './dates';
import type { IsoDate } from './types';

function day(year: number, month: number, d: number): IsoDate | null {
	if (!Number.isInteger(year) || year < 1900 || year > 2200) return null;
	if (month < 1 || month > 12 || d < 1 || d > daysInMonth(year, month)) return null;
	return makeDate(year, month, d);
}

const WITH_YEAR = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const WITHOUT_YEAR = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
/** Excel's serial day 25569 is 1970-01-01 (its 1900 leap-year bug sits before every plan). */
const EXCEL_EPOCH = 25569;

/** [T3] A typed or imported date as `YYYY-MM-DD`, or `null` when it names no real day. */
export function parseDateInput(input: unknown, planYear: number): IsoDate | null {
	if (input instanceof Date) {
		if (Number.isNaN(input.getTime())) return null;
		// Spreadsheet readers give date cells as UTC midnight of the shown day.
		return day(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
	}
	if (typeof input === 'number') return fromExcelSerial(input);
	if (typeof input !== 'string') return null;
	const s = input.trim().replace(/[／]/g, '/').replace(/[－]/g, '-').replace(/[．。]/g, '.');
	if (!s) return null;
	const iso = parseIsoDate(s);
	if (iso.ok) return iso.value;
	let m = WITH_YEAR.exec(s);
	if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
	m = WITHOUT_YEAR.exec(s);
	if (m) return day(planYear, Number(m[1]), Number(m[2]));
	// A serial number that arrived as text (a CSV saved from a sheet with unformatted dates).
	if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
	return null;
}

/** An Excel serial day (whole part; the fraction is the time of day) as `YYYY-MM-DD`. */
export function fromExcelSerial(serial: number): IsoDate | null {
	if (!Number.isFinite(serial) || serial < 1) return null;
	const d = new Date((Math.floor(serial) - EXCEL_EPOCH) * 86_400_000);
	return day(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
