import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../shared/plan/dates';
import { PUBLISHED_HOLIDAYS } from '../shared/calendar/holidays-cn';
import { daysOffIn } from './days-off';

const span = (a: string, b: string) => [toDayNumber(a), toDayNumber(b)] as const;

describe('days off on the Gantt', () => {
	const days = PUBLISHED_HOLIDAYS[2026].days;
	it('[G15] shades the Spring Festival weekdays as holidays and, when wide enough, weekends not worked', () => {
		const [a, b] = span('2026-02-14', '2026-02-22');
		const off = daysOffIn(a, b, days, 20);
		// 02-14 (Saturday) is a 调休 working day; 02-15 and 02-21/22 are weekends inside the break.
		expect(off.map((d) => d.kind)).toEqual(['weekend', 'holiday', 'holiday', 'holiday', 'holiday', 'holiday', 'weekend', 'weekend']);
		expect(off[1].name).toBe('春节');
	});
	it('[G15] a narrow day shows holidays only', () => {
		const [a, b] = span('2026-02-14', '2026-02-22');
		expect(daysOffIn(a, b, days, 2).every((d) => d.kind === 'holiday')).toBe(true);
		expect(daysOffIn(a, b, [], 2)).toEqual([]);
	});
});
