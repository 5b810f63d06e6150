/**
 * One live document in memory: its Y.Doc, the awareness (presence) of its clients and the peers
 * connected to it. The lifecycle rule this class keeps: an update is validated (decodes, writes
 * only under client ids of its user), applied, stored as Yjs applied it (with its audit rows)
 * through the group-commit writer, and only then broadcast; a client that syncs gets the document
 * only once everything applied to it is stored. Storage is a `DocStorage`, whatever its backend.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import { compactRoom, type Fold } from '../../src/lib/server/docs/compaction';
import { initialChange } from '../../src/lib/server/docs/initial-state';
import { loadRoomState, type LoadedRoom } from '../../src/lib/server/docs/load';
import type { ClientOwner, DocStorage } from '../../src/lib/server/docs/storage';
import { projectDoc, type ProjectionMemo } from '../../src/lib/server/services/projection';
import { kindOf } from '../../src/lib/shared/sync/kinds/index';
import type { Room } from '../../src/lib/shared/sync/protocol';
import { AuditRecorder, type AuditChange } from './audit';
import { ClientIdOwners, structWrites, type StructWrite } from './client-ids';
import type { SyncLimits } from './limits';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages';
import { cleanPresenceJson, MAX_CLIENT_IDS_PER_CONNECTION, presenceUser } from './presence';
import { ProjectionScheduler } from './projector';
import type { GroupCommitWriter } from './writer';
import { errorText, type Log } from '../log';

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
	/** For the SQL projection; the document itself goes through `storage`. */
	db: Db;
	storage: DocStorage;
	writer: GroupCommitWriter;
	limits: SyncLimits;
	log: Log;
	/** Time spent broadcasting each stored update, in ms (metrics). */
	onBroadcast?: (ms: number) => void;
	/** A client update's time from arrival to the start of its broadcast, in ms (metrics). */
	onEditWait?: (ms: number) => void;
	/** Where compaction folds a room's entries (the server: a worker thread; default inline). */
	fold?: Fold;
}

/**
 * Outcome of a client update: `malformed` (Yjs could not apply it) and `foreign-client` (it writes
 * under a client id another user owns, [Y19]; nothing applied) close the connection.
 */
export type UpdateResult = 'stored' | 'unchanged' | 'malformed' | 'foreign-client';

/** Transaction origin of server-side writes (`applyLocal`). */
export const SERVER_ORIGIN = Symbol('server-write');

/** Transaction origin of updates another instance stored (`applyStored`, [Y25]). */
export const STORED_ORIGIN = Symbol('stored-elsewhere');

/** The full-state sync step 2 frames of one document version ([Y22]). */
interface StateFrames {
	version: number;
	/** Answer to an empty state vector (a new joiner). */
	full: Uint8Array | null;
	/** The document's state vector, and the answer to a client that already has all of it. */
	stateVector: Uint8Array | null;
	current: Uint8Array | null;
}

const mergeAll = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

/** Outcome of an awareness update: anything but `ok` closes the connection. */
export type AwarenessResult = 'ok' | 'too-big' | 'malformed';

/** Presence is a name, a colour and a cursor: far below this. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

const sameBytes = (a: Uint8Array | null | undefined, b: Uint8Array | null | undefined) =>
	a === b || (!!a && !!b && Buffer.compare(a, b) === 0);

export class LiveRoom {
	readonly doc: Y.Doc;
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
	readonly #owners: ClientIdOwners;
	/** Owners learned but not yet written; they go with the room's next stored update. */
	#unsavedOwners: ClientOwner[] = [];
	/** Bumped after every transaction: the key of the cached sync step 2 frames. */
	#version = 0;
	#frames: StateFrames = { version: -1, full: null, stateVector: null, current: null };
	/**
	 * Awareness client id → the connected peers whose `awarenessIds` hold it: the lookup of every
	 * awareness entry, which y-websocket's echoes make one per client per change (a loop over all
	 * peers here cost 200 × 200 set lookups per presence renewal at 200 clients).
	 */
	readonly #holders = new Map<number, Set<Peer>>();
	/** What this room last projected (the first projection after a load starts from SQL's rows). */
	readonly #projected: ProjectionMemo = new Map();
	/** The projection a load asks for, until it is due (edits before then schedule their own). */
	#loadProjection: ReturnType<typeof setTimeout> | null = null;

	private constructor(
		readonly name: string,
		readonly room: Room,
		private readonly deps: RoomDeps,
		loaded: LoadedRoom
	) {
		this.doc = loaded.doc;
		this.#tailLength = loaded.tailLength;
		this.#owners = new ClientIdOwners(loaded.owners);
		this.#claimServerId();
		this.doc.on('afterTransaction', this.#bumpVersion);
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
		// A stored entry that does not apply is quarantined and logged; the rest loads ([P4]).
		const r = new LiveRoom(name, room, deps, await loadRoomState(deps.storage, name, storageLog(deps.log, name)));
		// [K2] Older shapes are upgraded, and data that lived in SQL before its kind became live
		// moves in, as stored changes of the system, so every client gets them through sync.
		const kind = kindOf(room);
		const neverWritten = Y.encodeStateVector(r.doc).byteLength <= 1;
		if (kind.upgrade) await r.applyLocal(null, (doc) => void kind.upgrade!(doc));
		if (neverWritten) {
			const initial = await initialChange(deps.db, room);
			if (initial) await r.applyLocal(null, initial);
		}
		// Checking a large document's rows against SQL takes a while (≈140 ms for 5,000 tasks): it
		// waits for the joins that follow a load. A small one is checked after the usual debounce.
		if (recordCount(r.doc) < LARGE_DOC_RECORDS) r.#projector.schedule();
		else {
			r.#loadProjection = setTimeout(() => {
				r.#loadProjection = null;
				r.#projector.schedule();
			}, deps.limits.projectLoadDelayMs);
			r.#loadProjection.unref();
		}
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
		for (const id of peer.awarenessIds) {
			const set = this.#holders.get(id);
			set?.delete(peer);
			if (set?.size === 0) this.#holders.delete(id);
		}
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
		const frame = this.#syncStep2(stateVector);
		await this.#storedUpTo(this.#appliedSeq);
		if (peer.open) peer.send(frame);
	}

	/**
	 * Sync step 2 for a state vector. The answers to a new joiner (empty vector) and to a client
	 * that is up to date are encoded once per document version ([Y22]): two hundred joiners of a
	 * large plan share one encoding instead of stalling the event loop two hundred times.
	 */
	#syncStep2(stateVector: Uint8Array): Uint8Array {
		if (this.#frames.version !== this.#version) {
			this.#frames = { version: this.#version, full: null, stateVector: null, current: null };
		}
		const f = this.#frames;
		if (stateVector.byteLength === 1 && stateVector[0] === 0) {
			return (f.full ??= encodeSyncStep2(this.doc, stateVector));
		}
		f.stateVector ??= Y.encodeStateVector(this.doc);
		if (sameBytes(stateVector, f.stateVector)) return (f.current ??= encodeSyncStep2(this.doc, stateVector));
		return encodeSyncStep2(this.doc, stateVector);
	}

	#bumpVersion = () => {
		this.#version++;
	};

	/** The server's own client id belongs to no user ([Y19]); Yjs may pick a new one, so on every write. */
	#claimServerId(): void {
		while (this.#owners.owner(this.doc.clientID) != null) {
			// Owned by a user (a one-in-four-billion draw): never write under it.
			this.doc.clientID = Math.floor(Math.random() * 0xffffffff);
		}
		this.#learn(this.doc.clientID, null);
	}

	#learn(clientId: number, userId: string | null): void {
		if (this.#owners.claim(clientId, userId)) {
			this.#unsavedOwners.push({ room: this.name, clientId, userId, at: Date.now() });
		}
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

	/**
	 * Applies a client's update, then stores and broadcasts what Yjs applied. `writes` are the
	 * client ids and clocks of its structs, from the parser's decode (computed here when absent).
	 */
	applyUpdate(peer: Peer, update: Uint8Array, writes?: StructWrite[]): UpdateResult {
		if (peer.readOnly || this.#closed) return 'unchanged';
		const received = performance.now();
		try {
			writes ??= structWrites(Y.decodeUpdate(update));
		} catch {
			return 'malformed';
		}
		const owned = this.#owners.check(peer.userId, writes, (client) => Y.getState(this.doc.store, client));
		if (!owned.ok) {
			this.deps.log('foreign-client-id', {
				level: 'warn',
				room: this.name,
				user: peer.userId,
				clientId: owned.clientId,
				ownedBy: this.#owners.owner(owned.clientId) === null ? 'server' : 'another user'
			});
			return 'foreign-client';
		}
		const emitted: Uint8Array[] = [];
		const onUpdate = (u: Uint8Array, origin: unknown) => {
			if (origin === peer) emitted.push(u);
		};
		this.doc.on('update', onUpdate);
		let result;
		try {
			result = this.#audit.recordAll(() => Y.applyUpdate(this.doc, update, peer));
		} finally {
			this.doc.off('update', onUpdate);
		}
		if (result.error === undefined || emitted.length > 0) {
			for (const client of owned.claims) this.#learn(client, peer.userId);
		}
		// What is stored and broadcast is what Yjs applied (its `update` events, merged), never the
		// client's bytes: those may hold structs Yjs ignored (ids it already had, [Y19]) or that do
		// not decode again. When Yjs threw after part of the update reached the document, that part
		// is stored and broadcast all the same, and the connection is still closed.
		if (emitted.length > 0) void this.#store(peer, peer.userId, mergeAll(emitted), result.changes, received);
		if (result.error !== undefined) return 'malformed';
		// Structs waiting for a missing dependency emit nothing: they stay in memory only, and are
		// stored (inside the update Yjs emits) once they integrate ([Y20]).
		return emitted.length > 0 ? 'stored' : 'unchanged';
	}

	/**
	 * Applies an update that is already stored (another instance holding the same room wrote it,
	 * [Y25]) and broadcasts what Yjs applied to every peer. Nothing is stored again: it is in the
	 * log already. One this room already has (its own) changes nothing and sends nothing.
	 */
	applyStored(update: Uint8Array): boolean {
		if (this.#closed) return false;
		const emitted: Uint8Array[] = [];
		const onUpdate = (u: Uint8Array, origin: unknown) => {
			if (origin === STORED_ORIGIN) emitted.push(u);
		};
		this.doc.on('update', onUpdate);
		try {
			Y.applyUpdate(this.doc, update, STORED_ORIGIN);
		} catch {
			// The instance that stored it applied it; one that does not apply here is quarantined at
			// the next load ([P4]), never a reason to drop this room.
			return false;
		} finally {
			this.doc.off('update', onUpdate);
		}
		if (emitted.length === 0) return false;
		this.#tailLength++;
		const frame = encodeUpdate(mergeAll(emitted));
		for (const p of this.peers) p.send(frame);
		this.#projector.schedule();
		return true;
	}

	/**
	 * Applies a server-side change (imports, templates, API writes, upgrades) in one transaction with the
	 * server's origin, records its audit, stores the resulting update attributed to `userId` through
	 * the same writer as client edits (`null`: the system), broadcasts it to every peer after the store, and resolves once
	 * stored. A change that throws after touching the document still has that part stored, then
	 * rejects with the error.
	 */
	async applyLocal(userId: string | null, change: (doc: Y.Doc) => void): Promise<void> {
		if (this.#closed) throw new Error(`room ${this.name} is closed`);
		this.#claimServerId();
		const emitted: Uint8Array[] = [];
		const onUpdate = (u: Uint8Array, origin: unknown) => {
			if (origin === SERVER_ORIGIN) emitted.push(u);
		};
		this.doc.on('update', onUpdate);
		let result;
		try {
			result = this.#audit.recordAll(() => this.doc.transact(() => change(this.doc), SERVER_ORIGIN));
		} finally {
			this.doc.off('update', onUpdate);
		}
		if (emitted.length > 0) await this.#store(null, userId, mergeAll(emitted), result.changes);
		if (result.error !== undefined) throw result.error;
	}

	/**
	 * Stores one applied update with its audit rows (and owners learned since the last store), then
	 * broadcasts it to every peer but `from`. Resolves once stored and broadcast.
	 */
	#store(
		from: Peer | null,
		userId: string | null,
		update: Uint8Array,
		changes: AuditChange[],
		received?: number
	): Promise<void> {
		const at = Date.now();
		const seq = ++this.#appliedSeq;
		const write = this.deps.writer.write(
			{ room: this.name, userId, at, update },
			changes.map((c) => ({ room: this.name, userId, at, ...c })),
			this.#unsavedOwners.splice(0)
		);
		return write.then(() => {
			this.#markStored(seq);
			this.#tailLength++;
			const t0 = performance.now();
			if (received !== undefined) this.deps.onEditWait?.(t0 - received);
			const frame = encodeUpdate(update);
			for (const other of this.peers) if (other !== from) other.send(frame);
			this.deps.onBroadcast?.(performance.now() - t0);
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
			for (const other of this.#holders.get(id) ?? []) {
				if (other === peer) continue;
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
			this.#release(other, id);
			if (this.awareness.getStates().has(id)) this.#hold(peer, id);
		}
		return 'ok';
	}

	/** `peer` introduced awareness client id `id` (its entries are its to change). */
	#hold(peer: Peer, id: number): void {
		peer.awarenessIds.add(id);
		let set = this.#holders.get(id);
		if (!set) this.#holders.set(id, (set = new Set()));
		set.add(peer);
	}

	#release(peer: Peer, id: number): void {
		peer.awarenessIds.delete(id);
		const set = this.#holders.get(id);
		set?.delete(peer);
		if (set?.size === 0) this.#holders.delete(id);
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
		if (this.#loadProjection) {
			// Closing before the load's projection was due: it runs now, not never ([Y17]).
			clearTimeout(this.#loadProjection);
			this.#loadProjection = null;
			this.#projector.schedule();
		}
		await this.#projector.flush();
		this.#projector.dispose();
		if (this.#compacting) await this.#compacting;
		if (this.#tailLength > 0) this.#compact();
		if (this.#compacting) await this.#compacting;
		this.doc.off('afterTransaction', this.#bumpVersion);
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
			for (const id of added) this.#hold(origin as Peer, id);
			for (const id of removed) this.#release(origin as Peer, id);
		}
		// Sent to the sender too: it is the only traffic a lone client receives, and y-websocket
		// reconnects after 30 s without any message.
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
		for (const p of this.peers) p.send(frame);
	};

	async #project(): Promise<void> {
		try {
			await projectDoc(this.deps.db, this.room, this.doc, this.#projected);
		} catch (err) {
			// Whatever reached SQL is unknown now: the next projection starts again from SQL's rows.
			this.#projected.clear();
			throw err;
		}
	}

	#compact(): void {
		if (this.#compacting) return;
		this.#compacting = compactRoom(this.deps.storage, this.name, storageLog(this.deps.log, this.name), Date.now(), this.deps.fold)
			.then((folded) => {
				// Entries stored while compacting were not folded and stay counted.
				this.#tailLength = Math.max(0, this.#tailLength - folded);
			})
			.catch((err) => this.deps.log('compaction-failed', { level: 'warn', room: this.name, error: errorText(err) }))
			.finally(() => (this.#compacting = null));
	}
}

/** Records (entries of the top-level maps) from which a document counts as large. */
export const LARGE_DOC_RECORDS = 500;

function recordCount(doc: Y.Doc): number {
	let n = 0;
	for (const type of doc.share.values()) if (type instanceof Y.Map) n += type.size;
	return n;
}

/** The storage helpers' lines (quarantine, compaction: sizes and errors, no content) as events. */
function storageLog(log: Log, room: string): (line: string) => void {
	return (message) => log('storage', { level: 'warn', room, message });
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
