/**
 * Approval and change requests against the real server (contract v3 "plan year"; [CR1]–[CR4]):
 * permissions, bad input naming its fields, resends, and the live room's rule: after approval a
 * writer's crafted later due or deletion never reaches another client, until a request for it is
 * approved, when it reaches everyone.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverSuite } from '../helpers/suite';
import { addMember, makePlan, makeSession, makeUser } from '../helpers/factories';
import { writeDocSnapshot } from '../../src/lib/server/docs/store';
import { writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import type { DbHandle } from '../../src/lib/server/db/index';
import { addDays, todayInShanghai } from '../../src/lib/shared/plan/dates';
import type { Role } from '../../src/lib/shared/plan/types';
import { get, postJson } from './auth-helpers';
import { connectClient, sleep, waitFor, type Client } from './sync-clients';

let planId: string;
const as: Record<string, string> = {};
const today = todayInShanghai();
const dueA = addDays(today, 30);
const base = { workstream: '', phase: 'pilot' as const, unit: '基教科', lead: '', status: 'doing' as const, progress: 10, deps: [] };

async function person(role: Role) {
	const u = await makeUser(h);
	await addMember(h, planId, u.id, role, null);
	return makeSession(h, u.id);
}

const api = (p: string) => `/api/plans/${planId}${p}`;
const taskOf = (c: Client, id: string) => c.doc.getMap('tasks').get(id) as Y.Map<unknown> | undefined;

/** Every due of task `id` a client ever held, as it syncs. */
function dueHistory(c: Client, id: string): unknown[] {
	const seen: unknown[] = [taskOf(c, id)?.get('due')];
	c.doc.getMap('tasks').observeDeep(() => seen.push(taskOf(c, id)?.get('due')));
	return seen;
}

let h: DbHandle;
const suite = serverSuite(async (db) => {
	h = db;
	planId = (await makePlan(h, { start: addDays(today, -100), end: addDays(today, 300) })).id;
	const plan = new Y.Doc();
	writeTask(plan, { ...base, id: 'a', title: '制定任务分解表', start: addDays(today, -10), due: dueA, order: 'a1' });
	writeTask(plan, { ...base, id: 'b', title: '选取试点学校', start: addDays(today, -5), due: addDays(today, 40), order: 'a2' });
	writeTask(plan, { ...base, id: 'c', title: '动员培训会', start: addDays(today, -5), due: addDays(today, 50), order: 'a3' });
	await writeDocSnapshot(h.db, planRoom(planId), plan);
	as.leader = await person('leader');
	as.leader2 = await person('leader');
	as.admin = await person('admin');
	as.viewer = await person('viewer');
	as.outsider = await makeSession(h, (await makeUser(h)).id);
});

describe('[CR4] approval', () => {
	it('is 404 before any; viewers may not approve; a leader approves and every task date becomes the baseline', async () => {
		expect((await get(suite.server, api('/approval'), as.viewer)).status).toBe(404);
		expect((await get(suite.server, api('/approval'), as.outsider)).status).toBe(403);
		expect((await postJson(suite.server, api('/approve'), {}, { cookie: as.viewer })).status).toBe(403);
		expect((await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: addDays(dueA, 5), reason: 'x' }, { cookie: as.leader })).status).toBe(409);
		const res = await postJson(suite.server, api('/approve'), {}, { cookie: as.leader });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.version).toBe(1);
		expect(Object.keys(body).sort()).toEqual(['approvedAt', 'approvedBy', 'version']);
		const approval = await (await get(suite.server, api('/approval'), as.viewer)).json();
		expect(approval.version).toBe(1);
		expect(approval.limits.a).toEqual({ due: dueA, removable: false });
		const viewer = await connectClient(suite.server.wsUrl, planRoom(planId), as.viewer);
		const record = viewer.doc.getMap('baselines').get('approved-v1') as Y.Map<unknown>;
		expect(JSON.parse(record.get('tasks') as string).a).toEqual([addDays(today, -10), dueA]);
		viewer.destroy();
	});
});

describe('[CR3] the live room after approval', () => {
	it("a writer's later due never reaches a reader, and the writer's own copy is corrected; an earlier due and progress go through", async () => {
		const writer = await connectClient(suite.server.wsUrl, planRoom(planId), as.leader);
		const reader = await connectClient(suite.server.wsUrl, planRoom(planId), as.viewer);
		const seen = dueHistory(reader, 'a');
		taskOf(writer, 'a')!.set('due', addDays(dueA, 20));
		await waitFor(() => taskOf(writer, 'a')!.get('due') === dueA, 5000, 'writer corrected');
		taskOf(writer, 'a')!.set('progress', 55);
		await waitFor(() => taskOf(reader, 'a')!.get('progress') === 55, 5000, 'progress reaches the reader');
		expect(seen.every((d) => d === dueA)).toBe(true);
		taskOf(writer, 'b')!.set('due', addDays(today, 35));
		await waitFor(() => taskOf(reader, 'b')!.get('due') === addDays(today, 35), 5000, 'earlier due reaches the reader');
		writer.doc.getMap('tasks').delete('c');
		await sleep(300);
		await waitFor(() => writer.doc.getMap('tasks').has('c'), 5000, 'deleted task restored for the writer');
		expect(reader.doc.getMap('tasks').has('c')).toBe(true);
		expect(taskOf(reader, 'c')!.get('title')).toBe('动员培训会');
		const api = await (await get(suite.server, `/api/plans/${planId}/tasks`, as.viewer)).json();
		expect(api.find((t: { id: string }) => t.id === 'a').due).toBe(dueA);
		writer.destroy();
		reader.destroy();
	});
});

describe('[CR3] the task API after approval', () => {
	const patch = (id: string, body: unknown) =>
		fetch(suite.server.url + api(`/tasks/${id}`), { method: 'PATCH', headers: { 'content-type': 'application/json', origin: suite.server.url, cookie: as.leader }, body: JSON.stringify(body) });
	it('answers 409 naming `due` for a later due instead of showing a change that never takes effect; an earlier one is applied', async () => {
		const later = await patch('b', { due: addDays(today, 80) });
		expect(later.status).toBe(409);
		expect(await later.json()).toEqual({ error: 'change_request_required', fields: ['due'] });
		const earlier = await patch('b', { due: addDays(today, 35) });
		expect(earlier.status).toBe(200);
		expect((await earlier.json()).due).toBe(addDays(today, 35));
	});
});

describe('[CR1] [CR4] change requests', () => {
	let id = '';
	it('need a reason and a later due; viewers may not ask; a resend with the same key files one', async () => {
		const later = addDays(dueA, 14);
		const noReason = await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: later }, { cookie: as.leader });
		expect(noReason.status).toBe(400);
		expect((await noReason.json()).fields).toEqual(['reason']);
		const bad = await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: '2026-02-30', reason: '延期' }, { cookie: as.leader });
		expect((await bad.json()).fields).toEqual(['due']);
		expect((await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: later, reason: '延期' }, { cookie: as.viewer })).status).toBe(403);
		expect((await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: addDays(dueA, -1), reason: '提前' }, { cookie: as.leader })).status).toBe(409);
		expect((await postJson(suite.server, api('/change-requests'), { taskId: 'nope', due: later, reason: '延期' }, { cookie: as.leader })).status).toBe(409);
		const first = await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: later, reason: '试点学校调整，需延期两周' }, { cookie: as.leader, key: 'cr-1' });
		expect(first.status).toBe(201);
		const body = await first.json();
		expect(body.status).toBe('pending');
		id = body.id;
		const again = await postJson(suite.server, api('/change-requests'), { taskId: 'a', due: later, reason: '试点学校调整，需延期两周' }, { cookie: as.leader, key: 'cr-1' });
		expect((await again.json()).id).toBe(id);
		const list = await (await get(suite.server, api('/change-requests'), as.viewer)).json();
		expect(list.filter((r: { taskId: string }) => r.taskId === 'a')).toHaveLength(1);
		expect(list[0]).toMatchObject({ id, taskId: 'a', kind: 'due', due: later, fromDue: dueA, status: 'pending' });
	});

	it('are decided by an admin or another leader, never the requester; an approval moves the task for everyone', async () => {
		const reader = await connectClient(suite.server.wsUrl, planRoom(planId), as.viewer);
		expect((await postJson(suite.server, api(`/change-requests/${id}/decide`), { approve: true }, { cookie: as.leader })).status).toBe(403);
		expect((await postJson(suite.server, api(`/change-requests/${id}/decide`), { approve: true }, { cookie: as.viewer })).status).toBe(403);
		expect((await postJson(suite.server, api(`/change-requests/${id}/decide`), { approve: 'yes' }, { cookie: as.admin })).status).toBe(400);
		const res = await postJson(suite.server, api(`/change-requests/${id}/decide`), { approve: true, note: '同意' }, { cookie: as.admin });
		expect(res.status).toBe(200);
		expect((await res.json()).status).toBe('approved');
		await waitFor(() => taskOf(reader, 'a')!.get('due') === addDays(dueA, 14), 5000, 'approved due reaches the reader');
		expect((await postJson(suite.server, api(`/change-requests/${id}/decide`), { approve: false }, { cookie: as.leader2 })).status).toBe(409);
		const approval = await (await get(suite.server, api('/approval'), as.viewer)).json();
		expect(approval.limits.a.due).toBe(addDays(dueA, 14));
		reader.destroy();
	});

	it('a refused request leaves the date as it was; an approved removal removes the task', async () => {
		const r = await (await postJson(suite.server, api('/change-requests'), { taskId: 'b', due: addDays(today, 90), reason: '经费未到位' }, { cookie: as.leader2 })).json();
		const refused = await postJson(suite.server, api(`/change-requests/${r.id}/decide`), { approve: false, note: '按期完成' }, { cookie: as.leader });
		expect((await refused.json()).status).toBe('refused');
		const tasks = await (await get(suite.server, api('/tasks'), as.viewer)).json();
		expect(tasks.find((t: { id: string }) => t.id === 'b').due).toBe(addDays(today, 35));
		const rm = await (await postJson(suite.server, api('/change-requests'), { taskId: 'c', remove: true, reason: '并入任务b' }, { cookie: as.leader })).json();
		const reader = await connectClient(suite.server.wsUrl, planRoom(planId), as.viewer);
		await postJson(suite.server, api(`/change-requests/${rm.id}/decide`), { approve: true }, { cookie: as.leader2 });
		await waitFor(() => !reader.doc.getMap('tasks').has('c'), 5000, 'removal reaches the reader');
		reader.destroy();
	});
});
