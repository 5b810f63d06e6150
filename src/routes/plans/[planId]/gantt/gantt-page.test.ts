import { describe, expect, it } from 'vitest';
import type { PlanLive } from '$lib/collab/plan-live.svelte';
import { makeTask } from '$lib/table/test-task';
import type { Phase, Task } from '$lib/shared/plan/types';
import { GanttPage } from './gantt-page.svelte';

const phases: Phase[] = [{ key: 'launch', start: '2026-03-01', end: '2026-03-31' } as Phase];

/** A stand-in for the live plan: records each undo step and the updates inside it. */
function fakeLive(tasks: Task[], editable = true) {
	const steps: { id: string; patch: object }[][] = [];
	let current: { id: string; patch: object }[] | null = null;
	const live = {
		editable,
		tasks,
		baselines: [],
		step<T>(fn: () => T): T {
			current = [];
			const r = fn();
			steps.push(current);
			current = null;
			return r;
		},
		updateTask(id: string, patch: object) {
			current?.push({ id, patch });
			return { ok: true };
		}
	};
	return { live: live as unknown as PlanLive, steps };
}

function pageOf(tasks: Task[], editable = true, readOnlyReason: string | null = null) {
	const { live, steps } = fakeLive(tasks, editable);
	const page = new GanttPage(() => ({ live, tasks, phases, plan: { title: 'P', end: '2026-12-31' }, today: '2026-03-01', readOnlyReason }));
	return { page, steps };
}

const a = makeTask({ id: 'a', start: '2026-03-01', due: '2026-03-10' });
const b = makeTask({ id: 'b', start: '2026-03-10', due: '2026-03-12', deps: ['a'] });
const c = makeTask({ id: 'c', start: '2026-03-13', due: '2026-03-14', deps: ['b'] });

describe('Gantt page', () => {
	it('[S7] lists each link whose successor starts on or before its predecessor’s due day', () => {
		const { page } = pageOf([a, b, c]);
		expect(page.earlyStarts).toEqual([{ from: 'a', to: 'b' }]);
		expect([...page.earlyKeys]).toEqual(['a>b']);
	});

	it('[S13] the fix moves the task and its pushed successors in one undo step', () => {
		const { page, steps } = pageOf([a, b, c]);
		page.fixEarly('b');
		expect(steps).toHaveLength(1);
		expect(steps[0].map((u) => u.id).sort()).toEqual(['b', 'c']);
		expect(page.message?.kind).toBe('info');
	});

	it('[G7] a drop is one update in one undo step; read-only it is refused with the reason', () => {
		const { page, steps } = pageOf([a]);
		expect(page.commit('a', { start: '2026-03-02', due: '2026-03-11' })).toBeNull();
		expect(steps).toEqual([[{ id: 'a', patch: { start: '2026-03-02', due: '2026-03-11' } }]]);
		const ro = pageOf([a], false, 'viewers only look');
		expect(ro.page.commit('a', { progress: 10 })).toBe('viewers only look');
		expect(ro.page.message).toEqual({ kind: 'error', text: 'viewers only look' });
		expect(ro.steps).toEqual([]);
	});
});

describe('GanttPage in an approved plan', () => {
	const limits = new Map([['a', { due: '2026-03-10', removable: false }]]);
	function approvedPage(tasks: Task[]) {
		const { live, steps } = fakeLive(tasks);
		const limitOf = (id: string) => limits.get(id);
		const page = new GanttPage(() => ({ live, tasks, phases, plan: { title: 'P', end: '2026-12-31' }, today: '2026-03-01', readOnlyReason: null, limitOf }));
		return { page, steps };
	}

	it('[AP1] a drag past the approved due writes nothing and opens the request draft', () => {
		const { page, steps } = approvedPage([a]);
		expect(page.commit('a', { start: '2026-03-05', due: '2026-03-14' })).toBeNull();
		expect(steps).toHaveLength(0);
		expect(page.draft).toMatchObject({ kind: 'due', taskId: 'a', from: '2026-03-10', to: '2026-03-14', limit: '2026-03-10' });
		page.closeDraft();
		expect(page.draft).toBeNull();
	});

	it('[AP1] an earlier due, or a task without a limit, is written as before', () => {
		const { page, steps } = approvedPage([a, b]);
		page.commit('a', { start: '2026-02-27', due: '2026-03-08' });
		page.commit('b', { due: '2026-04-30' });
		expect(steps.flat().map((s) => s.id)).toEqual(['a', 'b']);
		expect(page.draft).toBeNull();
	});
});

describe('GanttPage: the baseline compared with', () => {
	it('[AP3] an approved plan compares with its latest approval baseline once; a choice made after stays', () => {
		const { live } = fakeLive([a]);
		(live as unknown as { baselines: { id: string }[] }).baselines = [{ id: 'approved-v1' }, { id: 'approved-v2' }, { id: 'mine' }];
		const page = new GanttPage(() => ({ live, tasks: [a], phases, plan: { title: 'P', end: '2026-12-31' }, today: '2026-03-01', readOnlyReason: null }));
		page.compareWithApproval(true);
		expect(page.baselineId).toBe('approved-v2');
		page.baselineId = '';
		page.compareWithApproval(true);
		expect(page.baselineId).toBe('');
	});
});
