import { describe, expect, it } from 'vitest';
import {
	addDays,
	compareDates,
	daysBetween,
	isIsoDate,
	monthEnd,
	parseIsoDate,
	todayIn,
	todayInShanghai,
	withYear
} from './dates';

describe('parseIsoDate', () => {
	it('[D1] accepts real calendar days, leap days included', () => {
		for (const d of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-04-30']) {
			expect(parseIsoDate(d)).toEqual({ ok: true, value: d });
		}
	});
	it('[D1] rejects days that do not exist, as an error value', () => {
		for (const d of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
			expect(parseIsoDate(d)).toEqual({ ok: false, error: 'not_a_day' });
		}
	});
	it('[D1] rejects other shapes and non-strings without throwing', () => {
		for (const d of ['2026-1-01', '2026/01/01', ' 2026-01-01', '2026-01-01T00:00', '20260101', '']) {
			expect(parseIsoDate(d)).toEqual({ ok: false, error: 'format' });
		}
		expect(parseIsoDate(20260101)).toEqual({ ok: false, error: 'not_a_string' });
		expect(parseIsoDate(null)).toEqual({ ok: false, error: 'not_a_string' });
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2026-02-30')).toBe(false);
	});
});

describe('day arithmetic', () => {
	it('[D2] addDays crosses months, years and leap days', () => {
		expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
		expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
	});
	it('[D2] daysBetween counts whole days, signed, ignoring daylight saving', () => {
		expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
		expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
		// Europe and the US change clocks on these weekends; whole days stay whole.
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-11-01', '2026-11-02')).toBe(1);
		for (const n of [-400, -1, 0, 1, 59, 1000]) {
			expect(daysBetween('2026-05-10', addDays('2026-05-10', n))).toBe(n);
		}
	});
	it('[D3] compareDates sorts chronologically', () => {
		const sorted = ['2026-10-01', '2025-12-31', '2026-02-01', '2026-10-01'].sort(compareDates);
		expect(sorted).toEqual(['2025-12-31', '2026-02-01', '2026-10-01', '2026-10-01']);
		expect(compareDates('2026-01-02', '2026-01-01')).toBe(1);
		expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
	});
});

describe('today on China time', () => {
	it('[D4] uses the Shanghai calendar day, not the server clock', () => {
		// 2026-11-24 16:30 UTC is already 00:30 on 25 November in Shanghai.
		const instant = new Date('2026-11-24T16:30:00Z');
		expect(todayInShanghai(instant)).toBe('2026-11-25');
		expect(todayIn('UTC', instant)).toBe('2026-11-24');
		expect(todayIn('America/Los_Angeles', instant)).toBe('2026-11-24');
		// 15:59 UTC is 23:59 in Shanghai: still the 24th.
		expect(todayInShanghai(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
		expect(todayInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
	});
});

describe('withYear', () => {
	it('[D5] keeps month and day, and Feb 29 becomes Feb 28 in a common year', () => {
		expect(withYear('2025-03-15', 2026)).toBe('2026-03-15');
		expect(withYear('2024-02-29', 2025)).toBe('2025-02-28');
		expect(withYear('2024-02-29', 2028)).toBe('2028-02-29');
		expect(withYear('2026-12-31', 2020)).toBe('2020-12-31');
		expect(monthEnd(2026, 2)).toBe('2026-02-28');
		expect(monthEnd(2028, 2)).toBe('2028-02-29');
	});
});
