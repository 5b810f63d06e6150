import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../plan/dates';
import { CALENDAR_DAYS, dayCounter, WorkingDayCounter } from './day-counter';
import { PUBLISHED_HOLIDAYS } from './holidays-cn';
import { WorkingCalendar } from './working-days';

const working = new WorkingDayCounter(new WorkingCalendar(PUBLISHED_HOLIDAYS[2026].days));

describe('day counters', () => {
	it('[WD6] calendar days are the contract: to − from, and both ends of a span', () => {
		expect(CALENDAR_DAYS.between('2026-02-09', '2026-02-27')).toBe(daysBetween('2026-02-09', '2026-02-27'));
		expect(CALENDAR_DAYS.between('2026-02-27', '2026-02-09')).toBe(-18);
		expect(CALENDAR_DAYS.span('2026-02-09', '2026-02-27')).toBe(19);
		expect(CALENDAR_DAYS.span('2026-02-27', '2026-02-09')).toBe(0);
		expect(CALENDAR_DAYS.within('2026-02-09', 6)).toBe(addDays('2026-02-09', 6));
	});

	it('[WD6] working days skip the Spring Festival and count its 调休 Saturday', () => {
		// Mon 9 Feb – Fri 27 Feb 2026: 5 + Sat 14 (调休) + 24–27 Feb; 16–20 and 23 Feb are off.
		expect(working.span('2026-02-09', '2026-02-27')).toBe(10);
		expect(working.between('2026-02-09', '2026-02-27')).toBe(9);
		expect(working.between('2026-02-27', '2026-02-09')).toBe(-9);
		expect(working.between('2026-02-13', '2026-02-13')).toBe(0);
		// From Friday to the next Monday: Saturday is 调休, Sunday and the holidays are off.
		expect(working.between('2026-02-13', '2026-02-16')).toBe(1);
		// National Day: Wed 30 Sep – Fri 9 Oct holds 30 Sep, 8 and 9 Oct.
		expect(working.span('2026-09-30', '2026-10-09')).toBe(3);
		expect(CALENDAR_DAYS.span('2026-09-30', '2026-10-09')).toBe(10);
	});

	it('[WD7] within n working days runs to the day before the (n + 1)th working day after', () => {
		// Friday 2026-03-06: the weekend after it is within 0 working days, Monday is not.
		expect(working.within('2026-03-06', 0)).toBe('2026-03-08');
		expect(working.within('2026-03-06', 1)).toBe('2026-03-09');
		// Thursday 12 Feb + 6 working days: 13, 14 (调休), 24, 25, 26, 27 Feb; 28 Feb (调休) is the 7th.
		expect(working.within('2026-02-12', 6)).toBe('2026-02-27');
		expect(working.between('2026-02-12', working.within('2026-02-12', 6))).toBe(6);
		expect(working.between('2026-02-12', addDays(working.within('2026-02-12', 6), 1))).toBe(7);
	});

	it('[WD8] a plan counts working days only when its setting says so', () => {
		expect(dayCounter('calendar', PUBLISHED_HOLIDAYS[2026].days)).toBe(CALENDAR_DAYS);
		const c = dayCounter('working', PUBLISHED_HOLIDAYS[2026].days);
		expect(c.kind).toBe('working');
		expect(c.span('2026-02-09', '2026-02-27')).toBe(10);
		// Without the calendar's days only weekends are off.
		expect(dayCounter('working', []).span('2026-02-09', '2026-02-27')).toBe(15);
	});

	it('[WD10] n counted days after a day, and the last counted day on or before one', () => {
		expect(CALENDAR_DAYS.after('2026-02-13', 3)).toBe('2026-02-16');
		expect(CALENDAR_DAYS.onOrBefore('2026-02-16')).toBe('2026-02-16');
		// Fri 13 Feb: Sat 14 (调休) is the first working day after it, Tue 24 the second.
		expect(working.after('2026-02-13', 1)).toBe('2026-02-14');
		expect(working.after('2026-02-13', 2)).toBe('2026-02-24');
		// n = 0 is the day itself when it works, else the next working day.
		expect(working.after('2026-02-13', 0)).toBe('2026-02-13');
		expect(working.after('2026-02-16', 0)).toBe('2026-02-24');
		expect(working.between('2026-02-13', working.after('2026-02-13', 5))).toBe(5);
		expect(working.onOrBefore('2026-02-23')).toBe('2026-02-14');
		expect(working.onOrBefore('2026-02-24')).toBe('2026-02-24');
		expect(working.onOrBefore('2026-03-08')).toBe('2026-03-06');
	});
});
