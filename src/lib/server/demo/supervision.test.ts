import { describe, expect, it } from 'vitest';
import { attentionState } from '../../shared/plan/attention';
import { buildDemoWorkspace } from './data';
import { buildSupervisionDemo, demoBriefing } from './supervision';
import { buildDemoMeasurements } from './measurements';

const TODAY = '2026-12-07';

describe('demo supervision', () => {
	const ws = buildDemoWorkspace(TODAY);
	const sv = buildSupervisionDemo(ws, TODAY);

	it('[W5] cycles of reports up to the current one: some sent, some nil, some missing in the last two', () => {
		const all = [...new Set(sv.reports.map((r) => r.cycle.id))].sort();
		expect(all.slice(-2)).toEqual(['c-2026-11-30', 'c-2026-12-07']);
		expect(all.length).toBe(6);
		const cycles = all.slice(-2);
		const reporters = sv.units.length + ws.schools.filter((s) => s.pilot).length;
		for (const c of cycles) {
			const of = sv.reports.filter((r) => r.cycle.id === c);
			expect(of.some((r) => r.nil)).toBe(true);
			expect(of.some((r) => !r.nil && r.progress)).toBe(true);
			expect(of.length).toBeLessThan(reporters);
		}
		expect(sv.reports.some((r) => cycles.includes(r.cycle.id) && r.kind === 'unit' && r.reporter === '教研中心')).toBe(false);
	});

	it('[W5] notices open, answered and closed, each issued on a target that was behind or overdue', () => {
		expect(sv.notices.filter((n) => !n.reply).length).toBeGreaterThan(0);
		expect(sv.notices.filter((n) => n.reply && !n.closed).length).toBeGreaterThan(0);
		expect(sv.notices.filter((n) => n.closed).length).toBe(1);
		for (const n of sv.notices.filter((x) => !x.closed && x.taskId)) {
			expect(['overdue', 'behind']).toContain(attentionState(ws.tasks.find((t) => t.id === n.taskId)!, TODAY));
		}
		expect(sv.notices.some((n) => n.milestoneId)).toBe(true);
	});

	it('[W5] one published monthly briefing of the month before, with its figures: visits, indicator movement, reports', () => {
		const b = demoBriefing(ws, sv, TODAY, buildDemoMeasurements(ws));
		expect(b.period).toEqual({ start: '2026-11-01', end: '2026-11-30' });
		expect(b.title).toBe('2026年11月教育教学质量提升工作通报');
		expect(b.figures.visits.total).toBeGreaterThan(0);
		expect(b.figures.indicators.some((i) => i.to !== null && i.to !== i.from)).toBe(true);
		expect(b.figures.reports.expected).toBe(4 * (sv.units.length + ws.schools.filter((s) => s.pilot).length));
		expect(b.figures.reports.submitted + b.figures.reports.nil).toBeGreaterThan(b.figures.reports.missing);
		expect(b.publishedAt).toBeLessThanOrEqual(Date.parse(`${TODAY}T08:00:00+08:00`));
		for (const s of Object.values(b.sections)) expect(s.length).toBeGreaterThan(10);
	});
});
