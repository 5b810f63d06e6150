import { describe, expect, it } from 'vitest';
import { kindBars, monthChart, monthsBetween } from './chart';
import type { VisitKind } from '../shared/plan/types';

const box = { width: 220, height: 120, margin: { top: 10, right: 10, bottom: 20, left: 10 } };

describe('visit charts', () => {
	it('[B7] months run from the first month to the last, across a new year', () => {
		expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
		expect(monthsBetween('2026-04-01', '2026-03-31')).toEqual([]);
		expect(monthsBetween('2026-03-31', '2026-03-01')).toEqual(['2026-03']);
	});

	it('[B7] bars stack kinds per month from the baseline, with heights proportional to counts', () => {
		const byMonth = new Map<string, Map<VisitKind, number>>([
			['2026-09', new Map<VisitKind, number>([['joint_research', 2], ['cadre_rotation', 1]])],
			['2026-11', new Map<VisitKind, number>([['other', 3], ['cadre_rotation', 1]])]
		]);
		const c = monthChart(byMonth, ['2026-09', '2026-10', '2026-11'], box);
		expect(c.baseline).toBe(100);
		expect(c.bars.map((b) => [b.month, b.kind, b.count])).toEqual([
			['2026-09', 'cadre_rotation', 1],
			['2026-11', 'cadre_rotation', 1],
			['2026-09', 'joint_research', 2],
			['2026-11', 'other', 3]
		]);
		const sep = c.bars.filter((b) => b.month === '2026-09');
		// cadre_rotation sits on the baseline; joint_research on top of it, twice as tall.
		expect(sep[0].y + sep[0].height).toBeCloseTo(100);
		expect(sep[1].y + sep[1].height).toBeCloseTo(sep[0].y);
		expect(sep[1].height).toBeCloseTo(sep[0].height * 2);
		// The tallest month (4 visits) reaches the top of the plot.
		const nov = c.bars.filter((b) => b.month === '2026-11');
		expect(Math.min(...nov.map((b) => b.y))).toBeCloseTo(10);
		expect(c.xLabels.map((l) => l.month)).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(c.xLabels[0].x).toBeLessThan(c.xLabels[1].x);
		expect(c.yTicks.every((t) => Number.isInteger(t.value))).toBe(true);
		expect(c.yTicks[0]).toEqual({ value: 0, y: 100 });
	});

	it('[B7] with no visits there are no bars, and the axis still stands', () => {
		const c = monthChart(new Map(), ['2026-09'], box);
		expect(c.bars).toEqual([]);
		expect(c.yTicks.length).toBeGreaterThan(0);
	});

	it('[B7] kind bars are proportional to the largest count and skip kinds without visits', () => {
		expect(kindBars(new Map<VisitKind, number>([['other', 2], ['lesson_observation', 4]]), 200)).toEqual([
			{ kind: 'lesson_observation', count: 4, width: 200 },
			{ kind: 'other', count: 2, width: 100 }
		]);
		expect(kindBars(new Map(), 200)).toEqual([]);
	});
});
