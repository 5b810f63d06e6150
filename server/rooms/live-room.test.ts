// Over 400 lines: the room lifecycle end to end on a real libsql file (store before broadcast, load, upgrade, projection, unload); each part has its own short test file beside it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateDb, openDb, type DbHandle } from '../../src/lib/server/db/index';
import { LibsqlDocStorage } from '../../src/lib/server/docs/libsql-storage';
import { appendUpdates, loadDocState, writeDocSnapshot, type AuditEntry, type StoredUpdate } from '../../src/lib/server/docs/store';
import { limitsFromEnv } from '../sync/limits';
import { parseClientMessage } from '../sync/messages';
import { RoomRegistry, RoomsFullError } from './registry';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LARGE_DOC_RECORDS, LiveRoom, MAX_AWARENESS_BYTES, type Peer } from './live-room';
import { GroupCommitWriter } from './group-commit';

let dir: string;
let h: DbHandle;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'room-'));
	h = await openDb(`file:${join(dir, 't.db')}`);
	await migrateDb(h);
});
afterEach(() => {
	h.client.close();
	rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const limits = { ...limitsFromEnv({}), commitDelayMs: 1, unloadGraceMs: 20 };
const planRoom = { kind: 'plan', planId: 'p1' } as const;

class FakePeer implements Peer {
	readonly awarenessIds = new Set<number>();
	readonly received: Uint8Array[] = [];
	open = true;
	constructor(
		readonly userId: string,
		readonly readOnly = false
	) {}
	send(frame: Uint8Array) {
		this.received.push(frame);
	}
	/** Updates received after the initial sync step 1. */
	updates() {
		return this.received.map((f) => parseClientMessage(f)).filter((m) => m.kind === 'update');
	}
}

function taskUpdate(id: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('tasks').set(id, new Y.Map());
	return Y.encodeStateAsUpdate(doc);
}

/** A writer into the test database and the plan room `p1` over it: the set-up most tests share. */
async function openPlanRoom() {
	const writer = new GroupCommitWriter((u, a, o) => appendUpdates(h.db, u, a, o), { delayMs: 1, log: () => {} });
	const room = await LiveRoom.load('plan:p1', planRoom, { db: h.db, storage: new LibsqlDocStorage(h.db), writer, limits, log: () => {} });
	return { writer, room };
}

describe('LiveRoom', () => {
	it('[Y6] while storing fails, an update is neither broadcast nor served to a joining client; once stored it is', async () => {
		let failing = true;
		const stored: StoredUpdate[] = [];
		const writer = new GroupCommitWriter(
			async (updates: StoredUpdate[], audit: AuditEntry[]) => {
				if (failing) throw new Error('database is locked');
				stored.push(...updates);
				await appendUpdates(h.db, updates, audit);
			},
			{ delayMs: 1, log: () => {}, retryBaseMs: 10, retryMaxMs: 20 }
		);
		const room = await LiveRoom.load('plan:p1', planRoom, { db: h.db, storage: new LibsqlDocStorage(h.db), writer, limits, log: () => {} });
		const author = new FakePeer('u1');
		const other = new FakePeer('u2');
		room.addPeer(author);
		room.addPeer(other);
		expect(room.applyUpdate(author, taskUpdate('t1'))).toBe('stored');
		expect(room.doc.getMap('tasks').has('t1')).toBe(true); // kept in memory

		const joiner = new FakePeer('u3');
		room.addPeer(joiner);
		const answered = room.answerSyncStep1(joiner, Y.encodeStateVector(new Y.Doc()));
		await sleep(60);
		expect(other.updates()).toEqual([]);
		expect(joiner.received.length).toBe(1); // only the server's own sync step 1

		failing = false;
		await answered;
		expect(other.updates()).toHaveLength(1);
		expect(author.updates()).toHaveLength(0);
		expect(stored.map((u) => u.userId)).toEqual(['u1']);
		expect((await loadDocState(h.db, 'plan:p1')).tailLength).toBe(1);
		await room.close();
	});

	it('[Y4] a read-only peer’s update is dropped; an update that changes nothing is not stored', async () => {
		const { writer, room } = await openPlanRoom();
		const reader = new FakePeer('r', true);
		const writerPeer = new FakePeer('w');
		room.addPeer(reader);
		room.addPeer(writerPeer);
		expect(room.applyUpdate(reader, taskUpdate('t1'))).toBe('unchanged');
		expect(room.doc.getMap('tasks').size).toBe(0);
		const update = taskUpdate('t2');
		expect(room.applyUpdate(writerPeer, update)).toBe('stored');
		expect(room.applyUpdate(writerPeer, update)).toBe('unchanged');
		await writer.flush();
		expect((await loadDocState(h.db, 'plan:p1')).tailLength).toBe(1);
		await room.close();
	});

	const storedTasks = async () => {
		const { state } = await loadDocState(h.db, 'plan:p1');
		const doc = new Y.Doc();
		if (state) Y.applyUpdate(doc, state);
		return doc.getMap<Y.Map<unknown>>('tasks');
	};

	it('[Y16] replacing a task whose fields hold a BigInt is stored with its audit, never half-applied', async () => {
		const { writer, room } = await openPlanRoom();
		const author = new FakePeer('u1');
		const other = new FakePeer('u2');
		room.addPeer(author);
		room.addPeer(other);
		const client = new Y.Doc();
		const edit = (change: () => void) => {
			const sv = Y.encodeStateVector(client);
			change();
			return room.applyUpdate(author, Y.encodeStateAsUpdate(client, sv));
		};
		const withValue = (v: unknown) => {
			const m = new Y.Map<unknown>();
			m.set('v', v);
			m.set('title', 'x');
			client.getMap('tasks').set('t1', m);
		};
		expect(edit(() => withValue(1n))).toBe('stored');
		expect(edit(() => withValue(2n))).toBe('stored');
		await writer.flush();
		expect((await storedTasks()).get('t1')?.toJSON()).toEqual({ v: 2n, title: 'x' });
		expect(other.updates()).toHaveLength(2);
		const audit = await h.client.execute("SELECT action, fields FROM doc_audit WHERE entity_id = 't1' ORDER BY id");
		expect(audit.rows.map((r) => [r.action, r.fields])).toEqual([
			['create', '["*"]'],
			['update', '["v"]']
		]);
		await room.close();
	});

	it('[Y16] an update that throws after it reached the document is still stored and broadcast, and reported malformed', async () => {
		const { writer, room } = await openPlanRoom();
		const author = new FakePeer('u1');
		const other = new FakePeer('u2');
		room.addPeer(author);
		room.addPeer(other);
		// Any observer failing inside Yjs's transaction cleanup: the update is in the doc already.
		room.doc.getMap('tasks').observe(() => {
			throw new Error('observer failed');
		});
		expect(room.applyUpdate(author, taskUpdate('t1'))).toBe('malformed');
		expect(room.doc.getMap('tasks').has('t1')).toBe(true);
		await writer.flush();
		expect((await storedTasks()).has('t1')).toBe(true);
		expect(other.updates()).toHaveLength(1);
		await room.close();
	});

	it('[Y18] under a steady stream of edits a joining client is answered promptly, with stored edits only', async () => {
		let room!: LiveRoom;
		const author = new FakePeer('u1');
		const stored = new Set<string>();
		let n = 0;
		const writer = new GroupCommitWriter(
			async (updates, audit) => {
				await appendUpdates(h.db, updates, audit);
				for (const a of audit) stored.add(a.entityId);
				// The next edit arrives before this batch is acknowledged: there is always one unstored.
				if (n < 120) room.applyUpdate(author, taskUpdate(`t${n++}`));
			},
			{ delayMs: 0, log: () => {} }
		);
		room = await LiveRoom.load('plan:p1', planRoom, { db: h.db, storage: new LibsqlDocStorage(h.db), writer, limits, log: () => {} });
		room.addPeer(author);
		room.applyUpdate(author, taskUpdate(`t${n++}`));
		const joiner = new FakePeer('u3');
		let sent: { keys: string[]; stored: Set<string>; at: number } | null = null;
		joiner.send = (frame) => {
			const msg = parseClientMessage(frame);
			if (msg.kind !== 'update' || frame[1] !== 1) return; // sync step 2 only, not broadcasts
			const doc = new Y.Doc();
			Y.applyUpdate(doc, msg.update);
			sent ??= { keys: [...doc.getMap('tasks').keys()], stored: new Set(stored), at: n };
		};
		room.peers.add(joiner);
		await room.answerSyncStep1(joiner, Y.encodeStateVector(new Y.Doc()));
		expect(sent).not.toBeNull();
		expect(sent!.keys.filter((k) => !sent!.stored.has(k))).toEqual([]);
		expect(sent!.at).toBeLessThan(10);
		while (n < 120) await sleep(5);
		await room.close();
		expect((await storedTasks()).size).toBe(120);
	});

	it('[Y16] [Y20] an update that adds nothing is not stored; pending structs are stored once they integrate', async () => {
		const { writer, room } = await openPlanRoom();
		const peer = new FakePeer('w');
		room.addPeer(peer);
		const client = new Y.Doc();
		client.getMap('tasks').set('a', 1);
		const first = Y.encodeStateAsUpdate(client);
		const sv = Y.encodeStateVector(client);
		client.getMap('tasks').set('b', 2);
		const second = Y.encodeStateAsUpdate(client, sv); // depends on `first`
		expect(room.applyUpdate(peer, second)).toBe('unchanged'); // pending: in memory only
		expect(room.applyUpdate(peer, second)).toBe('unchanged');
		expect(room.applyUpdate(peer, taskUpdate('t1'))).toBe('stored');
		const same = taskUpdate('t2');
		expect(room.applyUpdate(peer, same)).toBe('stored');
		expect(room.applyUpdate(peer, same)).toBe('unchanged');
		expect(room.applyUpdate(peer, first)).toBe('stored');
		expect(room.doc.getMap('tasks').get('b')).toBe(2);
		await writer.flush();
		expect((await loadDocState(h.db, 'plan:p1')).tailLength).toBe(3);
		expect((await storedTasks()).toJSON()).toMatchObject({ a: 1, b: 2 });
		await room.close();
	});

	it('[Y14] presence: an oversized awareness update is refused; entries for another user’s client id are dropped, the rest applied', async () => {
		const { room } = await openPlanRoom();
		const alice = new FakePeer('alice');
		const mallory = new FakePeer('mallory');
		const aliceAgain = new FakePeer('alice');
		for (const p of [alice, mallory, aliceAgain]) room.addPeer(p);
		const presence = (clientId: number, state: Record<string, unknown> | null, clock = 1) => {
			const doc = new Y.Doc();
			doc.clientID = clientId;
			const a = new awarenessProtocol.Awareness(doc);
			a.setLocalState(state);
			for (let i = 1; i < clock; i++) a.setLocalState(state);
			const update = awarenessProtocol.encodeAwarenessUpdate(a, [clientId]);
			a.destroy();
			return update;
		};
		expect(room.applyAwareness(alice, presence(7, { editing: { id: 'a', field: 'title' } }))).toBe('ok');
		expect(room.applyAwareness(mallory, presence(7, { name: 'Mallory' }, 5))).toBe('ok');
		expect(room.applyAwareness(mallory, presence(7, null, 5))).toBe('ok');
		const userOf = (id: number) => (room.awareness.getStates().get(id) as { user?: { id: string } } | undefined)?.user?.id;
		expect(userOf(7)).toBe('alice');
		// An echo of Alice's state mixed with Mallory's own: hers is applied, Alice's stays Alice's.
		const mixed = (() => {
			const doc = new Y.Doc();
			doc.clientID = 9;
			const a = new awarenessProtocol.Awareness(doc);
			a.setLocalState({ name: 'Mallory' });
			a.states.set(7, { name: 'forged' });
			a.meta.set(7, { clock: 99, lastUpdated: Date.now() });
			const u = awarenessProtocol.encodeAwarenessUpdate(a, [7, 9]);
			a.destroy();
			return u;
		})();
		expect(room.applyAwareness(mallory, mixed)).toBe('ok');
		expect(room.awareness.getStates().get(7)).toMatchObject({ editing: { id: 'a', field: 'title' } });
		expect(userOf(9)).toBe('mallory');
		expect(mallory.awarenessIds.has(7)).toBe(false);
		expect(room.applyAwareness(mallory, presence(8, { name: 'x'.repeat(MAX_AWARENESS_BYTES) }))).toBe('too-big');
		expect(room.awareness.getStates().has(8)).toBe(false);
		expect(room.applyAwareness(mallory, new Uint8Array([1, 9]))).toBe('malformed');
		// The same user reconnecting before the server noticed the old socket is gone takes over.
		expect(room.applyAwareness(aliceAgain, presence(7, { editing: { id: 'b', field: 'title' } }, 3))).toBe('ok');
		expect([alice.awarenessIds.has(7), aliceAgain.awarenessIds.has(7)]).toEqual([false, true]);
		room.removePeer(alice);
		expect(room.awareness.getStates().get(7)).toMatchObject({ user: { id: 'alice' }, editing: { id: 'b', field: 'title' } });
		await room.close();
	});
});

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../tests/fixtures', name)));

describe('LiveRoom storage integrity', () => {
	const open = async () => {
		const writer = new GroupCommitWriter((u, a, o) => appendUpdates(h.db, u, a, o), { delayMs: 1, log: () => {} });
		const lines: string[] = [];
		const deps = { db: h.db, storage: new LibsqlDocStorage(h.db), writer, limits, log: (e: string, f?: object) => void lines.push(JSON.stringify({ e, ...f })) };
		return { writer, lines, deps, load: () => LiveRoom.load('plan:p1', planRoom, deps) };
	};

	it('[Y17] a large loaded room projects once the load delay is over, or at once when it closes before; a small one soon', async () => {
		await h.client.execute("INSERT INTO plans (id, title, start, \"end\", created_at) VALUES ('p1', 'P', '2026-01-01', '2026-12-31', 1)");
		const big = new Y.Doc();
		for (let i = 0; i < LARGE_DOC_RECORDS; i++) big.getMap('tasks').set(`t${i}`, new Y.Map());
		await appendUpdates(h.db, [{ room: 'plan:p1', userId: 'u1', at: 1, update: Y.encodeStateAsUpdate(big) }]);
		const projected = async (planId: string) => Number((await h.client.execute({ sql: 'SELECT count(*) AS n FROM tasks WHERE plan_id = ?', args: [planId] })).rows[0].n);
		const { deps } = await open();
		const slow = { ...deps, limits: { ...limits, projectLoadDelayMs: 60_000 } };
		const large = await LiveRoom.load('plan:p1', planRoom, slow);
		await sleep(limits.projectDebounceMs + 150);
		expect(await projected('p1')).toBe(0); // not yet: the joins that follow a load go first
		await large.close();
		expect(await projected('p1')).toBe(LARGE_DOC_RECORDS);

		await h.client.execute("INSERT INTO plans (id, title, start, \"end\", created_at) VALUES ('p2', 'P', '2026-01-01', '2026-12-31', 1)");
		await appendUpdates(h.db, [{ room: 'plan:p2', userId: 'u1', at: 1, update: taskUpdate('t1') }]);
		const small = await LiveRoom.load('plan:p2', { kind: 'plan', planId: 'p2' }, slow);
		const started = Date.now();
		while ((await projected('p2')) === 0 && Date.now() - started < 3000) await sleep(20);
		expect(await projected('p2')).toBe(1);
		await small.close();
	});

	it('[P4] a room whose snapshot does not load (the fuzz fixture) still loads, with the snapshot quarantined and logged', async () => {
		const { lines, load } = await open();
		await h.client.execute({
			sql: 'INSERT INTO doc_snapshots (room, state, up_to_id, updated_at) VALUES (?, ?, 0, 1)',
			args: ['plan:p1', fixture('unloadable-snapshot.bin')]
		});
		await appendUpdates(h.db, [{ room: 'plan:p1', userId: 'u1', at: 1, update: taskUpdate('t1') }]);
		const room = await load();
		expect(room.doc.getMap('tasks').has('t1')).toBe(true);
		expect(lines.some((l) => /snapshot .*quarantined/.test(l))).toBe(true);
		const q = await h.client.execute('SELECT room, source, length(bytes) AS n FROM doc_quarantine');
		expect(q.rows.map((r) => [r.room, r.source, r.n])).toEqual([['plan:p1', 'snapshot', 4427]]);
		await room.close();
		expect((await load()).doc.getMap('tasks').has('t1')).toBe(true);
	});

	it('[Y19] an update under a client id another user owns is refused unapplied, also after a reload', async () => {
		const a = fixture('same-id-update-a.bin');
		const b = fixture('same-id-update-b.bin');
		const { writer, load } = await open();
		let room = await load();
		const alice = new FakePeer('alice');
		const mallory = new FakePeer('mallory');
		room.addPeer(alice);
		room.addPeer(mallory);
		expect(room.applyUpdate(alice, a)).toBe('stored');
		const before = Y.encodeStateAsUpdate(room.doc);
		expect(room.applyUpdate(mallory, b)).toBe('foreign-client');
		expect(Buffer.compare(Y.encodeStateAsUpdate(room.doc), before)).toBe(0);
		await writer.flush();
		await room.close();
		room = await load();
		const malloryAgain = new FakePeer('mallory');
		room.addPeer(malloryAgain);
		expect(room.applyUpdate(malloryAgain, b)).toBe('foreign-client');
		// Nor may anyone write under the server's own client id.
		const forged = new Y.Doc();
		forged.clientID = room.doc.clientID;
		forged.getMap('tasks').set('x', 1);
		expect(room.applyUpdate(malloryAgain, Y.encodeStateAsUpdate(forged))).toBe('foreign-client');
		// Re-sending structs the room already has (an offline cache) is not a write.
		const aliceAgain = new FakePeer('alice');
		room.addPeer(aliceAgain);
		const own = taskUpdate('t-alice');
		expect(room.applyUpdate(aliceAgain, own)).toBe('stored');
		expect(room.applyUpdate(malloryAgain, own)).toBe('unchanged');
		await writer.flush();
		const users = await h.client.execute('SELECT DISTINCT user_id FROM doc_updates');
		expect(users.rows.map((r) => r.user_id)).toEqual(['alice']);
		await room.close();
	});

	it('[Y20] what is stored is what Yjs applied, not the client’s bytes', async () => {
		const { writer, load } = await open();
		const room = await load();
		const peer = new FakePeer('w');
		room.addPeer(peer);
		const client = new Y.Doc();
		client.getMap('tasks').set('a', 1);
		const first = Y.encodeStateAsUpdate(client);
		client.getMap('tasks').set('b', 2);
		// Overlaps what the room has: Yjs takes only the new part.
		expect(room.applyUpdate(peer, first)).toBe('stored');
		const overlapping = Y.encodeStateAsUpdate(client);
		expect(room.applyUpdate(peer, overlapping)).toBe('stored');
		await writer.flush();
		const rows = await h.client.execute('SELECT "update" FROM doc_updates ORDER BY id');
		const second = new Uint8Array(rows.rows[1].update as ArrayBuffer);
		expect(Buffer.compare(second, overlapping)).not.toBe(0);
		expect(Y.decodeUpdate(second).structs.map((s) => s.id.clock)).toEqual([1]);
		await room.close();
	});

	it('applyLocal stores the change attributed to the user, with its audit, then broadcasts it to every peer', async () => {
		const { load } = await open();
		const room = await load();
		const p1 = new FakePeer('u1');
		const p2 = new FakePeer('u2');
		room.addPeer(p1);
		room.addPeer(p2);
		const done = room.applyLocal('importer', (doc) => {
			const m = new Y.Map<unknown>();
			m.set('title', 'from an import');
			doc.getMap('tasks').set('t9', m);
		});
		expect(p1.updates()).toHaveLength(0); // nothing before the store
		await done;
		expect([p1.updates().length, p2.updates().length]).toEqual([1, 1]);
		const rows = await h.client.execute('SELECT user_id FROM doc_updates');
		expect(rows.rows.map((r) => r.user_id)).toEqual(['importer']);
		const audit = await h.client.execute("SELECT user_id, action FROM doc_audit WHERE entity_id = 't9'");
		expect(audit.rows.map((r) => [r.user_id, r.action])).toEqual([['importer', 'create']]);
		await room.close();
	});

	it('[Y22] joiners with an empty state vector share one encoded full state, followed by the updates since', async () => {
		const { load } = await open();
		const doc = new Y.Doc();
		for (let i = 0; i < 50; i++) doc.getMap('tasks').set(`t${i}`, i);
		await writeDocSnapshot(h.db, 'plan:p1', doc);
		const room = await load();
		const [j1, j2, j3, j4] = [new FakePeer('a'), new FakePeer('b'), new FakePeer('c'), new FakePeer('d')];
		const empty = Y.encodeStateVector(new Y.Doc());
		await room.answerSyncStep1(j1, empty);
		await room.answerSyncStep1(j2, empty);
		expect(j1.received.at(-1)).toBe(j2.received.at(-1));
		const full = j1.received.at(-1);
		await room.applyLocal('u', (d) => d.getMap('tasks').set('new', 1));
		await room.applyLocal('u', (d) => d.getMap('tasks').set('newer', 2));
		const before3 = j3.received.length;
		await room.answerSyncStep1(j3, empty);
		await room.answerSyncStep1(j4, empty);
		// The same full state, then one update frame with both edits, shared by both joiners.
		const sent = j3.received.slice(before3);
		expect(sent).toHaveLength(2);
		expect(sent[0]).toBe(full);
		expect(j4.received.at(-1)).toBe(sent[1]);
		const got = new Y.Doc();
		for (const f of sent) {
			const msg = parseClientMessage(f);
			if (msg.kind === 'update') Y.applyUpdate(got, msg.update); // step 2 and updates parse alike
		}
		expect(got.getMap('tasks').toJSON()).toEqual(room.doc.getMap('tasks').toJSON());
		expect(got.getMap('tasks').get('newer')).toBe(2);
		await room.close();
	});
});

describe('RoomRegistry', () => {
	const deps = () => ({
		db: h.db,
		storage: new LibsqlDocStorage(h.db),
		writer: new GroupCommitWriter((u, a, o) => appendUpdates(h.db, u, a, o), { delayMs: 1, log: () => {} }),
		limits: { ...limits, maxRooms: 1 },
		log: () => {}
	});

	it('[Y13] concurrent first connections share one load; the room unloads after the grace period', async () => {
		const registry = new RoomRegistry(deps());
		const [a, b] = await Promise.all([
			registry.acquire('plan:p1', planRoom),
			registry.acquire('plan:p1', planRoom)
		]);
		expect(a).toBe(b);
		registry.release('plan:p1');
		registry.release('plan:p1');
		expect(registry.size).toBe(1);
		await sleep(60);
		expect(registry.size).toBe(0);
	});

	it('[Y13] at the cap a new room is refused while no room is idle, and evicts an idle one', async () => {
		const registry = new RoomRegistry(deps());
		await registry.acquire('plan:p1', planRoom);
		await expect(registry.acquire('plan:p2', { kind: 'plan', planId: 'p2' })).rejects.toBeInstanceOf(
			RoomsFullError
		);
		registry.release('plan:p1');
		const second = await registry.acquire('plan:p2', { kind: 'plan', planId: 'p2' });
		expect(second.name).toBe('plan:p2');
		expect(registry.names()).toEqual(['plan:p2']);
		await registry.closeAll();
	});
});
