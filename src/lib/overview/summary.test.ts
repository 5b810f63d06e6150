import { describe, expect, it } from 'vitest';
import type { Phase } from '../shared/plan/types';
import { timelineLayout } from './summary';

const phases: Phase[] = [
	{ key: 'launch', name: '启动', start: '2026-01-01', end: '2026-01-31' },
	{ key: 'pilot', name: '试点', start: '2026-02-01', end: '2026-03-02' }
];

describe('overview timeline', () => {
	it('lays phases out in proportion to their days, with today inside the current one', () => {
		const t = timelineLayout(phases, '2026-02-10');
		expect(t.segments.map((s) => s.state)).toEqual(['past', 'current']);
		expect(t.segments[0].left).toBe(0);
		expect(t.segments[0].width).toBeCloseTo(50.82, 1);
		expect(t.segments[1].left + t.segments[1].width).toBe(100);
		expect(t.today).toBeGreaterThan(t.segments[1].left);
	});

	it('puts no marker when today is outside the plan and skips phases with bad dates', () => {
		expect(timelineLayout(phases, '2027-01-01').today).toBeNull();
		expect(timelineLayout(phases, '2027-01-01').segments.every((s) => s.state === 'past')).toBe(true);
		expect(timelineLayout([{ ...phases[0], end: 'soon' }], '2026-01-02').segments).toEqual([]);
	});
});
