import { describe, expect, it } from 'vitest';
import { trendChart } from './trend-chart';

const box = { width: 300, height: 120, margin: { top: 10, right: 10, bottom: 20, left: 30 } };
const year = { from: '2026-01-01', to: '2026-12-31' };

describe('trendChart', () => {
	it('[I3] places each trend point by its day over the plan, the target and baseline as lines', () => {
		const c = trendChart({ ...year, trend: [{ date: '2026-01-01', value: 30 }, { date: '2026-12-31', value: 35 }], target: 35, baseline: 28 }, box);
		expect(c.points.map((p) => p.x)).toEqual([30, 290]);
		expect(c.points[1].y).toBeCloseTo(c.targetY);
		expect(c.baselineY!).toBeGreaterThan(c.points[0].y); // lower value, lower on the page (larger y)
		expect(c.targetY).toBeGreaterThanOrEqual(10);
		expect(c.baselineY!).toBeLessThanOrEqual(100);
		expect(c.path).toMatch(/^M30,[\d.]+L290,[\d.]+$/);
		expect(c.yTicks.length).toBeGreaterThanOrEqual(2);
		expect([c.left, c.right]).toEqual([30, 290]);
		expect(c.xTicks.map((t) => t.date)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
		expect(c.xTicks[0].x).toBe(30);
	});

	it('[I3] without measurements draws no line but still the target; a lone value stays inside the plot', () => {
		const empty = trendChart({ ...year, trend: [], target: 90, baseline: null }, box);
		expect(empty.path).toBe('');
		expect(empty.baselineY).toBeNull();
		expect(empty.targetY).toBeGreaterThan(10);
		expect(empty.targetY).toBeLessThan(100);
		const flat = trendChart({ ...year, trend: [{ date: '2026-06-30', value: 90 }], target: 90, baseline: null }, box);
		expect(flat.points[0].y).toBeCloseTo(flat.targetY);
		expect(flat.points[0].x).toBeGreaterThan(150);
		expect(flat.points[0].x).toBeLessThan(170);
	});

	it('[I3] an axis of figures that are never negative starts at zero at the lowest', () => {
		const c = trendChart({ ...year, trend: [{ date: '2026-04-20', value: 6.9 }], target: 20, baseline: 0 }, box);
		expect(Math.min(...c.yTicks.map((t) => t.value))).toBe(0);
		expect(c.baselineY).toBeCloseTo(100);
	});
});
