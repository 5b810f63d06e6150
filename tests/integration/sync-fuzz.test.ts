/**
 * The standing fuzz suite of the sync server (seeded, bounded): a writer sends mutated and crafted
 * updates, forged client ids, awareness floods; a viewer floods sync requests. After each phase
 * the server restarts, and every room must load for a fresh client, hold every edit a peer saw,
 * and keep its JSON API and export answering 200. `FUZZ_SEED` replays a run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DbHandle } from '../../src/lib/server/db/index';
import { CloseCode, planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { ROOT, startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { get } from './auth-helpers';
import { connectClient, rawSocket, sleep, syncFrame, waitFor, type Client, type RawSocket } from './sync-clients';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ENV = {
	SYNC_RATE_PER_SEC: '5000',
	SYNC_RATE_BURST: '5000',
	SYNC_UNLOAD_GRACE_MS: '100',
	// Compaction runs during the fuzz: the unloadable snapshot came from compacting fuzzed input.
	SYNC_COMPACT_AFTER: '40'
};

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}
const rand = prng(SEED);

const figures = { messagesTried: 0, refusedForgeries: 0, roomsReloaded: 0, editsChecked: 0, syncReplyBytes: 0 };

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let alice: string;
let mallory: string;
let viewer: string;
const planIds: string[] = [];

/** Valid updates of a document under one client id, one per edit, as templates for mutation. */
function templates(n: number): Uint8Array[] {
	const doc = new Y.Doc();
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	const tasks = doc.getMap<Y.Map<unknown>>('tasks');
	for (let i = 0; i < n; i++) {
		const k = `f${rand.int(20)}`;
		const r = rand.int(4);
		if (r === 0 || !tasks.has(k)) {
			const m = new Y.Map<unknown>();
			m.set('title', `模板 ${i}`);
			m.set('progress', rand.int(101));
			const deps = new Y.Array<string>();
			deps.push([`f${rand.int(20)}`]);
			m.set('deps', deps);
			tasks.set(k, m);
		} else if (r === 1) tasks.delete(k);
		else if (r === 2) (tasks.get(k)!.get('deps') as Y.Array<string> | undefined)?.insert(0, ['x']);
		else tasks.get(k)!.set('status', rand.pick(['todo', 'doing', 'done', 'blocked', 7, null]));
	}
	return out;
}

function mutate(u: Uint8Array, other: Uint8Array): Uint8Array {
	const b = u.slice();
	switch (rand.int(4)) {
		case 0: {
			for (let i = 0, n = 1 + rand.int(3); i < n; i++) b[rand.int(b.length)] ^= 1 << rand.int(8);
			return b;
		}
		case 1:
			return b.subarray(0, rand.int(b.length));
		case 2: {
			const cut = rand.int(b.length);
			const out = new Uint8Array(cut + other.length - (other.length >> 1));
			out.set(b.subarray(0, cut));
			out.set(other.subarray(other.length >> 1), cut);
			return out;
		}
		default: {
			const i = rand.int(b.length);
			b[i] = rand.pick([0, 0x7f, 0x80, 0xff]);
			return b;
		}
	}
}

/** Hand-made updates a real client never sends. */
function crafted(): Uint8Array[] {
	const fx = (n: string) => new Uint8Array(readFileSync(resolve(ROOT, 'tests/fixtures', n)));
	const gap = new Y.Doc();
	gap.getMap('tasks').set('a', 1);
	const sv = Y.encodeStateVector(gap);
	gap.getMap('tasks').set('b', 2);
	const deleteOnly = (() => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0); // no structs
		encoding.writeVarUint(e, 1); // one client in the delete set
		encoding.writeVarUint(e, 123456);
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, 5);
		encoding.writeVarUint(e, 1000);
		return encoding.toUint8Array(e);
	})();
	const hugeCount = (() => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0xffffffff);
		return encoding.toUint8Array(e);
	})();
	const wrongType = new Y.Doc();
	wrongType.getArray('tasks').push(['not a map']);
	wrongType.getText('phases').insert(0, 'text');
	return [
		fx('unloadable-snapshot.bin'),
		fx('same-id-update-a.bin'),
		fx('same-id-update-b.bin'),
		Y.encodeStateAsUpdate(gap, sv), // pending: depends on a struct never sent
		deleteOnly,
		hugeCount,
		new Uint8Array([0, 0]),
		new Uint8Array([]),
		Y.encodeStateAsUpdate(wrongType)
	];
}

/** A raw writer socket that reopens after the server closed it; counts what it sends. */
class Sender {
	sock: RawSocket | null = null;
	closes: number[] = [];
	constructor(private readonly room: string, private readonly cookie: string) {}
	async send(frame: Uint8Array): Promise<void> {
		if (!this.sock || this.sock.ws.readyState !== this.sock.ws.OPEN) {
			this.sock = await rawSocket(server.wsUrl, this.room, this.cookie);
			void this.sock.closed.then((c) => this.closes.push(c));
		}
		this.sock.ws.send(frame);
		figures.messagesTried++;
	}
	close(): void {
		this.sock?.ws.close();
	}
}

/** Real clients of every room: one that edits, one that watches (the "peer" whose view must survive). */
interface Peers {
	editor: Client;
	watcher: Client;
}
const peers = new Map<string, Peers>();
let editCount = 0;

async function connectPeers(): Promise<void> {
	for (const id of planIds) {
		const room = planRoom(id);
		peers.set(room, {
			editor: await connectClient(server.wsUrl, room, alice),
			watcher: await connectClient(server.wsUrl, room, alice)
		});
	}
}

function goodEdit(room: string): void {
	const { editor } = peers.get(room)!;
	const m = new Y.Map<unknown>();
	m.set('title', `真实编辑 ${editCount}`);
	m.set('progress', editCount % 101);
	editor.doc.getMap('tasks').set(`good-${editCount++}`, m);
}

/** Restart, then: every room loads for a fresh client with what its watcher saw; API and export answer. */
async function restartAndCheck(): Promise<void> {
	const expected = new Map<string, unknown>();
	for (const [room, p] of peers) {
		// Wait until the watcher has what the editor wrote (it was stored before it was broadcast).
		await waitFor(
			() => [...p.editor.doc.getMap('tasks').keys()].filter((k) => k.startsWith('good-')).every((k) => p.watcher.doc.getMap('tasks').has(k)),
			5000,
			`the watcher of ${room} to see the good edits`
		);
		expected.set(room, p.watcher.doc.getMap('tasks').toJSON());
		p.editor.destroy();
		p.watcher.destroy();
	}
	peers.clear();
	await server.kill(); // kill -9: what a peer saw must already be stored
	server = await startServer({ databaseUrl: tmp.url, env: ENV });
	for (const id of planIds) {
		const room = planRoom(id);
		const fresh = await connectClient(server.wsUrl, room, alice);
		figures.roomsReloaded++;
		const seen = expected.get(room) as Record<string, unknown>;
		expect(fresh.doc.getMap('tasks').toJSON()).toEqual(seen);
		figures.editsChecked += Object.keys(seen).filter((k) => k.startsWith('good-')).length;
		fresh.destroy();
		expect((await get(server, `/api/plans/${id}/tasks`, alice)).status).toBe(200);
		expect((await get(server, `/api/plans/${id}/export.xlsx`, alice)).status).toBe(200);
	}
	expect(server.output()).not.toMatch(/upgrade of .* failed/);
	await connectPeers();
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	const [a, m, v] = [await makeUser(h), await makeUser(h), await makeUser(h)];
	for (let i = 0; i < 3; i++) {
		const { id } = await makePlan(h);
		planIds.push(id);
		await addMember(h, id, a.id, 'leader');
		await addMember(h, id, m.id, 'leader');
		await addMember(h, id, v.id, 'viewer');
	}
	[alice, mallory, viewer] = [await makeSession(h, a.id), await makeSession(h, m.id), await makeSession(h, v.id)];
	server = await startServer({ databaseUrl: tmp.url, env: ENV });
	await connectPeers();
});

afterAll(async () => {
	for (const p of peers.values()) {
		p.editor.destroy();
		p.watcher.destroy();
	}
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
	console.log(`sync fuzz (seed ${SEED}): ${JSON.stringify(figures)}`);
});

describe('sync fuzz', () => {
	it('[Y9] [P4] mutated copies of valid updates never break a room or lose a seen edit', async () => {
		for (const id of planIds) {
			const room = planRoom(id);
			const sender = new Sender(room, mallory);
			const own = templates(60);
			for (let i = 0; i < 300; i++) {
				// Mostly the attacker's own valid updates, mutated; sometimes one sent intact.
				const t = rand.pick(own);
				await sender.send(syncFrame(2, rand.int(10) === 0 ? t : mutate(t, rand.pick(own))));
				if (i % 15 === 0) goodEdit(room);
				if (i % 25 === 0) await sleep(5);
			}
			sender.close();
		}
		await restartAndCheck();
	});

	it('[Y9] [Y20] crafted updates (the fixtures, pending structs, stray deletes, wrong types) never break a room', async () => {
		for (const id of planIds) {
			const room = planRoom(id);
			const sender = new Sender(room, mallory);
			for (const u of crafted()) {
				await sender.send(syncFrame(rand.pick([1, 2]), u));
				goodEdit(room);
				await sleep(10);
			}
			sender.close();
		}
		await restartAndCheck();
	});

	it('[Y19] updates forged under another user’s client id are all refused with 4400', async () => {
		for (const id of planIds) {
			const room = planRoom(id);
			const { editor } = peers.get(room)!;
			for (let i = 0; i < 10; i++) {
				goodEdit(room);
				const forged = new Y.Doc();
				Y.applyUpdate(forged, Y.encodeStateAsUpdate(editor.doc));
				forged.clientID = editor.doc.clientID;
				const sv = Y.encodeStateVector(forged);
				forged.getMap('tasks').set(`good-${rand.int(editCount)}`, 'forged');
				const raw = await rawSocket(server.wsUrl, room, mallory);
				raw.ws.send(syncFrame(2, Y.encodeStateAsUpdate(forged, sv)));
				figures.messagesTried++;
				expect(await raw.closed).toBe(CloseCode.Malformed);
				expect(await raw.reason).toContain('[Y19]');
				figures.refusedForgeries++;
			}
		}
		await restartAndCheck();
	});

	it('[Y14] awareness floods leave rooms and their clients working', async () => {
		for (const id of planIds) {
			const room = planRoom(id);
			const sender = new Sender(room, mallory);
			for (let i = 0; i < 200; i++) {
				const doc = new Y.Doc();
				doc.clientID = rand.int(2) ? rand.int(50) : peers.get(room)!.editor.doc.clientID;
				const a = new awarenessProtocol.Awareness(doc);
				a.setLocalState({ user: { name: 'x'.repeat(rand.int(200)), color: 'url(http://evil)' }, n: i });
				const update = awarenessProtocol.encodeAwarenessUpdate(a, [doc.clientID]);
				a.destroy();
				const e = encoding.createEncoder();
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(e, rand.int(20) === 0 ? mutate(update, update) : update);
				await sender.send(encoding.toUint8Array(e));
				if (i % 40 === 0) goodEdit(room);
			}
			sender.close();
			const { editor } = peers.get(room)!;
			expect(editor.provider.wsconnected).toBe(true);
		}
		await restartAndCheck();
	});

	it('[Y21] sync-request floods from a viewer draw bounded replies', async () => {
		const room = planRoom(planIds[0]);
		const docBytes = Y.encodeStateAsUpdate(peers.get(room)!.watcher.doc).byteLength;
		const raw = await rawSocket(server.wsUrl, room, viewer);
		let bytes = 0;
		raw.ws.on('message', (d: Buffer) => (bytes += d.byteLength));
		const request = syncFrame(0, new Uint8Array([0]));
		for (let i = 0; i < 400; i++) {
			(raw.ws as WebSocket).send(request);
			figures.messagesTried++;
		}
		goodEdit(room);
		await sleep(1000);
		raw.ws.close();
		figures.syncReplyBytes = bytes;
		expect(bytes).toBeLessThan(12 * docBytes + 64 * 1024);
		await restartAndCheck();
	});
});
