import { describe, expect, it } from 'vitest';
import { figuresDue } from './figures-due';
import type { IndicatorDetail } from './indicators';

const ind = (id: string, scope: 'school' | 'district', schools: IndicatorDetail['schools']): IndicatorDetail =>
	({ id, scope, schools, name: id, unit: '%', op: '>=', target: 50, group: 'g', value: null, gap: null, met: null, measuredAt: null, trend: [] }) as unknown as IndicatorDetail;

describe('figuresDue', () => {
	const cycle = { start: '2026-12-07', end: '2026-12-13' };
	it('[I6] lists first the school indicators with no figure of the school in the cycle, and skips district ones', () => {
		const list = figuresDue(
			[
				ind('a', 'school', [{ schoolId: 's1', value: 40, date: '2026-12-08', gap: 10, met: false }]),
				ind('b', 'school', [{ schoolId: 's1', value: 40, date: '2026-11-01', gap: 10, met: false }]),
				ind('c', 'district', []),
				ind('d', 'school', [{ schoolId: 's2', value: 60, date: '2026-12-08', gap: -10, met: true }])
			],
			's1',
			cycle
		);
		expect(list.map((f) => [f.indicator.id, f.due])).toEqual([
			['b', true],
			['d', true],
			['a', false]
		]);
		expect(list[1].latest).toBeNull();
		expect(list[0].latest).toEqual({ value: 40, date: '2026-11-01', gap: 10 });
	});
});
