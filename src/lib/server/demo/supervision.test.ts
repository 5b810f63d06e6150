import { describe, expect, it } from 'vitest';
import { attentionState } from '../../shared/plan/attention';
import { buildDemoWorkspace } from './data';
import { buildSupervisionDemo } from './supervision';

const TODAY = '2026-12-07';

describe('demo supervision', () => {
	const ws = buildDemoWorkspace(TODAY);
	const sv = buildSupervisionDemo(ws, TODAY);

	it('[W5] two cycles of reports: some sent, some nil, some missing in each', () => {
		const cycles = [...new Set(sv.reports.map((r) => r.cycle.id))];
		expect(cycles).toEqual(['c-2026-11-30', 'c-2026-12-07']);
		const reporters = sv.units.length + ws.schools.filter((s) => s.pilot).length;
		for (const c of cycles) {
			const of = sv.reports.filter((r) => r.cycle.id === c);
			expect(of.some((r) => r.nil)).toBe(true);
			expect(of.some((r) => !r.nil && r.progress)).toBe(true);
			expect(of.length).toBeLessThan(reporters);
		}
		expect(sv.reports.some((r) => r.kind === 'unit' && r.reporter === '教研中心')).toBe(false);
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
});
