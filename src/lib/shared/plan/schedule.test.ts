import { describe, expect, it } from 'vitest';
import {
	dependencyViolations,
	expectedProgress,
	findCycles,
	isBehind,
	isOverdue,
	isWithinPhase,
	phaseForDate,
	summarize,
	topologicalOrder
} from './schedule';
import type { Phase, Task } from './types';

const phases: Phase[] = [
	{ key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' },
	{ key: 'pilot', name: '试点推进', start: '2026-04-01', end: '2026-06-30' },
	{ key: 'rollout', name: '全面实施', start: '2026-07-01', end: '2026-11-30' },
	{ key: 'evaluation', name: '总结评估', start: '2026-12-01', end: '2026-12-31' }
];

let n = 0;
function task(over: Partial<Task> = {}): Task {
	n++;
	return {
		id: `t${n}`,
		title: `任务${n}`,
		workstream: '课程建设',
		phase: 'pilot',
		unit: '教研中心',
		lead: '孙伟',
		start: '2026-04-01',
		due: '2026-04-11',
		status: 'doing',
		progress: 0,
		deps: [],
		order: 'a0',
		...over
	};
}

describe('expected progress', () => {
	it('[S1] is 0 before the start, linear in between and 100 from the due day on', () => {
		const t = { start: '2026-04-01', due: '2026-04-11' };
		expect(expectedProgress(t, '2026-03-31')).toBe(0);
		expect(expectedProgress(t, '2026-04-01')).toBe(0);
		expect(expectedProgress(t, '2026-04-02')).toBeCloseTo(10);
		expect(expectedProgress(t, '2026-04-06')).toBeCloseTo(50);
		expect(expectedProgress(t, '2026-04-11')).toBe(100);
		expect(expectedProgress(t, '2027-01-01')).toBe(100);
		const oneDay = { start: '2026-05-10', due: '2026-05-10' };
		expect(expectedProgress(oneDay, '2026-05-09')).toBe(0);
		expect(expectedProgress(oneDay, '2026-05-10')).toBe(100);
	});
	it('[S1] never decreases as days pass', () => {
		const t = { start: '2026-02-27', due: '2026-03-05' };
		let last = -1;
		for (const d of ['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-04', '2026-03-05', '2026-03-06']) {
			const p = expectedProgress(t, d);
			expect(p).toBeGreaterThanOrEqual(last);
			last = p;
		}
	});
});

describe('overdue and behind', () => {
	it('[S2] overdue means past the due day and not done', () => {
		const t = task({ due: '2026-04-11', status: 'doing' });
		expect(isOverdue(t, '2026-04-11')).toBe(false);
		expect(isOverdue(t, '2026-04-12')).toBe(true);
		expect(isOverdue({ ...t, status: 'blocked' }, '2026-04-12')).toBe(true);
		expect(isOverdue({ ...t, status: 'todo' }, '2026-04-12')).toBe(true);
		expect(isOverdue({ ...t, status: 'done' }, '2026-05-01')).toBe(false);
	});
	it('[S2] an empty or invalid due date is never overdue', () => {
		for (const due of ['', 'not-a-date', '2026-02-30', '0000-00-00']) {
			expect(isOverdue(task({ due, status: 'doing' }), '2026-04-12'), due).toBe(false);
		}
	});
	it('[S3] a task with an empty or invalid start or due is never behind', () => {
		expect(isBehind(task({ start: '', due: '2026-04-11', progress: 0 }), '2026-04-06')).toBe(false);
		expect(isBehind(task({ start: '2026-04-01', due: '', progress: 0 }), '2026-04-06')).toBe(false);
		expect(isBehind(task({ start: '2026-04-01', due: 'soon', progress: 0 }), '2026-05-06')).toBe(false);
	});
	it('[S3] behind means not done and at least 20 points below expected', () => {
		const t = task({ start: '2026-04-01', due: '2026-04-11' });
		// Expected 50 on 04-06.
		expect(isBehind({ ...t, progress: 30 }, '2026-04-06')).toBe(true);
		expect(isBehind({ ...t, progress: 31 }, '2026-04-06')).toBe(false);
		expect(isBehind({ ...t, progress: 0, status: 'blocked' }, '2026-04-06')).toBe(true);
		expect(isBehind({ ...t, progress: 0, status: 'done' }, '2026-04-06')).toBe(false);
		expect(isBehind({ ...t, progress: 0 }, '2026-03-01')).toBe(false);
		expect(isBehind({ ...t, progress: 30 }, '2026-04-06', 25)).toBe(false);
	});
});

describe('phases', () => {
	it('[S4] phaseForDate finds the phase holding a day, both ends included', () => {
		expect(phaseForDate(phases, '2026-01-01')?.key).toBe('launch');
		expect(phaseForDate(phases, '2026-03-31')?.key).toBe('launch');
		expect(phaseForDate(phases, '2026-04-01')?.key).toBe('pilot');
		expect(phaseForDate(phases, '2026-11-25')?.key).toBe('rollout');
		expect(phaseForDate(phases, '2026-12-31')?.key).toBe('evaluation');
		expect(phaseForDate(phases, '2027-01-01')).toBeNull();
		expect(phaseForDate(phases, '2025-12-31')).toBeNull();
		// Overlap: the earlier phase in plan order wins, whatever the array order.
		const overlapping: Phase[] = [
			{ key: 'pilot', name: 'p', start: '2026-03-15', end: '2026-06-30' },
			{ key: 'launch', name: 'l', start: '2026-01-01', end: '2026-03-31' }
		];
		expect(phaseForDate(overlapping, '2026-03-20')?.key).toBe('launch');
	});
	it('[S5] a task lies inside its phase and does not end before it starts', () => {
		expect(isWithinPhase(task({ phase: 'pilot', start: '2026-04-01', due: '2026-06-30' }), phases)).toBe(true);
		expect(isWithinPhase(task({ phase: 'pilot', start: '2026-03-31', due: '2026-04-10' }), phases)).toBe(false);
		expect(isWithinPhase(task({ phase: 'pilot', start: '2026-06-01', due: '2026-07-01' }), phases)).toBe(false);
		expect(isWithinPhase(task({ phase: 'pilot', start: '2026-05-02', due: '2026-05-01' }), phases)).toBe(false);
		expect(isWithinPhase(task({ phase: 'evaluation' }), phases.slice(0, 2))).toBe(false);
	});
});

describe('summary', () => {
	it('[S6] counts by status and phase, overdue, behind, progress and the current phase', () => {
		const tasks = [
			task({ phase: 'launch', start: '2026-01-05', due: '2026-02-01', status: 'done', progress: 90 }),
			task({ phase: 'launch', start: '2026-01-05', due: '2026-03-01', status: 'doing', progress: 70 }),
			task({ phase: 'pilot', start: '2026-04-01', due: '2026-04-30', status: 'doing', progress: 20 }),
			task({ phase: 'pilot', start: '2026-04-10', due: '2026-06-30', status: 'blocked', progress: 0 }),
			task({ phase: 'rollout', start: '2026-07-01', due: '2026-09-30', status: 'todo', progress: 0 })
		];
		const s = summarize(tasks, phases, '2026-05-10');
		expect(s.total).toBe(5);
		expect(s.byStatus).toEqual({ todo: 1, doing: 2, done: 1, blocked: 1 });
		expect(s.byPhase.launch).toEqual({
			key: 'launch',
			total: 2,
			byStatus: { todo: 0, doing: 1, done: 1, blocked: 0 },
			progress: 85 // a done task counts as 100 even if its field says 90
		});
		expect(s.byPhase.pilot.byStatus).toEqual({ todo: 0, doing: 1, done: 0, blocked: 1 });
		expect(s.byPhase.evaluation).toEqual({
			key: 'evaluation',
			total: 0,
			byStatus: { todo: 0, doing: 0, done: 0, blocked: 0 },
			progress: 0
		});
		// Overdue: the unfinished launch task (due 03-01) and the pilot task due 04-30.
		expect(s.overdue).toBe(2);
		// Behind: those two (expected 100) and the blocked one (expected ≈ 36 on 05-10).
		expect(s.behind).toBe(3);
		expect(s.progress).toBe(Math.round((100 + 70 + 20 + 0 + 0) / 5));
		expect(s.currentPhase).toBe('pilot');
		expect(summarize([], phases, '2027-03-01')).toMatchObject({ total: 0, progress: 0, currentPhase: null });
	});
});

describe('finish-to-start dependencies', () => {
	it('[S7] a task starts no earlier than the day after each predecessor is due', () => {
		const a = task({ id: 'a', start: '2026-04-01', due: '2026-04-10' });
		const ok = task({ id: 'ok', start: '2026-04-11', due: '2026-04-20', deps: ['a'] });
		const sameDay = task({ id: 'same', start: '2026-04-10', due: '2026-04-20', deps: ['a'] });
		const early = task({ id: 'early', start: '2026-04-05', due: '2026-04-20', deps: ['a'] });
		expect(dependencyViolations([a, ok])).toEqual([]);
		expect(dependencyViolations([a, ok, sameDay, early])).toEqual([
			{ kind: 'starts_early', taskId: 'same', depId: 'a', start: '2026-04-10', earliest: '2026-04-11' },
			{ kind: 'starts_early', taskId: 'early', depId: 'a', start: '2026-04-05', earliest: '2026-04-11' }
		]);
	});
	it('[S8] finds every cycle, self-dependencies included, and orders acyclic plans', () => {
		const t = (id: string, deps: string[]) => task({ id, deps });
		const acyclic = [t('d', ['b', 'c']), t('b', ['a']), t('c', ['a']), t('a', [])];
		expect(findCycles(acyclic)).toEqual([]);
		expect(topologicalOrder(acyclic)!.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);

		const cyclic = [t('a', ['c']), t('b', ['a']), t('c', ['b']), t('d', ['a']), t('e', ['e']), t('f', ['g']), t('g', ['f'])];
		expect(findCycles(cyclic)).toEqual([['a', 'b', 'c'], ['e'], ['f', 'g']]);
		expect(topologicalOrder(cyclic)).toBeNull();

		// A long chain does not overflow the stack.
		const chain = Array.from({ length: 20_000 }, (_, i) => t(`c${i}`, i ? [`c${i - 1}`] : []));
		expect(findCycles(chain)).toEqual([]);
		chain[0].deps = ['c19999'];
		expect(findCycles(chain)[0]).toHaveLength(20_000);
	});
	it('[S9] lists missing and self dependencies and cycles as violations', () => {
		const a = task({ id: 'a', start: '2026-04-01', due: '2026-04-02', deps: ['b'] });
		const b = task({ id: 'b', start: '2026-04-03', due: '2026-04-04', deps: ['a', 'zz', 'b'] });
		const v = dependencyViolations([a, b]);
		expect(v).toContainEqual({ kind: 'missing', taskId: 'b', depId: 'zz' });
		expect(v).toContainEqual({ kind: 'self', taskId: 'b', depId: 'b' });
		expect(v).toContainEqual({ kind: 'cycle', taskIds: ['a', 'b'] });
		expect(v).toContainEqual({
			kind: 'starts_early',
			taskId: 'a',
			depId: 'b',
			start: '2026-04-01',
			earliest: '2026-04-05'
		});
		expect(v).toHaveLength(4);
	});
});
