/**
 * Findings of the sync-integrity review, against the real server: a room with an unloadable stored
 * snapshot still loads ([P4]); a user cannot write under another user's Yjs client id ([Y19]); a
 * flood of sync requests draws bounded replies ([Y21]); close reasons name the rule ([Y23]).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DbHandle } from '../../src/lib/server/db/index';
import { appendUpdates, writeDocSnapshot } from '../../src/lib/server/docs/store';
import { CloseCode, planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { ROOT, startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { get } from './auth-helpers';
import { connectClient, rawSocket, sleep, syncFrame, waitFor } from './sync-clients';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(ROOT, 'tests/fixtures', name)));

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let alice: { id: string; cookie: string };
let mallory: { id: string; cookie: string };
let viewer: string;
let viewerId: string;
let admin: string;

async function newPlan(): Promise<string> {
	const { id } = await makePlan(h);
	await addMember(h, id, alice.id, 'leader');
	await addMember(h, id, mallory.id, 'leader');
	return id;
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	const a = await makeUser(h);
	const b = await makeUser(h);
	alice = { id: a.id, cookie: await makeSession(h, a.id) };
	mallory = { id: b.id, cookie: await makeSession(h, b.id) };
	const v = await makeUser(h);
	viewer = await makeSession(h, v.id);
	const ad = await makeUser(h, { isAdmin: true });
	admin = await makeSession(h, ad.id);
	viewerId = v.id;
	server = await startServer({ databaseUrl: tmp.url, env: { SYNC_UNLOAD_GRACE_MS: '100' } });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

describe('sync integrity', () => {
	it('[P4] a room whose stored snapshot does not load still serves its log tail; the snapshot is quarantined and shown on /admin', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		await h.client.execute({
			sql: 'INSERT INTO doc_snapshots (room, state, up_to_id, updated_at) VALUES (?, ?, 0, 1)',
			args: [room, fixture('unloadable-snapshot.bin')]
		});
		const doc = new Y.Doc();
		doc.getMap('tasks').set('kept', new Y.Map());
		await appendUpdates(h.db, [{ room, userId: alice.id, at: 1, update: Y.encodeStateAsUpdate(doc) }]);
		const c = await connectClient(server.wsUrl, room, alice.cookie);
		try {
			expect(c.doc.getMap('tasks').has('kept')).toBe(true);
		} finally {
			c.destroy();
		}
		expect(server.output()).toMatch(/snapshot .*does not load.*quarantined/);
		const page = await (await get(server, '/admin', admin)).text();
		expect(page).toContain(room);
		expect(page).toContain('无法加载的文档数据');
	});

	it('[Y19] an update under another user’s client id closes 4400 naming the rule; nothing is applied or stored', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		const a = await connectClient(server.wsUrl, room, alice.cookie);
		const b = await connectClient(server.wsUrl, room, alice.cookie);
		try {
			a.doc.getMap('tasks').set('real', 'alice');
			await waitFor(() => b.doc.getMap('tasks').has('real'), 5000, 'alice’s edit');
			// Mallory writes the next clock under Alice's client id.
			const forged = new Y.Doc();
			Y.applyUpdate(forged, Y.encodeStateAsUpdate(a.doc));
			forged.clientID = a.doc.clientID;
			const sv = Y.encodeStateVector(forged);
			forged.getMap('tasks').set('real', 'forged');
			const raw = await rawSocket(server.wsUrl, room, mallory.cookie);
			raw.ws.send(syncFrame(2, Y.encodeStateAsUpdate(forged, sv)));
			expect(await raw.closed).toBe(CloseCode.Malformed);
			expect(await raw.reason).toContain('[Y19]');
			await sleep(200);
			expect(b.doc.getMap('tasks').get('real')).toBe('alice');
			const rows = await h.client.execute({ sql: 'SELECT count(*) AS n FROM doc_updates WHERE user_id = ?', args: [mallory.id] });
			expect(rows.rows[0].n).toBe(0);
			// A fresh client sees Alice's value.
			const fresh = await connectClient(server.wsUrl, room, alice.cookie);
			expect(fresh.doc.getMap('tasks').get('real')).toBe('alice');
			fresh.destroy();
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	it('[Y19] the same-client-id fixtures: the second user’s copy is refused, also after the room reloads', async () => {
		const room = planRoom(await newPlan());
		const first = await rawSocket(server.wsUrl, room, alice.cookie);
		first.ws.send(syncFrame(2, fixture('same-id-update-a.bin')));
		await sleep(200);
		first.ws.close();
		await first.closed;
		await sleep(400); // unloaded (grace 100 ms)
		const second = await rawSocket(server.wsUrl, room, mallory.cookie);
		second.ws.send(syncFrame(2, fixture('same-id-update-b.bin')));
		expect(await second.closed).toBe(CloseCode.Malformed);
		expect(await second.reason).toContain('[Y19]');
	});

	it('[Y21] a viewer’s flood of 4-byte sync step 1 requests draws a bounded number of replies', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		const doc = new Y.Doc();
		for (let i = 0; i < 2000; i++) {
			const m = new Y.Map<unknown>();
			m.set('title', `任务 ${i} ${'x'.repeat(40)}`);
			doc.getMap('tasks').set(`t${i}`, m);
		}
		await writeDocSnapshot(h.db, room, doc);
		const docBytes = Y.encodeStateAsUpdate(doc).byteLength;
		await addMember(h, planId, viewerId, 'viewer');
		const raw = await rawSocket(server.wsUrl, room, viewer);
		let received = 0;
		raw.ws.on('message', (d: Buffer) => (received += d.byteLength));
		const request = syncFrame(0, Y.encodeStateVector(new Y.Doc()));
		expect(request.byteLength).toBe(4);
		for (let i = 0; i < 250; i++) raw.ws.send(request);
		await sleep(1500);
		raw.ws.close();
		// Old behaviour: 250 full copies. Now: the burst plus the rate over 1.5 s, and the socket stays.
		expect(received).toBeGreaterThan(docBytes);
		expect(received).toBeLessThan(10 * docBytes);
	});

	it('[Y23] a malformed update closes 4400 with a reason naming the rule, never library text', async () => {
		const room = planRoom(await newPlan());
		const raw = await rawSocket(server.wsUrl, room, alice.cookie);
		raw.ws.send(syncFrame(2, new Uint8Array([5, 200, 1, 2, 3])));
		expect(await raw.closed).toBe(CloseCode.Malformed);
		expect(await raw.reason).toBe('malformed message [Y9]');
		await waitFor(() => /"event":"malformed-message".*"reason":"[^"]+"/.test(server.output()), 2000, 'the log line');
	});
});
