import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './working-days';
import { PUBLISHED_HOLIDAYS } from './holidays-cn';

const cal2026 = new WorkingCalendar(PUBLISHED_HOLIDAYS[2026].days);
const plain = new WorkingCalendar();

describe('WorkingCalendar', () => {
	it('[WD1] a weekday works unless a holiday; a weekend day only when a makeup day (调休)', () => {
		expect(cal2026.isWorkingDay('2026-02-13')).toBe(true); // Friday
		expect(cal2026.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休
		expect(cal2026.isWorkingDay('2026-02-15')).toBe(false); // Sunday
		expect(cal2026.isWorkingDay('2026-02-16')).toBe(false); // Monday, 春节
		expect(cal2026.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休
		expect(plain.isWorkingDay('2026-02-14')).toBe(false);
		expect(cal2026.special('2026-02-16')).toEqual({ kind: 'holiday', name: '春节' });
		expect(cal2026.special('2026-02-14')).toEqual({ kind: 'makeup', name: '春节' });
		expect(cal2026.special('2026-03-03')).toBeNull();
	});

	it('[WD1] a day marked both holiday and makeup is off', () => {
		const c = new WorkingCalendar([
			{ date: '2026-02-14', kind: 'makeup', name: 'x' },
			{ date: '2026-02-14', kind: 'holiday', name: 'y' }
		]);
		expect(c.isWorkingDay('2026-02-14')).toBe(false);
		expect(c.count('2026-02-14', '2026-02-14')).toBe(0);
	});

	it('[WD2] counts both ends and is 0 for a reversed range', () => {
		expect(plain.count('2026-03-02', '2026-03-06')).toBe(5);
		expect(plain.count('2026-03-02', '2026-03-15')).toBe(10);
		expect(plain.count('2026-03-06', '2026-03-02')).toBe(0);
		expect(plain.count('2026-03-07', '2026-03-08')).toBe(0);
	});

	it('[WD2] across the Spring Festival 2026 (02-15..02-23 off) and its 调休 Saturdays', () => {
		// Feb 9–Mar 1: 15 weekdays, minus 6 holiday weekdays, plus makeup Sat 02-14 and 02-28.
		expect(cal2026.count('2026-02-09', '2026-03-01')).toBe(15 - 6 + 2);
		expect(cal2026.count('2026-02-15', '2026-02-23')).toBe(0);
		expect(cal2026.count('2026-02-14', '2026-02-24')).toBe(2);
		expect(plain.count('2026-02-15', '2026-02-23')).toBe(6);
	});

	it('[WD2] across the 调休 Sunday 2026-09-20 and the National Day break', () => {
		expect(cal2026.count('2026-09-19', '2026-09-20')).toBe(1);
		// Sep 14–Oct 11: 20 weekdays − 中秋 09-25 − 国庆 5 weekdays + makeup 09-20 and 10-10.
		expect(cal2026.count('2026-09-14', '2026-10-11')).toBe(20 - 1 - 5 + 2);
	});

	it('[WD3] add() skips the Spring Festival and lands on makeup days', () => {
		expect(cal2026.add('2026-02-13', 1)).toBe('2026-02-14'); // Fri → makeup Sat
		expect(cal2026.add('2026-02-14', 1)).toBe('2026-02-24'); // over the break
		expect(cal2026.add('2026-02-24', -1)).toBe('2026-02-14');
		expect(cal2026.add('2026-02-17', 0)).toBe('2026-02-24');
		expect(cal2026.add('2026-09-18', 1)).toBe('2026-09-20'); // Fri → makeup Sun
		expect(plain.add('2026-03-06', 1)).toBe('2026-03-09');
		expect(cal2026.count('2026-02-13', cal2026.add('2026-02-13', 5))).toBe(6);
	});

	it('[WD4] the next working day on or after a date', () => {
		expect(cal2026.nextWorkingDay('2026-02-15')).toBe('2026-02-24');
		expect(cal2026.nextWorkingDay('2026-03-02')).toBe('2026-03-02');
		expect(plain.nextWorkingDay('2026-03-07')).toBe('2026-03-09');
	});
});
