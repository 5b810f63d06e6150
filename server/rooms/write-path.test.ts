import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { GroupCommitWriter } from './group-commit';
import { WritePath, type WritePeer } from './write-path';

class Peer implements WritePeer {
	readonly frames: Uint8Array[] = [];
	constructor(
		readonly userId: string,
		readonly readOnly = false
	) {}
	send(frame: Uint8Array) {
		this.frames.push(frame);
	}
}

function clientUpdate(clientId: number, taskId: string): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	doc.getMap('tasks').set(taskId, new Y.Map());
	return Y.encodeStateAsUpdate(doc);
}

/** A write path over a writer whose stores finish when the test says so. */
function setup() {
	const pending: (() => void)[] = [];
	const stored: string[] = [];
	const writer = new GroupCommitWriter(
		async (updates) => {
			await new Promise<void>((r) => pending.push(r));
			stored.push(...updates.map((u) => u.userId ?? 'system'));
		},
		{ delayMs: 0, log: () => {} }
	);
	const logged: boolean[] = [];
	const peers = new Set<Peer>();
	const doc = new Y.Doc();
	const path = new WritePath({
		name: 'plan:p1',
		kind: 'plan',
		doc,
		owners: new Map(),
		peers,
		writer,
		log: () => {},
		onLogged: (own) => logged.push(own)
	});
	/** Lets every store that was asked for finish, and waits until the path has seen it (2 s at most). */
	const finishStores = async () => {
		const until = async (done: () => boolean) => {
			for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
		};
		await until(() => pending.length > 0);
		while (pending.length) pending.shift()!();
		await until(() => path.unstored === 0);
		await new Promise((r) => setImmediate(r));
	};
	return { path, peers, doc, stored, logged, finishStores, writer };
}

describe('WritePath', () => {
	it('[Y6] a client update is applied at once, broadcast to the others only once stored, never back to its sender', async () => {
		const { path, peers, doc, stored, logged, finishStores, writer } = setup();
		const alice = new Peer('alice');
		const bob = new Peer('bob');
		peers.add(alice).add(bob);
		expect(path.applyUpdate(alice, clientUpdate(11, 't1'))).toBe('stored');
		expect(doc.getMap('tasks').has('t1')).toBe(true);
		expect(path.unstored).toBe(1);
		expect(bob.frames).toHaveLength(0);
		let durable = false;
		void path.stored().then(() => (durable = true));
		await finishStores();
		expect([durable, stored, bob.frames.length, alice.frames.length, logged]).toEqual([true, ['alice'], 1, 0, [true]]);
		writer.stop();
	});

	it('[Y19] an update under a client id another user wrote with is refused, nothing applied', async () => {
		const { path, peers, doc, finishStores, writer } = setup();
		const alice = new Peer('alice');
		const mallory = new Peer('mallory');
		peers.add(alice).add(mallory);
		path.applyUpdate(alice, clientUpdate(11, 't1'));
		await finishStores();
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(doc));
		forged.clientID = 11; // after the sync: Yjs moves off an id it sees arriving
		forged.getMap('tasks').set('t2', new Y.Map());
		expect(path.applyUpdate(mallory, Y.encodeStateAsUpdate(forged, Y.encodeStateVector(doc)))).toBe('foreign-client');
		expect(doc.getMap('tasks').has('t2')).toBe(false);
		expect(path.applyUpdate(new Peer('viewer', true), clientUpdate(12, 't3'))).toBe('unchanged');
		writer.stop();
	});

	it('[Y25] an update stored by another instance is broadcast to every peer and not stored again', () => {
		const { path, peers, stored, logged, writer } = setup();
		const alice = new Peer('alice');
		peers.add(alice);
		expect(path.applyStored(clientUpdate(21, 't9'))).toBe(true);
		expect(path.applyStored(clientUpdate(21, 't9'))).toBe(false);
		expect([alice.frames.length, stored, logged, path.unstored]).toEqual([1, [], [false], 0]);
		writer.stop();
	});

	it('[K5] a server-side write resolves once stored, attributed to its user; after close writes are refused', async () => {
		const { path, doc, stored, finishStores, writer } = setup();
		const write = path.applyLocal('leader', (d) => d.getMap('tasks').set('t5', new Y.Map()));
		await finishStores();
		await write;
		expect(stored).toEqual(['leader']);
		expect(doc.getMap('tasks').has('t5')).toBe(true);
		await path.close();
		await expect(path.applyLocal(null, () => {})).rejects.toThrow(/closed/);
		writer.stop();
	});
});
