import { describe, expect, it } from 'vitest';
import { figuresSignature, mayMeasureFor, mayMeasureScope, type IndicatorFigures } from './indicators';

const definition = { id: 'a', group: 'g1', name: '过程性评价占比', unit: '%', op: '>=', target: 40, baseline: 26, scope: 'district' } as const;
const fig: IndicatorFigures = { ...definition, value: 38, gap: 2, met: false, measuredAt: '2026-05-01' };

describe('indicator figures on the page', () => {
	it('[I5] the signature ignores key order and moves with any figure', () => {
		const reordered = Object.fromEntries(Object.entries(fig).reverse()) as unknown as IndicatorFigures;
		expect(figuresSignature([reordered])).toBe(figuresSignature([fig]));
		expect(figuresSignature([{ ...fig, value: 38.5, gap: 1.5 }])).not.toBe(figuresSignature([fig]));
		expect(figuresSignature([{ ...fig, measuredAt: '2026-05-02' }])).not.toBe(figuresSignature([fig]));
		expect(figuresSignature([])).not.toBe(figuresSignature([fig]));
	});

	it('[I4][I5] admins and leaders enter any figure, a coordinator only their school’s, others none', () => {
		const leader = { role: 'leader' as const, schoolId: null };
		const coordinator = { role: 'coordinator' as const, schoolId: 's1' };
		const partner = { role: 'partner' as const, schoolId: 's1' };
		expect([mayMeasureFor(leader, null), mayMeasureFor(leader, 's2')]).toEqual([true, true]);
		expect([mayMeasureFor(coordinator, 's1'), mayMeasureFor(coordinator, 's2'), mayMeasureFor(coordinator, null)]).toEqual([true, false, false]);
		expect([mayMeasureFor(partner, 's1'), mayMeasureFor({ role: 'viewer', schoolId: null }, null)]).toEqual([false, false]);
		expect([mayMeasureScope(coordinator, 'school'), mayMeasureScope(coordinator, 'district')]).toEqual([true, false]);
		expect([mayMeasureScope(leader, 'school'), mayMeasureScope(partner, 'school')]).toEqual([true, false]);
		expect(mayMeasureScope({ role: 'coordinator', schoolId: null }, 'school')).toBe(false);
	});
});
