import { describe, expect, it } from 'vitest';
import { cycleOn, cyclesBetween, isoWeekday, previousCycle } from './cycle';

const weekly = { cadence: 'weekly' as const, dueWeekday: 5, anchor: '2026-09-07' };
const fortnightly = { ...weekly, cadence: 'fortnightly' as const };
const monthly = { ...weekly, cadence: 'monthly' as const };

describe('reporting cycles', () => {
	it('[RC1] a weekly cycle runs Monday to Sunday and is due on its weekday', () => {
		expect(isoWeekday('2026-12-07')).toBe(1);
		expect(isoWeekday('2026-12-06')).toBe(7);
		expect(cycleOn(weekly, '2026-12-09')).toEqual({ id: 'c-2026-12-07', start: '2026-12-07', end: '2026-12-13', due: '2026-12-11' });
		expect(cycleOn(weekly, '2026-12-13').id).toBe('c-2026-12-07');
		expect(cycleOn(weekly, '2026-12-14').id).toBe('c-2026-12-14');
	});

	it('[RC1] fortnights count from the anchor Monday, before it too', () => {
		expect(cycleOn(fortnightly, '2026-09-20')).toEqual({ id: 'c-2026-09-07', start: '2026-09-07', end: '2026-09-20', due: '2026-09-18' });
		expect(cycleOn(fortnightly, '2026-09-21').start).toBe('2026-09-21');
		expect(cycleOn(fortnightly, '2026-09-06').start).toBe('2026-08-24');
		// an anchor that is not a Monday counts from its week's Monday
		expect(cycleOn({ ...fortnightly, anchor: '2026-09-09' }, '2026-09-08').start).toBe('2026-09-07');
	});

	it('[RC1] a monthly cycle is the calendar month, due on its last such weekday', () => {
		expect(cycleOn(monthly, '2026-12-07')).toEqual({ id: 'c-2026-12-01', start: '2026-12-01', end: '2026-12-31', due: '2026-12-25' });
		expect(cycleOn({ ...monthly, dueWeekday: 4 }, '2026-12-07').due).toBe('2026-12-31');
		expect(cycleOn(monthly, '2027-02-10')).toMatchObject({ start: '2027-02-01', end: '2027-02-28', due: '2027-02-26' });
	});

	it('[RC2] the previous cycle is the one ending the day before', () => {
		expect(previousCycle(weekly, cycleOn(weekly, '2026-12-07')).id).toBe('c-2026-11-30');
		expect(previousCycle(monthly, cycleOn(monthly, '2026-01-15')).id).toBe('c-2025-12-01');
	});

	it('[RC3] cycles between two days, oldest first, each day in exactly one', () => {
		const cs = cyclesBetween(weekly, '2026-11-18', '2026-12-07');
		expect(cs.map((c) => c.id)).toEqual(['c-2026-11-16', 'c-2026-11-23', 'c-2026-11-30', 'c-2026-12-07']);
	});
});
