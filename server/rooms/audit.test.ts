import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeTask } from '../../src/lib/shared/plan/doc';
import type { Task } from '../../src/lib/shared/plan/types';
import { AuditRecorder } from './audit';

const task = (id: string, over: Partial<Task> = {}): Task => ({
	id,
	title: '建立质量监测体系',
	workstream: '监测',
	phase: 'launch',
	unit: '教研室',
	lead: '王老师',
	start: '2026-03-01',
	due: '2026-04-01',
	status: 'todo',
	progress: 0,
	deps: [],
	order: 'a0',
	...over
});

/** Applies a client edit to the server doc through the recorder, as the room does. */
function edit(server: Y.Doc, recorder: AuditRecorder, client: Y.Doc, change: () => void) {
	const sv = Y.encodeStateVector(client);
	change();
	const update = Y.encodeStateAsUpdate(client, sv);
	const rows = recorder.record(() => Y.applyUpdate(server, update));
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	// The values are checked on their own below; these tests are about which fields changed.
	return rows.map(({ values: _values, ...row }) => row);
}

/** Like `edit`, keeping each row's before/after values. */
function editWithValues(server: Y.Doc, recorder: AuditRecorder, client: Y.Doc, change: () => void) {
	const sv = Y.encodeStateVector(client);
	change();
	const rows = recorder.record(() => Y.applyUpdate(server, Y.encodeStateAsUpdate(client, sv)));
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return rows;
}

describe('AuditRecorder', () => {
	it('[Y11] names the created, edited and deleted task and the fields changed', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const recorder = new AuditRecorder(server, 'plan');
		expect(edit(server, recorder, client, () => writeTask(client, task('t1')))).toEqual([
			{ entity: 'task', entityId: 't1', action: 'create', fields: ['*'] }
		]);
		const tasks = client.getMap<Y.Map<unknown>>('tasks');
		expect(
			edit(server, recorder, client, () =>
				client.transact(() => {
					tasks.get('t1')!.set('title', '新标题');
					tasks.get('t1')!.set('progress', 40);
				})
			)
		).toEqual([{ entity: 'task', entityId: 't1', action: 'update', fields: ['progress', 'title'] }]);
		expect(
			edit(server, recorder, client, () => (tasks.get('t1')!.get('deps') as Y.Array<string>).push(['t0']))
		).toEqual([{ entity: 'task', entityId: 't1', action: 'update', fields: ['deps'] }]);
		expect(edit(server, recorder, client, () => tasks.delete('t1'))).toEqual([
			{ entity: 'task', entityId: 't1', action: 'delete', fields: ['*'] }
		]);
	});

	it('[Y11] a task replaced as a whole map is audited by the fields that differ', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const recorder = new AuditRecorder(server, 'plan');
		edit(server, recorder, client, () => writeTask(client, task('t1', { deps: ['x'] })));
		const rows = edit(server, recorder, client, () =>
			writeTask(client, task('t1', { status: 'doing', deps: ['x', 'y'] }))
		);
		expect(rows).toEqual([{ entity: 'task', entityId: 't1', action: 'update', fields: ['deps', 'status'] }]);
	});

	it('records nothing outside a recording and watches milestones in school rooms', () => {
		const server = new Y.Doc();
		const recorder = new AuditRecorder(server, 'school');
		server.getMap('milestones').set('m1', new Y.Map());
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const rows = edit(server, recorder, client, () =>
			(client.getMap('milestones').get('m1') as Y.Map<unknown>).set('status', 'done')
		);
		expect(rows).toEqual([{ entity: 'milestone', entityId: 'm1', action: 'update', fields: ['status'] }]);
		expect(edit(server, recorder, client, () => client.getMap('tasks').set('t', 1))).toEqual([]);
	});

	it('[Y11] keeps each changed field\'s value before and after, bounded in size', () => {
		const server = new Y.Doc();
		const client = new Y.Doc();
		const recorder = new AuditRecorder(server, 'plan');
		const [created] = editWithValues(server, recorder, client, () => writeTask(client, task('t1')));
		expect(created.values?.title).toEqual({ from: null, to: '建立质量监测体系' });
		const map = () => client.getMap('tasks').get('t1') as Y.Map<unknown>;
		const [updated] = editWithValues(server, recorder, client, () =>
			client.transact(() => {
				map().set('progress', 40);
				map().set('progress', 60);
				map().set('title', 'x'.repeat(500));
			})
		);
		expect(updated.values?.progress).toEqual({ from: 0, to: 60 });
		expect(updated.values?.title.from).toBe('建立质量监测体系');
		expect(String(updated.values?.title.to)).toHaveLength(201);
		writeTask(client, task('t2'));
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		const [deps] = editWithValues(server, recorder, client, () => (map().get('deps') as Y.Array<string>).push(['t2']));
		expect(deps.values?.deps).toEqual({ from: [], to: ['t2'] });
		const [removed] = editWithValues(server, recorder, client, () => client.getMap('tasks').delete('t1'));
		expect(removed).toMatchObject({ action: 'delete', values: { progress: { from: 60, to: null } } });
	});
});

