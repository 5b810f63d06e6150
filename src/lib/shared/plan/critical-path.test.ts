import { describe, expect, it } from 'vitest';
import { computeSchedule, type ScheduleInput } from './critical-path';
import type { Phase } from './types';

const phases: Pick<Phase, 'key' | 'end'>[] = [
	{ key: 'launch', end: '2026-03-31' },
	{ key: 'pilot', end: '2026-06-30' }
];
const task = (id: string, start: string, due: string, deps: string[] = [], phase: ScheduleInput['phase'] = 'launch'): ScheduleInput => ({ id, start, due, deps, phase });
const byId = (s: ReturnType<typeof computeSchedule>) => Object.fromEntries(s.tasks.map((t) => [t.id, t]));

describe('computeSchedule', () => {
	it('[S10] a task with no successor finishes late at its phase end; [S11] slack is the days to it', () => {
		const s = byId(computeSchedule([task('a', '2026-03-01', '2026-03-20'), task('b', '2026-03-01', '2026-03-31')], phases));
		expect(s.a).toEqual({ id: 'a', lateFinish: '2026-03-31', slack: 11, critical: false });
		expect(s.b).toEqual({ id: 'b', lateFinish: '2026-03-31', slack: 0, critical: true });
	});

	it('[S10] a successor bounds its predecessor: lateFinish(s) − (due(s) − start(s)) − 1', () => {
		// c: 10 days (Mar 22–31, length 9), late finish Mar 31 → a may finish by Mar 21.
		const s = byId(computeSchedule([task('a', '2026-03-01', '2026-03-15'), task('c', '2026-03-22', '2026-03-31', ['a'])], phases));
		expect(s.c.lateFinish).toBe('2026-03-31');
		expect(s.a).toEqual({ id: 'a', lateFinish: '2026-03-21', slack: 6, critical: false });
	});

	it('[S10] the earliest bound wins across several successors and across phases', () => {
		const tasks = [
			task('a', '2026-03-01', '2026-03-10'),
			task('s1', '2026-03-20', '2026-03-31', ['a']),
			task('s2', '2026-04-01', '2026-06-30', ['a'], 'pilot')
		];
		const s = byId(computeSchedule(tasks, phases));
		// s1: late finish Mar 31, length 11 → Mar 19; s2: Jun 30 − 90 − 1 → Mar 31; phase end Mar 31.
		expect(s.a.lateFinish).toBe('2026-03-19');
		expect(s.a.slack).toBe(9);
		expect(s.s2.critical).toBe(true);
	});

	it('[S11] negative slack when the plan breaks a rule, and such tasks are critical', () => {
		const s = byId(computeSchedule([task('a', '2026-03-01', '2026-03-25'), task('b', '2026-03-20', '2026-03-31', ['a'])], phases));
		expect(s.a.lateFinish).toBe('2026-03-19');
		expect(s.a.slack).toBe(-6);
		expect(s.a.critical).toBe(true);
	});

	it('[S12] violations: early start (on or before the predecessor’s due day), unknown dependency', () => {
		const r = computeSchedule([task('a', '2026-03-01', '2026-03-10'), task('b', '2026-03-10', '2026-03-20', ['a', 'ghost'])], phases);
		expect(r.violations).toEqual([
			{ taskId: 'b', kind: 'early_start', dependsOn: 'a' },
			{ taskId: 'b', kind: 'unknown_dep', dependsOn: 'ghost' }
		]);
		const ok = computeSchedule([task('a', '2026-03-01', '2026-03-10'), task('b', '2026-03-11', '2026-03-20', ['a'])], phases);
		expect(ok.violations).toEqual([]);
	});

	it('[S12] every task on a cycle is a violation with slack null; tasks off the cycle still compute', () => {
		const tasks = [
			task('a', '2026-03-01', '2026-03-05', ['c']),
			task('b', '2026-03-06', '2026-03-10', ['a']),
			task('c', '2026-03-11', '2026-03-15', ['b']),
			task('self', '2026-03-01', '2026-03-02', ['self']),
			task('free', '2026-03-01', '2026-03-02')
		];
		const r = computeSchedule(tasks, phases);
		const s = byId(r);
		for (const id of ['a', 'b', 'c', 'self']) expect(s[id]).toMatchObject({ slack: null, lateFinish: null, critical: false });
		expect(s.free.slack).toBe(29);
		expect(r.violations.filter((v) => v.kind === 'cycle').map((v) => [v.taskId, v.dependsOn]).sort()).toEqual([
			['a', 'c'],
			['b', 'a'],
			['c', 'b'],
			['self', 'self']
		]);
	});

	it('[S10] a long chain (10,000 tasks) computes without recursion, in input order', () => {
		const tasks: ScheduleInput[] = [];
		for (let i = 0; i < 10_000; i++) tasks.push(task(`t${i}`, '2026-01-01', '2026-01-01', i ? [`t${i - 1}`] : []));
		const r = computeSchedule(tasks, [{ key: 'launch', end: '2060-01-01' }]);
		expect(r.tasks[0].id).toBe('t0');
		expect(r.tasks[9_999].lateFinish).toBe('2060-01-01');
		expect(r.tasks[0].lateFinish).toBe('2032-08-16');
	});
});
