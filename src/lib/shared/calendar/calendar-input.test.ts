import { describe, expect, it } from 'vitest';
import { parseCalendarInput, parseCalendarYear } from './calendar-input';

const good = {
	source: '区教育局校历',
	semesters: [
		{ name: '春季学期', start: '2026-03-02', end: '2026-07-10' },
		{ name: '秋季学期', start: '2026-09-01', end: '2027-01-22' }
	],
	days: [
		{ date: '2026-02-16', kind: 'holiday', name: '春节' },
		{ date: '2026-02-14', kind: 'makeup', name: '春节' }
	]
};

describe('parseCalendarInput', () => {
	it('[WD4] accepts a valid calendar and sorts its days', () => {
		const r = parseCalendarInput(good, 2026);
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(r.value.days.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-16']);
			expect(r.value.semesters).toHaveLength(2);
			expect(r.value.source).toBe('区教育局校历');
		}
	});

	it('[WD4] names every bad semester field', () => {
		const r = parseCalendarInput(
			{
				...good,
				semesters: [
					{ name: '', start: '2026-03-02', end: '2026-07-10' },
					{ name: 'x', start: '2026-02-30', end: '2026-07-10' },
					{ name: 'x', start: '2026-07-10', end: '2026-03-02' },
					{ name: 'x', start: '2028-03-01', end: '2028-07-01' },
					{ name: 'x'.repeat(101), start: '2026-03-01', end: '2026-04-01' },
					'no'
				]
			},
			2026
		);
		expect(r).toEqual({
			ok: false,
			fields: ['semesters[0].name', 'semesters[1].start', 'semesters[2].end', 'semesters[3].end', 'semesters[4].name', 'semesters[5]']
		});
	});

	it('[WD4] a holiday on a weekend, a makeup on a weekday, a duplicate or a day outside the year is bad', () => {
		const r = parseCalendarInput(
			{
				...good,
				days: [
					{ date: '2026-02-14', kind: 'holiday', name: '' }, // Saturday
					{ date: '2026-02-16', kind: 'makeup', name: '' }, // Monday
					{ date: '2026-03-03', kind: 'holiday', name: '' },
					{ date: '2026-03-03', kind: 'holiday', name: '' },
					{ date: '2027-01-04', kind: 'holiday', name: '' },
					{ date: '2026-03-04', kind: 'off', name: '' },
					{ date: '2026-03-05', kind: 'holiday', name: 5 }
				]
			},
			2026
		);
		expect(r).toEqual({ ok: false, fields: ['days[0].kind', 'days[1].kind', 'days[3].date', 'days[4].date', 'days[5].kind', 'days[6].name'] });
	});

	it('[WD4] limits: at most 400 days, a source of at most 300 characters, arrays required', () => {
		const many = Array.from({ length: 401 }, () => ({ date: '2026-03-03', kind: 'holiday', name: '' }));
		expect(parseCalendarInput({ ...good, days: many }, 2026)).toEqual({ ok: false, fields: ['days'] });
		expect(parseCalendarInput({ ...good, source: 'x'.repeat(301) }, 2026)).toEqual({ ok: false, fields: ['source'] });
		expect(parseCalendarInput({ source: '' }, 2026)).toEqual({ ok: false, fields: ['semesters', 'days'] });
		expect(parseCalendarInput([], 2026)).toEqual({ ok: false, fields: ['body'] });
	});

	it('[WD4] a year is four digits', () => {
		expect(parseCalendarYear('2026')).toBe(2026);
		expect(parseCalendarYear('26')).toBeNull();
		expect(parseCalendarYear(null)).toBeNull();
		expect(parseCalendarYear('0999')).toBeNull();
	});
});
