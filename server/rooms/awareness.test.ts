import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseClientMessage } from '../sync/messages';
import { RoomAwareness, type AwarenessPeer } from './awareness';

class Peer implements AwarenessPeer {
	readonly awarenessIds = new Set<number>();
	readonly frames: Uint8Array[] = [];
	constructor(readonly userId: string) {}
	send(frame: Uint8Array) {
		this.frames.push(frame);
	}
	/** The client ids each awareness frame received names, in order. */
	awarenessIdsSent(): number[][] {
		return this.frames.map((f) => {
			const msg = parseClientMessage(f);
			if (msg.kind !== 'awareness') throw new Error(msg.kind);
			const d = decoding.createDecoder(msg.update);
			const ids: number[] = [];
			for (let n = decoding.readVarUint(d); n > 0; n--) {
				ids.push(decoding.readVarUint(d));
				decoding.readVarUint(d); // clock
				decoding.readVarString(d); // state
			}
			return ids.sort((a, b) => a - b);
		});
	}
}

/** A client's awareness update publishing `state` under `clientId`. */
function presence(clientId: number, state: Record<string, unknown> | null, clock = 1): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const a = new awarenessProtocol.Awareness(doc);
	for (let i = 1; i < clock; i++) a.setLocalState({});
	a.setLocalState(state);
	return awarenessProtocol.encodeAwarenessUpdate(a, [clientId]);
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('RoomAwareness', () => {
	it('[Y32] joins and leaves within one turn reach every peer as one frame, the sender included', async () => {
		const peers = new Set<Peer>();
		const room = new RoomAwareness(new Y.Doc(), peers, 0);
		const clients = [1, 2, 3, 4, 5].map((i) => new Peer(`u${i}`));
		for (const p of clients) peers.add(p);
		clients.forEach((p, i) => expect(room.apply(p, presence(100 + i, { editing: null }))).toBe('ok'));
		expect(clients.every((p) => p.frames.length === 0)).toBe(true);
		await nextTurn();
		for (const p of clients) expect(p.awarenessIdsSent()).toEqual([[100, 101, 102, 103, 104]]);

		// A renewal and a leave in the same turn: one more frame naming both.
		room.apply(clients[0], presence(100, { editing: { id: 't1', field: 'title' } }, 2));
		peers.delete(clients[4]);
		room.leave(clients[4]);
		await nextTurn();
		for (const p of clients.slice(0, 4)) expect(p.awarenessIdsSent()[1]).toEqual([100, 104]);
		expect(clients[4].frames).toHaveLength(1);
		expect([...room.awareness.getStates().keys()].sort()).toEqual([100, 101, 102, 103]);
		room.destroy();
	});

	it('[Y32] a room that closes before the turn ends sends nothing afterwards', async () => {
		const peer = new Peer('u1');
		const room = new RoomAwareness(new Y.Doc(), new Set([peer]), 5);
		room.apply(peer, presence(7, { editing: null }));
		room.destroy();
		await new Promise((r) => setTimeout(r, 20));
		expect(peer.frames).toHaveLength(0);
	});
});

describe('the presence window', () => {
	it('[Y32] gathers the changes of joins a few milliseconds apart into one frame per window', async () => {
		const peers = new Set<Peer>();
		const room = new RoomAwareness(new Y.Doc(), peers, 40);
		const clients = [1, 2, 3, 4].map((i) => new Peer(`u${i}`));
		for (const [i, p] of clients.entries()) {
			peers.add(p);
			room.apply(p, presence(200 + i, { editing: null }));
			await new Promise((r) => setTimeout(r, 3)); // joins spread over several turns
		}
		expect(clients[0].frames).toHaveLength(0);
		await new Promise((r) => setTimeout(r, 60));
		for (const p of clients) expect(p.awarenessIdsSent()).toEqual([[200, 201, 202, 203]]);
		room.destroy();
	});

	it('[Y32] drops other users\' echoed entries undecoded and still refuses a truncated update', () => {
		const peers = new Set<Peer>();
		const room = new RoomAwareness(new Y.Doc(), peers, 0);
		const [a, b] = [new Peer('ua'), new Peer('ub')];
		peers.add(a).add(b);
		expect(room.apply(a, presence(300, { user: { name: 'A' } }))).toBe('ok');
		// b echoes a's state (as y-websocket does) together with its own.
		const echo = awarenessProtocol.encodeAwarenessUpdate(room.awareness, [300]);
		expect(room.apply(b, echo)).toBe('ok');
		expect(room.apply(b, presence(301, { user: { name: 'B' } }))).toBe('ok');
		expect([...a.awarenessIds]).toEqual([300]);
		expect([...b.awarenessIds]).toEqual([301]);
		const own = presence(302, { user: { name: 'B2' } });
		expect(room.apply(b, own.subarray(0, own.length - 3))).toBe('malformed');
		expect(room.awareness.getStates().has(302)).toBe(false);
		room.destroy();
	});
});

describe('the awareness frame for joiners', () => {
	it('[Y32] is encoded once per change: joiners in between share it, and a change is in the next one', () => {
		const peers = new Set<AwarenessPeer>();
		const room = new RoomAwareness(new Y.Doc(), peers);
		const a = new Peer('u1');
		peers.add(a);
		expect(room.frame()).toBeNull();
		expect(room.apply(a, presence(11, { user: { name: 'A' } }))).toBe('ok');
		const first = room.frame();
		expect(first).not.toBeNull();
		expect(room.frame()).toBe(first);
		const b = new Peer('u2');
		peers.add(b);
		expect(room.apply(b, presence(12, { user: { name: 'B' } }))).toBe('ok');
		const second = room.frame()!;
		expect(second).not.toBe(first);
		const msg = parseClientMessage(second);
		if (msg.kind !== 'awareness') throw new Error(msg.kind);
		expect(decoding.readVarUint(decoding.createDecoder(msg.update))).toBe(2);
		room.leave(b);
		expect(room.frame()).not.toBe(second);
		room.destroy();
	});
});
