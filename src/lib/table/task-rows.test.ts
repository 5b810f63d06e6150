import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readTasks, tasksMap, writeTask } from '../shared/plan/doc';
import type { Task } from '../shared/plan/types';
import { TaskRows } from './task-rows.svelte';
import { makeTask } from './test-task';

const base = makeTask();

function docWith(...tasks: Task[]) {
	const doc = new Y.Doc();
	for (const t of tasks) writeTask(doc, t);
	return doc;
}

describe('TaskRows', () => {
	it('follows the document, including edits made by another replica', () => {
		const doc = docWith(base);
		const rows = new TaskRows(doc);
		rows.reload();
		expect(rows.rows.map((t) => t.title)).toEqual(['制定方案']);

		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		tasksMap(other).get('t01')!.set('title', '远端修改');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(rows.rows[0].title).toBe('远端修改');
		rows.destroy();
	});

	it('edits one field of one task in one transaction', () => {
		const doc = docWith(base, { ...base, id: 't02', order: 'a1' });
		const rows = new TaskRows(doc);
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		rows.update('t02', 'progress', 80);
		rows.update('t02', 'progress', 80); // unchanged: no transaction
		expect(transactions).toBe(1);
		expect(readTasks(doc).find((t) => t.id === 't02')!.progress).toBe(80);
		rows.destroy();
	});

	it('appends new tasks after the last one and removes them from dependencies on delete', () => {
		const doc = docWith(base, { ...base, id: 't02', order: 'a1', deps: ['t01'] });
		const rows = new TaskRows(doc);
		const id = rows.add({ title: '新任务', start: '2026-04-01', due: '2026-04-30' });
		expect(rows.rows.map((t) => t.id)).toEqual(['t01', 't02', id]);
		expect(rows.rows[2]).toMatchObject({ title: '新任务', status: 'todo', progress: 0, deps: [] });

		rows.remove('t01');
		expect(rows.rows.map((t) => t.id)).toEqual(['t02', id]);
		expect(rows.rows[0].deps).toEqual([]);
		rows.destroy();
	});
});
