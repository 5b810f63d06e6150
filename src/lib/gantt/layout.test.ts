import { describe, expect, it } from 'vitest';
import {
	axisTicks,
	barGeometry,
	buildRows,
	dateAt,
	daysFromPx,
	clipArrow,
	dependencyPath,
	dependencyPoints,
	dragDates,
	inViewX,
	linksInView,
	linksOf,
	makeAxis,
	progressAt,
	pxPerDayFor,
	scrollForZoom,
	visibleRows,
	xOf
} from './layout';
import { task } from './test-task';


describe('time axis', () => {
	it('[G1] fixed day widths per zoom; the plan zoom fits the range into the viewport', () => {
		expect([pxPerDayFor('week', 365, 1000), pxPerDayFor('month', 365, 1000), pxPerDayFor('quarter', 365, 1000)]).toEqual([28, 8, 3]);
		expect(pxPerDayFor('plan', 365, 730)).toBe(2);
		expect(pxPerDayFor('plan', 10_000, 730)).toBe(0.5);
	});
	it('[G1] x of a day and the day under an x are inverse, whole days', () => {
		const axis = makeAxis('2026-01-01', '2026-12-31', 8);
		expect(axis).toEqual({ day0: 20454, days: 365, pxPerDay: 8, width: 2920 });
		expect(xOf(axis, '2026-01-01')).toBe(0);
		expect(xOf(axis, '2026-03-01')).toBe(59 * 8);
		expect(dateAt(axis, 59 * 8 + 7.9)).toBe('2026-03-01');
		expect(dateAt(axis, 59 * 8 - 0.1)).toBe('2026-02-28');
	});
	it('[G2] a bar covers start through due inclusive; start = due is a milestone; bad dates draw nothing', () => {
		const axis = makeAxis('2026-01-01', '2026-12-31', 10);
		expect(barGeometry(axis, '2026-01-05', '2026-01-09')).toEqual({ x: 40, width: 50, milestone: false });
		expect(barGeometry(axis, '2026-01-05', '2026-01-05')).toEqual({ x: 40, width: 10, milestone: true });
		expect(barGeometry(axis, '', '2026-01-05')).toBeNull();
		expect(barGeometry(axis, '2026-01-09', '2026-01-05')).toBeNull();
	});
	it('[G3] ticks: months above days at week zoom, quarters above months at quarter zoom', () => {
		const axis = makeAxis('2026-01-01', '2026-12-31', 28);
		const week = axisTicks(axis, 'week');
		expect(week.upper.map((t) => t.date.slice(5))).toEqual(['01-01', '02-01', '03-01', '04-01', '05-01', '06-01', '07-01', '08-01', '09-01', '10-01', '11-01', '12-01']);
		expect(week.upper[1].x).toBe(31 * 28);
		expect(week.lower).toHaveLength(365);
		const q = axisTicks(makeAxis('2026-01-01', '2026-12-31', 3), 'quarter');
		expect(q.upper.map((t) => t.date)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
		expect(q.upper[0].width).toBe(90 * 3);
		const m = axisTicks(makeAxis('2026-01-01', '2026-01-31', 8), 'month');
		// Jan 1 2026 is a Thursday: the label row starts there, then Mondays.
		expect(m.lower.map((t) => t.date)).toEqual(['2026-01-01', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
	});
});

describe('rows', () => {
	const tasks = [task('a', { workstream: 'B' }), task('b', { workstream: 'A', phase: 'pilot' }), task('c', { workstream: 'B', phase: 'pilot' })];
	it('[G4] groups in order of first appearance, a header per group, plan-order numbers', () => {
		const rows = buildRows(tasks, { groupBy: 'workstream', collapsed: new Set(), phase: null });
		expect(rows.map((r) => (r.kind === 'group' ? `#${r.key}:${r.count}` : `${r.number}${r.task.id}`))).toEqual(['#B:2', '1a', '3c', '#A:1', '2b']);
		expect(rows.map((r) => r.y)).toEqual([0, 30, 60, 90, 120]);
	});
	it('[G4] a collapsed group keeps its header only; the per-phase view keeps that phase; phases in phase order', () => {
		const rows = buildRows(tasks, { groupBy: 'workstream', collapsed: new Set(['B']), phase: null });
		expect(rows.map((r) => (r.kind === 'group' ? `#${r.key}${r.collapsed ? '-' : '+'}` : r.task.id))).toEqual(['#B-', '#A+', 'b']);
		const pilot = buildRows(tasks, { groupBy: 'none', collapsed: new Set(), phase: 'pilot' });
		expect(pilot.map((r) => (r.kind === 'task' ? r.number : 0))).toEqual([2, 3]);
		const byPhase = buildRows([tasks[1], tasks[0]], { groupBy: 'phase', collapsed: new Set(), phase: null });
		expect(byPhase.filter((r) => r.kind === 'group').map((r) => (r as { key: string }).key)).toEqual(['launch', 'pilot']);
	});
	it('[G5] only the rows in the viewport (plus overscan) are drawn', () => {
		expect(visibleRows(10_000, 0, 600, 5)).toEqual({ from: 0, to: 25 });
		expect(visibleRows(10_000, 30_000, 600, 5)).toEqual({ from: 995, to: 1025 });
		expect(visibleRows(10, 0, 6000, 5)).toEqual({ from: 0, to: 10 });
		expect(inViewX(100, 50, 160, 400)).toBe(false);
		expect(inViewX(100, 60, 160, 400)).toBe(true);
	});
	it('[G5] arrows are drawn when both ends are shown and their span meets the window', () => {
		const links = linksOf([task('a'), task('b', { deps: ['a', 'ghost', 'b'] }), task('c', { deps: ['a'] })]);
		expect(links).toEqual([{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }]);
		const rowOf = new Map([['a', 0], ['b', 500]]);
		expect(linksInView(links, rowOf, 200, 230)).toEqual([{ from: 'a', to: 'b' }]);
		expect(linksInView(links, rowOf, 501, 530)).toEqual([]);
	});
});

describe('dependency paths', () => {
	it('[G6] out, down and in when the successor starts to the right; around when it starts left', () => {
		expect(dependencyPath(100, 15, 140, 75)).toBe('M100,15L106,15L106,75L140,75');
		expect(dependencyPath(100, 15, 90, 75)).toBe('M100,15L106,15L106,30L84,30L84,75L90,75');
	});
});

describe('arrows across many rows', () => {
	it('[G5] an arrow is drawn only across the rows in view, its head only when its end is there', () => {
		// From row 0 (y 15) down to row 5000 (y 150015): out, down, in.
		const pts = dependencyPoints(100, 15, 300, 150_015);
		expect(clipArrow(pts, 0, 600)).toEqual({ d: 'M100,15L106,15L106,600', head: false });
		expect(clipArrow(pts, 90_000, 90_600)).toEqual({ d: 'M106,90000L106,90600', head: false });
		expect(clipArrow(pts, 149_900, 150_500)).toEqual({ d: 'M106,149900L106,150015L300,150015', head: true });
		expect(clipArrow(pts, 200_000, 200_600)).toEqual({ d: '', head: false });
	});

	it('[G5] the arrow running back along half a row keeps its shape inside the window', () => {
		const pts = dependencyPoints(300, 15, 100, 75);
		const whole = clipArrow(pts, -1000, 1000);
		expect(whole).toEqual({ d: dependencyPath(300, 15, 100, 75), head: true });
		// Upwards arrows are clipped the same way.
		expect(clipArrow(dependencyPoints(100, 3015, 300, 15), 0, 600)).toEqual({ d: 'M106,600L106,15L300,15', head: true });
	});
});

describe('drags', () => {
	const t = { start: '2026-03-10', due: '2026-03-20' };
	it('[G7] pointer travel snaps to whole days', () => {
		expect(daysFromPx(13, 8)).toBe(2);
		expect(daysFromPx(-3.9, 8)).toBe(0);
		expect(daysFromPx(-4.1, 8)).toBe(-1);
	});
	it('[G7] a move shifts both dates; an edge drag changes only its date, never past the other', () => {
		expect(dragDates(t, 'move', 3)).toEqual({ start: '2026-03-13', due: '2026-03-23' });
		expect(dragDates(t, 'start', -2)).toEqual({ start: '2026-03-08', due: '2026-03-20' });
		expect(dragDates(t, 'due', 5)).toEqual({ start: '2026-03-10', due: '2026-03-25' });
		expect(dragDates(t, 'start', 30)).toEqual({ start: '2026-03-20', due: '2026-03-20' });
		expect(dragDates(t, 'due', -30)).toEqual({ start: '2026-03-10', due: '2026-03-10' });
	});
	it('[G8] the progress handle gives a whole percentage, clamped 0–100', () => {
		expect(progressAt(150, 100, 200)).toBe(25);
		expect(progressAt(50, 100, 200)).toBe(0);
		expect(progressAt(400, 100, 200)).toBe(100);
	});
	it('[G9] zooming keeps the day under the pointer in place', () => {
		// Day 100 at 8 px/day is at 800; 200 px into the viewport means scrollLeft 600.
		expect(scrollForZoom(600, 200, 8, 28)).toBe(100 * 28 - 200);
		expect(scrollForZoom(0, 0, 8, 3)).toBe(0);
	});
});
