import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, type TaskView } from '$lib/shared/plan/task-view';
import type { Phase } from '$lib/shared/plan/types';
import type { CellContext } from '$lib/table/edit';
import { makeTask } from '$lib/table/test-task';
import { dayCounter } from '$lib/shared/calendar/day-counter';
import { PUBLISHED_HOLIDAYS } from '$lib/shared/calendar/holidays-cn';
import { baselineChange, bulkPatch, clearPatches, EMPTY_BULK, exportHref, newTaskDefaults, nextSort, NO_FILTERS, pastePatches, toggleFolded, viewHref } from './task-page';

const view = (over: Partial<TaskView> = {}): TaskView => ({ ...DEFAULT_VIEW, ...over });
const phases: Phase[] = [
	{ key: 'launch', name: '启动', start: '2026-03-01', end: '2026-03-31' },
	{ key: 'pilot', name: '试点', start: '2026-04-01', end: '2026-04-20' }
];

describe('task page: the view query', () => {
	it('[T18] a header click sorts ascending, then descending, then back to plan order; another column starts ascending', () => {
		expect(nextSort(null, 'due')).toEqual({ field: 'due', desc: false });
		expect(nextSort({ field: 'due', desc: false }, 'due')).toEqual({ field: 'due', desc: true });
		expect(nextSort({ field: 'due', desc: true }, 'due')).toBeNull();
		expect(nextSort({ field: 'due', desc: true }, 'title')).toEqual({ field: 'title', desc: false });
	});

	it('[T18] folding toggles a group; dropping the baseline drops a sort by its columns only', () => {
		expect(toggleFolded(['a'], 'b')).toEqual(['a', 'b']);
		expect(toggleFolded(['a', 'b'], 'a')).toEqual(['b']);
		expect(baselineChange(view({ baseline: 'b1', sort: { field: 'slip', desc: false } }), null)).toEqual({ baseline: null, sort: null });
		expect(baselineChange(view({ baseline: 'b1', sort: { field: 'due', desc: true } }), null)).toEqual({ baseline: null, sort: { field: 'due', desc: true } });
		expect(baselineChange(view({ sort: { field: 'slip', desc: false } }), 'b2')).toEqual({ baseline: 'b2', sort: { field: 'slip', desc: false } });
	});

	it('[T18] the page link and the exports carry the view (exports unfolded); clearing filters keeps sort and group', () => {
		expect(viewHref('/plans/p1/tasks', DEFAULT_VIEW)).toBe('/plans/p1/tasks');
		const v = view({ unit: '教研室', group: 'unit', folded: ['教研室'], q: '方案' });
		expect(parseView(new URL(`http://x${viewHref('/plans/p1/tasks', v)}`).searchParams)).toEqual(v);
		const href = exportHref('p1', v, 'csv');
		expect(href.startsWith('/api/plans/p1/export.csv?')).toBe(true);
		expect(parseView(new URL(`http://x${href}`).searchParams)).toEqual({ ...v, folded: [] });
		expect({ ...v, ...NO_FILTERS }).toEqual(view({ group: 'unit', folded: ['教研室'] }));
	});
});

describe('task page: batches and defaults', () => {
	const tasks = [makeTask({ id: 'a', title: '甲' }), makeTask({ id: 'b', title: '乙', workstream: '课堂改革', phase: 'pilot' })];
	const ctx: CellContext = { year: 2026, phaseLabel: (k) => k, statusLabel: (k) => k, tasks, numbers: new Map([['a', 1], ['b', 2]]) };

	it('[T18] a pasted block becomes patches parsed per field, and rows past the end new task patches', () => {
		const batch = pastePatches({ edits: [{ id: 'a', values: { progress: '50%', due: '4/1', deps: '2' } }], extra: [{ title: '新', status: 'done' }] }, ctx);
		expect(batch).toEqual({ edits: [{ id: 'a', patch: { progress: 50, due: '2026-04-01', deps: ['b'] } }], extra: [{ title: '新', status: 'done' }] });
	});

	it('[T18] a clear empties each cell per task (progress 0, 待办, no dependencies); the bulk form patches only what is filled', () => {
		expect(clearPatches([{ id: 'a', field: 'unit' }, { id: 'a', field: 'progress' }, { id: 'b', field: 'deps' }, { id: 'b', field: 'status' }])).toEqual([
			{ id: 'a', patch: { unit: '', progress: 0 } },
			{ id: 'b', patch: { deps: [], status: 'todo' } }
		]);
		expect(bulkPatch(EMPTY_BULK)).toBeNull();
		expect(bulkPatch({ ...EMPTY_BULK, unit: '  ' })).toBeNull();
		expect(bulkPatch({ unit: '教育局', lead: '', phase: 'pilot', status: 'doing' })).toEqual({ unit: '教育局', phase: 'pilot', status: 'doing' });
	});

	it('[T18] a new task takes the filtered or current phase, starts today inside it (else at its start) and is due 30 days on within it', () => {
		expect(newTaskDefaults(tasks, phases, DEFAULT_VIEW, '2026-03-10', '新任务')).toEqual({ phase: 'launch', start: '2026-03-10', due: '2026-03-31', workstream: '课堂改革', title: '新任务' });
		expect(newTaskDefaults(tasks, phases, view({ phase: 'pilot', workstream: '组织保障' }), '2026-03-10', 't')).toEqual({
			phase: 'pilot',
			start: '2026-04-01',
			due: '2026-04-20',
			workstream: '组织保障',
			title: 't'
		});
		expect(newTaskDefaults([], phases, DEFAULT_VIEW, '2026-01-05', 't')).toEqual({ phase: 'launch', start: '2026-03-01', due: '2026-03-31', workstream: '', title: 't' });
		expect(newTaskDefaults([], [], DEFAULT_VIEW, '2026-01-05', 't')).toEqual({ phase: 'launch', start: '2026-01-05', due: '2026-02-04', workstream: '', title: 't' });
	});
});

describe('task page: a new task in working days', () => {
	const working = dayCounter('working', PUBLISHED_HOLIDAYS[2026].days);
	const year: Phase[] = [
		{ key: 'launch', name: '启动', start: '2026-02-01', end: '2026-06-30' },
		{ key: 'pilot', name: '试点', start: '2026-10-01', end: '2026-10-25' }
	];

	it('[WD11] a start on a holiday moves to the next working day, and the due is 22 working days on', () => {
		// Mon 16 Feb is 春节: the next working day is Tue 24 Feb; 22 working days on (Sat 28 Feb 调休 included) is Wed 25 Mar.
		const d = newTaskDefaults([], year, DEFAULT_VIEW, '2026-02-16', 't', working);
		expect(d).toMatchObject({ phase: 'launch', start: '2026-02-24', due: '2026-03-25' });
		expect(working.between(d.start!, d.due!)).toBe(22);
	});

	it('[WD11] a phase starting in the National Day break starts on its first working day and ends on its last', () => {
		// 1–7 Oct are off, so 8 Oct; 22 working days on is past the phase's end (Sun 25 Oct), so the Friday before.
		expect(newTaskDefaults([], year, view({ phase: 'pilot' }), '2026-02-16', 't', working)).toMatchObject({ phase: 'pilot', start: '2026-10-08', due: '2026-10-23' });
	});

	it('[WD11] in calendar days nothing changes: today and a month later', () => {
		expect(newTaskDefaults([], year, DEFAULT_VIEW, '2026-02-16', 't')).toMatchObject({ start: '2026-02-16', due: '2026-03-18' });
	});
});
