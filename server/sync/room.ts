/**
 * One live document in memory: its Y.Doc, the awareness (presence) of its clients and the peers
 * connected to it. The lifecycle rule this class keeps: an update is validated, applied, stored
 * (with its audit rows) through the group-commit writer, and only then broadcast; a client that
 * syncs gets the document only once everything applied to it is stored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import { compactRoom, loadDocState } from '../../src/lib/server/docs/store';
import { projectPlanDoc, projectSchoolDoc } from '../../src/lib/server/services/projection';
import type { Room } from '../../src/lib/shared/sync/protocol';
import { AuditRecorder, type AuditChange } from './audit';
import type { SyncLimits } from './limits';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages';
import { cleanPresenceJson, MAX_CLIENT_IDS_PER_CONNECTION, presenceUser } from './presence';
import { ProjectionScheduler } from './projector';
import type { GroupCommitWriter } from './writer';

/** What a room needs of a connection. */
export interface Peer {
	readonly userId: string;
	readonly readOnly: boolean;
	readonly open: boolean;
	/** Awareness client ids this peer introduced, removed when it leaves. */
	readonly awarenessIds: Set<number>;
	send(frame: Uint8Array): void;
}

export interface RoomDeps {
	db: Db;
	writer: GroupCommitWriter;
	limits: SyncLimits;
	log: (line: string) => void;
}

/** Outcome of a client update: `malformed` closes the connection, the others keep it. */
export type UpdateResult = 'stored' | 'unchanged' | 'malformed';

/** Outcome of an awareness update: anything but `ok` closes the connection. */
export type AwarenessResult = 'ok' | 'too-big' | 'malformed';

/** Presence is a name, a colour and a cursor: far below this. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

const sameBytes = (a: Uint8Array | null | undefined, b: Uint8Array | null | undefined) =>
	a === b || (!!a && !!b && Buffer.compare(a, b) === 0);

export class LiveRoom {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Set<Peer>();
	readonly #audit: AuditRecorder;
	readonly #projector: ProjectionScheduler;
	/**
	 * Sequence numbers of updates accepted into `doc` and of those stored (writes resolve in order,
	 * so every update up to `#storedSeq` is durable). Waiting for the applied number of a moment
	 * cannot starve: later edits do not move the target.
	 */
	#appliedSeq = 0;
	#storedSeq = 0;
	#storeWaiters: { seq: number; resolve: () => void }[] = [];
	#tailLength = 0;
	#compacting: Promise<void> | null = null;
	#closed = false;

	private constructor(
		readonly name: string,
		readonly room: Room,
		private readonly deps: RoomDeps
	) {
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		// The server is not a participant: it has no presence of its own.
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
		this.#audit = new AuditRecorder(this.doc, room.kind);
		this.#projector = new ProjectionScheduler(() => this.#project(), {
			debounceMs: deps.limits.projectDebounceMs,
			maxWaitMs: deps.limits.projectMaxWaitMs,
			log: deps.log,
			label: name
		});
	}

	/**
	 * Loads the stored state and projects it once in the background (debounced, off the connect
	 * path): a crash between storing an update and projecting it must not leave the SQL rows stale
	 * until the next edit.
	 */
	static async load(name: string, room: Room, deps: RoomDeps): Promise<LiveRoom> {
		const r = new LiveRoom(name, room, deps);
		const loaded = await loadDocState(deps.db, name);
		if (loaded.state) Y.applyUpdate(r.doc, loaded.state);
		r.#tailLength = loaded.tailLength;
		r.#projector.schedule();
		if (r.#tailLength >= deps.limits.compactAfter) r.#compact();
		return r;
	}

	/** Updates accepted into the document but not yet durable. */
	get unstored(): number {
		return this.#appliedSeq - this.#storedSeq;
	}

	addPeer(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(this.doc));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
		}
	}

	removePeer(peer: Peer): void {
		if (!this.peers.delete(peer)) return;
		if (peer.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
		}
	}

	/**
	 * Answers sync step 1 with what the client lacks as of now, sent once every update applied so
	 * far is stored (a joining client must not receive edits a crash could still lose). Edits
	 * applied while waiting reach the client as broadcasts, after their own store.
	 */
	async answerSyncStep1(peer: Peer, stateVector: Uint8Array): Promise<void> {
		const frame = encodeSyncStep2(this.doc, stateVector);
		await this.#storedUpTo(this.#appliedSeq);
		if (peer.open) peer.send(frame);
	}

	/** Resolves once every update up to `seq` is stored. */
	#storedUpTo(seq: number): Promise<void> {
		if (this.#storedSeq >= seq) return Promise.resolve();
		return new Promise((resolve) => this.#storeWaiters.push({ seq, resolve }));
	}

	#markStored(seq: number): void {
		this.#storedSeq = Math.max(this.#storedSeq, seq);
		if (this.#storeWaiters.length === 0) return;
		const ready = this.#storeWaiters.filter((w) => w.seq <= this.#storedSeq);
		this.#storeWaiters = this.#storeWaiters.filter((w) => w.seq > this.#storedSeq);
		for (const w of ready) w.resolve();
	}

	/** Applies a client's update (already decoded once by the parser), then stores and broadcasts it. */
	applyUpdate(peer: Peer, update: Uint8Array): UpdateResult {
		if (peer.readOnly || this.#closed) return 'unchanged';
		const emitted: Uint8Array[] = [];
		const onUpdate = (u: Uint8Array, origin: unknown) => {
			if (origin === peer) emitted.push(u);
		};
		const { store } = this.doc;
		const pendingBefore = store.pendingStructs?.update ?? null;
		const pendingDsBefore = store.pendingDs;
		this.doc.on('update', onUpdate);
		let result;
		try {
			result = this.#audit.recordAll(() => Y.applyUpdate(this.doc, update, peer));
		} finally {
			this.doc.off('update', onUpdate);
		}
		if (result.error !== undefined) {
			// Yjs threw, but possibly after part of the update was already in the document, where
			// peers syncing later would see it: store what the document took (as Yjs encoded it,
			// not the client's bytes, which may not decode), broadcast it once stored, and still
			// close the connection.
			if (emitted.length > 0) {
				this.#store(peer, emitted.length === 1 ? emitted[0] : Y.mergeUpdates(emitted), result.changes);
			}
			return 'malformed';
		}
		// Structs waiting for a missing dependency change nothing yet but must survive a restart;
		// only an update that added to them is stored, not every no-op once something is pending.
		const pendingGrew =
			!sameBytes(pendingBefore, store.pendingStructs?.update ?? null) ||
			!sameBytes(pendingDsBefore, store.pendingDs);
		if (emitted.length === 0 && !pendingGrew) return 'unchanged';
		this.#store(peer, update, result.changes);
		return 'stored';
	}

	/** Stores one applied update with its audit rows, then broadcasts it to the other peers. */
	#store(peer: Peer, update: Uint8Array, changes: AuditChange[]): void {
		const at = Date.now();
		const userId = peer.userId;
		const seq = ++this.#appliedSeq;
		const write = this.deps.writer.write(
			{ room: this.name, userId, at, update },
			changes.map((c) => ({ room: this.name, userId, at, ...c }))
		);
		void write.then(() => {
			this.#markStored(seq);
			this.#tailLength++;
			const frame = encodeUpdate(update);
			for (const other of this.peers) if (other !== peer) other.send(frame);
			this.#projector.schedule();
			if (this.#tailLength >= this.deps.limits.compactAfter) this.#compact();
		});
	}

	/**
	 * Applies a peer's awareness update (read-only peers too). Refused, unapplied: one above
	 * `MAX_AWARENESS_BYTES` and one that does not decode. Entries for a client id another user's
	 * connection introduced are dropped, and so are new ids beyond
	 * `MAX_CLIENT_IDS_PER_CONNECTION`; a client id of the same user's other connection (a reconnect
	 * the server has not noticed yet) moves to this connection. Every state kept is rewritten to
	 * the presence schema with the identity from the session (`./presence`).
	 */
	applyAwareness(peer: Peer & { readonly displayName?: string }, update: Uint8Array): AwarenessResult {
		if (update.byteLength > MAX_AWARENESS_BYTES) return 'too-big';
		let entries: AwarenessEntry[];
		try {
			entries = decodeAwarenessEntries(update);
		} catch {
			return 'malformed';
		}
		// y-websocket's provider re-sends every state it sees change, other users' included, so a
		// foreign id is normal traffic: such entries are dropped (the server's copy stands), never
		// applied, and the connection stays. Only this user's own ids and new ids are applied.
		const takeOver: [Peer, number][] = [];
		const newIds = new Set<number>();
		const kept = entries.filter(({ id, state }) => {
			if (peer.awarenessIds.has(id)) return true;
			let held = false;
			for (const other of this.peers) {
				if (other === peer || !other.awarenessIds.has(id)) continue;
				if (other.userId !== peer.userId) return false;
				takeOver.push([other, id]);
				held = true;
			}
			if (held) return true;
			// An id nobody holds: removing it changes nothing; adding it is bounded per connection.
			if (state === 'null') return false;
			if (!newIds.has(id) && peer.awarenessIds.size + newIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
			newIds.add(id);
			return true;
		});
		if (kept.length === 0) return 'ok';
		const user = presenceUser(peer.userId, peer.displayName ?? peer.userId);
		const cleaned: AwarenessEntry[] = [];
		for (const entry of kept) {
			const state = cleanPresenceJson(entry.state, user);
			if (state === 'malformed') return 'malformed';
			cleaned.push({ ...entry, state });
		}
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(cleaned), peer);
		} catch {
			return 'malformed';
		}
		for (const [other, id] of takeOver) {
			other.awarenessIds.delete(id);
			if (this.awareness.getStates().has(id)) peer.awarenessIds.add(id);
		}
		return 'ok';
	}

	/** Every known awareness state, the answer to a query-awareness message. */
	awarenessFrame(): Uint8Array | null {
		const ids = [...this.awareness.getStates().keys()];
		return ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
	}

	/** Waits for this room's writes, projects and compacts, and frees the document. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#storedUpTo(this.#appliedSeq);
		await this.#projector.flush();
		this.#projector.dispose();
		if (this.#compacting) await this.#compacting;
		if (this.#tailLength > 0) this.#compact();
		if (this.#compacting) await this.#compacting;
		this.awareness.off('update', this.#onAwareness);
		this.awareness.destroy();
		this.#audit.destroy();
		this.doc.destroy();
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = [...added, ...updated, ...removed];
		if (changed.length === 0) return;
		if (origin && this.peers.has(origin as Peer)) {
			// `applyAwareness` dropped entries of ids that belong to another user's connection.
			const ids = (origin as Peer).awarenessIds;
			for (const id of added) ids.add(id);
			for (const id of removed) ids.delete(id);
		}
		// Sent to the sender too: it is the only traffic a lone client receives, and y-websocket
		// reconnects after 30 s without any message.
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		for (const p of this.peers) p.send(frame);
	};

	async #project(): Promise<void> {
		const { db } = this.deps;
		if (this.room.kind === 'plan') await projectPlanDoc(db, this.room.planId, this.doc);
		else await projectSchoolDoc(db, this.room.planId, this.room.schoolId, this.doc);
	}

	#compact(): void {
		if (this.#compacting) return;
		this.#compacting = compactRoom(this.deps.db, this.name)
			.then((folded) => {
				// Entries stored while compacting were not folded and stay counted.
				this.#tailLength = Math.max(0, this.#tailLength - folded);
			})
			.catch((err) => this.deps.log(`sync: compacting ${this.name} failed: ${String(err)}`))
			.finally(() => (this.#compacting = null));
	}
}

/** One entry of an awareness update (its format: count, then id, clock and state JSON each). */
interface AwarenessEntry {
	id: number;
	clock: number;
	state: string;
}

function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const n = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < n; i++) {
		entries.push({
			id: decoding.readVarUint(decoder),
			clock: decoding.readVarUint(decoder),
			state: decoding.readVarString(decoder)
		});
	}
	return entries;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.id);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, e.state);
	}
	return encoding.toUint8Array(encoder);
}
