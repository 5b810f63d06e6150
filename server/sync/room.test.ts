import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateDb, openDb, type DbHandle } from '../../src/lib/server/db/index';
import { appendUpdates, loadDocState, type AuditEntry, type StoredUpdate } from '../../src/lib/server/docs/store';
import { limitsFromEnv } from './limits';
import { parseClientMessage } from './messages';
import { RoomRegistry, RoomsFullError } from './registry';
import { LiveRoom, type Peer } from './room';
import { GroupCommitWriter } from './writer';

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
		const room = await LiveRoom.load('plan:p1', planRoom, { db: h.db, writer, limits, log: () => {} });
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
		const writer = new GroupCommitWriter((u, a) => appendUpdates(h.db, u, a), { delayMs: 1, log: () => {} });
		const room = await LiveRoom.load('plan:p1', planRoom, { db: h.db, writer, limits, log: () => {} });
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
});

describe('RoomRegistry', () => {
	const deps = () => ({
		db: h.db,
		writer: new GroupCommitWriter((u, a) => appendUpdates(h.db, u, a), { delayMs: 1, log: () => {} }),
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
