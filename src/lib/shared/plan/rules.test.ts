import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readTasks, writeTask } from './doc';
import { checkTaskEdit, removeTaskFromDoc, wouldCycle, type EditContext } from './rules';
import type { Phase, Task } from './types';

const phases: Phase[] = [
	{ key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' },
	{ key: 'pilot', name: '试点推进', start: '2026-04-01', end: '2026-06-30' }
];
const t = (id: string, over: Partial<Task> = {}): Task => ({
	id,
	title: `任务 ${id}`,
	workstream: '课程建设',
	phase: 'launch',
	unit: '教研室',
	lead: '李明华',
	start: '2026-01-10',
	due: '2026-02-10',
	status: 'doing',
	progress: 20,
	deps: [],
	order: id,
	...over
});
const all = [t('a'), t('b', { deps: ['a'] }), t('c', { deps: ['b'] })];
const ctx: EditContext = { plan: { start: '2026-01-01', end: '2026-12-31' }, phases, tasks: all };

describe('task edit rules', () => {
	it('[E1] a date is a real day, due is not before start, both inside the plan and the phase', () => {
		expect(checkTaskEdit(all[0], { due: '2026-02-30' }, ctx)).toMatchObject({ ok: false, field: 'due', error: 'invalid_date' });
		expect(checkTaskEdit(all[0], { due: '2026-01-05' }, ctx)).toMatchObject({ ok: false, error: 'due_before_start' });
		expect(checkTaskEdit(all[0], { start: '2025-12-30' }, ctx)).toMatchObject({ ok: false, error: 'outside_plan' });
		expect(checkTaskEdit(all[0], { due: '2026-04-02' }, ctx)).toMatchObject({ ok: false, field: 'due', error: 'outside_phase' });
		expect(checkTaskEdit(all[0], { phase: 'pilot' }, ctx)).toMatchObject({ ok: false, field: 'phase', error: 'outside_phase' });
		// Phase and dates changed together are judged together.
		expect(checkTaskEdit(all[0], { phase: 'pilot', start: '2026-04-01', due: '2026-04-20' }, ctx)).toMatchObject({ ok: true });
		expect(checkTaskEdit(all[0], { due: ' 2026-03-01 ' }, ctx)).toEqual({ ok: true, patch: { due: '2026-03-01' }, offer: null });
	});

	it('[E2] progress is a whole number 0–100, the title is required, unknown fields are refused', () => {
		expect(checkTaskEdit(all[0], { progress: 101 }, ctx)).toMatchObject({ ok: false, error: 'progress_range' });
		expect(checkTaskEdit(all[0], { progress: 12.5 }, ctx)).toMatchObject({ ok: false, error: 'progress_range' });
		expect(checkTaskEdit(all[0], { title: '   ' }, ctx)).toMatchObject({ ok: false, error: 'title_required' });
		expect(checkTaskEdit(all[0], { colour: 'red' } as never, ctx)).toMatchObject({ ok: false, error: 'not_allowed' });
	});

	it('[E3] dependencies name known tasks and never close a cycle', () => {
		expect(checkTaskEdit(all[0], { deps: ['c'] }, ctx)).toMatchObject({ ok: false, error: 'dependency_cycle' });
		expect(checkTaskEdit(all[0], { deps: ['a'] }, ctx)).toMatchObject({ ok: false, error: 'dependency_cycle' });
		expect(checkTaskEdit(all[0], { deps: ['zz'] }, ctx)).toMatchObject({ ok: false, error: 'unknown_task' });
		expect(checkTaskEdit(all[2], { deps: ['a', 'b', 'a'] }, ctx)).toMatchObject({ ok: true, patch: { deps: ['a', 'b'] } });
		expect(wouldCycle(all, 'a', ['b'])).toBe(true);
		expect(wouldCycle(all, 'c', ['a'])).toBe(false);
	});

	it('[E4] done and 100% are offered as a pair', () => {
		expect(checkTaskEdit(all[0], { status: 'done' }, ctx)).toMatchObject({ ok: true, offer: { progress: 100 } });
		expect(checkTaskEdit(all[0], { progress: 100 }, ctx)).toMatchObject({ ok: true, offer: { status: 'done' } });
		expect(checkTaskEdit(t('d', { progress: 100 }), { status: 'done' }, ctx)).toMatchObject({ ok: true, offer: null });
	});

	it('[E5] deleting a task removes it from the others’ dependencies in one transaction', () => {
		const doc = new Y.Doc();
		for (const task of all) writeTask(doc, task);
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		removeTaskFromDoc(doc, 'b');
		expect(transactions).toBe(1);
		expect(readTasks(doc).map((x) => [x.id, x.deps])).toEqual([
			['a', []],
			['c', []]
		]);
	});
});
