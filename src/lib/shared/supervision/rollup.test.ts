import { describe, expect, it } from 'vitest';
import { perSchool, rollUp, trend } from './rollup';

const district = { op: '>=' as const, target: 98, scope: 'district' as const };
const perSchoolTarget = { op: '>=' as const, target: 35, scope: 'school' as const };
const cap = { op: '<=' as const, target: 10, scope: 'district' as const };

describe('indicator roll-up', () => {
	it('[I1] a district indicator takes its latest measurement; gap and met follow the op', () => {
		const f = rollUp(district, [
			{ value: 96.5, date: '2026-03-01', schoolId: null },
			{ value: 97.2, date: '2026-06-01', schoolId: null },
			{ value: 95, date: '2026-04-01', schoolId: null }
		]);
		expect(f).toEqual({ value: 97.2, gap: 0.8, met: false, measuredAt: '2026-06-01' });
		expect(rollUp(district, [{ value: 98, date: '2026-06-01', schoolId: null }]).met).toBe(true);
		expect(rollUp(cap, [{ value: 12, date: '2026-06-01', schoolId: null }])).toMatchObject({ gap: 2, met: false });
		expect(rollUp(cap, [{ value: 8, date: '2026-06-01', schoolId: null }])).toMatchObject({ gap: -2, met: true });
	});

	it('[I1] a school indicator is the mean of each school’s latest; none measured is null', () => {
		const f = rollUp(perSchoolTarget, [
			{ value: 20, date: '2026-03-01', schoolId: 'a' },
			{ value: 30, date: '2026-06-01', schoolId: 'a' },
			{ value: 40, date: '2026-05-01', schoolId: 'b' },
			{ value: 99, date: '2026-05-01', schoolId: null }
		]);
		expect(f).toEqual({ value: 35, gap: 0, met: true, measuredAt: '2026-06-01' });
		expect(rollUp(perSchoolTarget, [])).toEqual({ value: null, gap: null, met: null, measuredAt: null });
	});

	it('[I1] a later entry of the same day corrects the earlier one; non-finite values are ignored', () => {
		const f = rollUp(district, [
			{ value: 90, date: '2026-06-01', schoolId: null },
			{ value: 97, date: '2026-06-01', schoolId: null },
			{ value: Number.NaN, date: '2026-07-01', schoolId: null }
		]);
		expect(f.value).toBe(97);
	});

	it('[I2] the per-school spread lists each school’s latest with its gap, worst first', () => {
		const rows = perSchool(perSchoolTarget, [
			{ value: 40, date: '2026-05-01', schoolId: 'b' },
			{ value: 20, date: '2026-03-01', schoolId: 'a' },
			{ value: 30, date: '2026-06-01', schoolId: 'a' }
		]);
		expect(rows.map((r) => [r.schoolId, r.value, r.gap, r.met])).toEqual([
			['a', 30, 5, false],
			['b', 40, -5, true]
		]);
		expect(perSchool(district, [{ value: 1, date: '2026-01-01', schoolId: null }])).toEqual([]);
	});

	it('[I3] the trend is the roll-up as it stood after each measurement day', () => {
		const t = trend(perSchoolTarget, [
			{ value: 20, date: '2026-03-01', schoolId: 'a' },
			{ value: 40, date: '2026-05-01', schoolId: 'b' },
			{ value: 30, date: '2026-06-01', schoolId: 'a' }
		]);
		expect(t).toEqual([
			{ date: '2026-03-01', value: 20 },
			{ date: '2026-05-01', value: 30 },
			{ date: '2026-06-01', value: 35 }
		]);
	});
});
