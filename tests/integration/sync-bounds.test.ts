/**
 * Bounds of the sync server: a malformed, oversize or too-frequent message closes only the
 * connection that sent it, with a named close code, and never reaches the document; the room cap
 * refuses new rooms with 503; a session ended while connected closes the socket.
 */
import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { invalidateUserSessions } from '../../src/lib/server/auth/session';
import { docUpdates } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { CloseCode, planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient, rawSocket, upgradeStatus, waitFor } from './sync-clients';

const MAX_BYTES = 64 * 1024;
let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let planId: string;
let good: string;
let bad: { id: string; cookie: string };

function updateFrame(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

function taskUpdate(id: string, title: string): Uint8Array {
	const doc = new Y.Doc();
	const m = new Y.Map<unknown>();
	m.set('title', title);
	doc.getMap('tasks').set(id, m);
	return Y.encodeStateAsUpdate(doc);
}

const rowsBy = async (userId: string) =>
	h.db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.userId, userId));

/** A bad frame from `bad` closes its socket with `code`; a good client in the same room keeps editing. */
async function expectClosedAlone(send: (ws: import('ws').WebSocket) => void, code: number) {
	const room = planRoom(planId);
	const a = await connectClient(server.wsUrl, room, good);
	const b = await connectClient(server.wsUrl, room, good);
	try {
		const raw = await rawSocket(server.wsUrl, room, bad.cookie);
		send(raw.ws);
		expect(await raw.closed).toBe(code);
		const key = `after-${code}-${Math.random()}`;
		a.doc.getMap('tasks').set(key, new Y.Map());
		await waitFor(() => b.doc.getMap('tasks').has(key), 5000, 'the good client’s edit');
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
		expect(await rowsBy(bad.id)).toEqual([]);
		expect([...b.doc.getMap('tasks').keys()].some((k) => k.startsWith('evil'))).toBe(false);
	} finally {
		a.destroy();
		b.destroy();
	}
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	const u = await makeUser(h);
	await addMember(h, planId, u.id, 'leader');
	good = await makeSession(h, u.id);
	const v = await makeUser(h);
	await addMember(h, planId, v.id, 'leader');
	bad = { id: v.id, cookie: await makeSession(h, v.id) };
	server = await startServer({
		databaseUrl: tmp.url,
		env: {
			SYNC_MAX_MESSAGE_BYTES: String(MAX_BYTES),
			SYNC_RATE_PER_SEC: '20',
			SYNC_RATE_BURST: '40',
			SYNC_MAX_ROOMS: '2',
			SYNC_UNLOAD_GRACE_MS: '60000',
			SYNC_REVALIDATE_MS: '200'
		}
	});
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

describe('sync bounds', () => {
	it('[Y9] an unknown message type closes that connection with Malformed (4400)', async () => {
		await expectClosedAlone((ws) => ws.send(new Uint8Array([9, 1, 2])), CloseCode.Malformed);
	});

	it('[Y9] a truncated varint closes that connection with Malformed', async () => {
		await expectClosedAlone((ws) => ws.send(new Uint8Array([0x80])), CloseCode.Malformed);
	});

	it('[Y9] an update Yjs cannot decode closes that connection with Malformed and is not stored', async () => {
		await expectClosedAlone((ws) => ws.send(updateFrame(new Uint8Array([5, 200, 1, 2, 3]))), CloseCode.Malformed);
	});

	it('[Y9] a text frame closes that connection with Malformed', async () => {
		await expectClosedAlone((ws) => ws.send('hello'), CloseCode.Malformed);
	});

	it('[Y8] a frame above SYNC_MAX_MESSAGE_BYTES closes that connection with MessageTooBig (4413) unapplied', async () => {
		const frame = updateFrame(taskUpdate('evil-big', 'x'.repeat(MAX_BYTES)));
		expect(frame.byteLength).toBeGreaterThan(MAX_BYTES);
		await expectClosedAlone((ws) => ws.send(frame), CloseCode.MessageTooBig);
	});

	it('[Y8] a flood of messages closes that connection with RateLimited (4429)', async () => {
		await expectClosedAlone((ws) => {
			for (let i = 0; i < 200; i++) ws.send(new Uint8Array([3]));
		}, CloseCode.RateLimited);
	});

	it('[Y8] a valid update just under the size bound is stored and broadcast', async () => {
		const room = planRoom(planId);
		const b = await connectClient(server.wsUrl, room, good);
		try {
			const raw = await rawSocket(server.wsUrl, room, bad.cookie);
			raw.ws.send(updateFrame(taskUpdate('big-ok', 'y'.repeat(MAX_BYTES - 200))));
			await waitFor(() => b.doc.getMap('tasks').has('big-ok'), 5000, 'the large update');
			expect((await rowsBy(bad.id)).length).toBe(1);
			raw.ws.close();
			await raw.closed;
		} finally {
			b.destroy();
		}
	});

	it('[Y12] a session ended while connected closes the socket with Unauthorized (4401)', async () => {
		const u = await makeUser(h);
		await addMember(h, planId, u.id, 'viewer');
		const raw = await rawSocket(server.wsUrl, planRoom(planId), await makeSession(h, u.id));
		await invalidateUserSessions(h.db, u.id);
		expect(await raw.closed).toBe(CloseCode.Unauthorized);
	});

	it('[Y13] beyond SYNC_MAX_ROOMS a new room is refused with 503 until a room is idle', async () => {
		// The plan room above is loaded (and kept: long grace period, but idle once its clients left).
		const extra = [(await makePlan(h)).id, (await makePlan(h)).id];
		const u = await makeUser(h, { isAdmin: true });
		const cookie = await makeSession(h, u.id);
		const holders = await Promise.all([
			connectClient(server.wsUrl, planRoom(planId), cookie),
			connectClient(server.wsUrl, planRoom(extra[0]), cookie)
		]);
		try {
			expect(await upgradeStatus(server.wsUrl, planRoom(extra[1]), cookie)).toBe(503);
			holders[1].destroy();
			// Its room is now idle: evicted to make space for the new one.
			await waitFor(() => !holders[1].provider.wsconnected);
			let status = 0;
			const started = Date.now();
			while (status !== 101 && Date.now() - started < 5000) {
				status = await upgradeStatus(server.wsUrl, planRoom(extra[1]), cookie);
				if (status !== 101) await new Promise((r) => setTimeout(r, 50));
			}
			expect(status).toBe(101);
		} finally {
			for (const c of holders) c.destroy();
		}
	});

	it('[Y15] an upgrade ws refuses as a bad handshake does not hold a room', async () => {
		// Loaded now: two idle rooms from the test above (the cap is 2, the grace period long).
		const u = await makeUser(h, { isAdmin: true });
		const cookie = await makeSession(h, u.id);
		const badHandshake = (planIdOf: string, headers: Record<string, string>) =>
			new Promise<number>((resolve, reject) => {
				const req = request(`${server.url}/sync/${planRoom(planIdOf)}`, {
					headers: { Connection: 'Upgrade', Upgrade: 'websocket', Cookie: cookie, ...headers }
				});
				req.on('response', (res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				});
				req.on('upgrade', () => reject(new Error('upgraded')));
				req.on('error', reject);
				req.end();
			});
		const fresh = [(await makePlan(h)).id, (await makePlan(h)).id, (await makePlan(h)).id];
		expect(await badHandshake(fresh[0], { 'Sec-WebSocket-Version': '13' })).toBe(400); // no key
		expect(await badHandshake(fresh[1], { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' })).toBe(400); // no version
		// Had either held its room, both slots would be taken and this would be refused with 503.
		let status = 0;
		const started = Date.now();
		while (status !== 101 && Date.now() - started < 3000) {
			status = await upgradeStatus(server.wsUrl, planRoom(fresh[2]), cookie);
			if (status !== 101) await new Promise((r) => setTimeout(r, 50));
		}
		expect(status).toBe(101);
	});

	it('the server survived all of the above', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(server.proc.exitCode).toBeNull();
	});
});
