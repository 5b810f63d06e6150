/**
 * One live document in memory and its life: load (bad stored entries quarantined, [P4]; older
 * shapes upgraded and a never-written room filled by its kind, [K2]), serve its peers, close.
 * The parts each own one concern and have their own tests: the write path (validate → apply →
 * store → broadcast, `./write-path`), presence (`./awareness`), the shared sync answers
 * (`./sync-frames`), projection scheduling (`./room-projection`) and compaction
 * (`./room-compaction`). A client that syncs gets the document only once everything applied to it
 * is stored. Storage is a `DocStorage`, whatever its backend.
 */
import type * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import type { Fold } from '../../src/lib/server/docs/compaction';
import { loadRoomState, type LoadedRoom, type RebuildElsewhere } from '../../src/lib/server/docs/load';
import type { DocStorage } from '../../src/lib/server/docs/storage';
import type { Room } from '../../src/lib/shared/sync/protocol';
import type { Log } from '../log';
import type { SyncLimits } from '../sync/limits';
import { encodeSyncStep1 } from '../sync/messages';
import { RoomAwareness, type AwarenessPeer, type AwarenessResult } from './awareness';
import type { StructWrite } from './client-ids';
import type { GroupCommitWriter } from './group-commit';
import { initialChange, upgradeChange } from './initial-state';
import { RoomCompaction } from './room-compaction';
import { RoomProjection } from './room-projection';
import { SyncFrames } from './sync-frames';
import { WritePath, type UpdateResult, type WritePeer } from './write-path';
import { ApprovalGuard } from './approval-guard';

export { LARGE_DOC_RECORDS } from './room-projection';
export { MAX_AWARENESS_BYTES, type AwarenessResult } from './awareness';
export { SERVER_ORIGIN, STORED_ORIGIN, type UpdateResult } from './write-path';

/** What a room needs of a connection. */
export interface Peer extends WritePeer, AwarenessPeer {
	readonly open: boolean;
}

export interface RoomDeps {
	/** For the SQL projection and a kind's initial state; the document goes through `storage`. */
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
	/** Where a big room is rebuilt on load, to be applied in slices (the server: the fold thread). */
	rebuild?: RebuildElsewhere;
}

export class LiveRoom {
	readonly doc: Y.Doc;
	readonly peers = new Set<Peer>();
	readonly #writes: WritePath;
	readonly #presence: RoomAwareness;
	readonly #frames: SyncFrames;
	readonly #projection: RoomProjection;
	readonly #compaction: RoomCompaction;
	readonly #guard: ApprovalGuard | null;

	private constructor(
		readonly name: string,
		readonly room: Room,
		deps: RoomDeps,
		loaded: LoadedRoom,
		guard: ApprovalGuard | null
	) {
		this.#guard = guard;
		this.doc = loaded.doc;
		this.#frames = new SyncFrames(this.doc, loaded.state);
		this.#presence = new RoomAwareness(this.doc, this.peers);
		this.#projection = new RoomProjection(deps.db, room, this.doc, deps.limits, deps.log, name);
		this.#compaction = new RoomCompaction(deps.storage, name, deps.limits.compactAfter, deps.log, loaded.tailLength, deps.fold);
		this.#writes = new WritePath({
			name,
			kind: room.kind,
			doc: this.doc,
			owners: loaded.owners,
			peers: this.peers,
			writer: deps.writer,
			log: deps.log,
			guard: this.#guard ?? undefined,
			onBroadcast: deps.onBroadcast,
			onEditWait: deps.onEditWait,
			onLogged: (own) => {
				this.#compaction.logged(own);
				this.#projection.schedule();
			}
		});
	}

	static async load(name: string, room: Room, deps: RoomDeps): Promise<LiveRoom> {
		const log = (message: string) => deps.log('storage', { level: 'warn', room: name, message });
		const started = performance.now();
		const loaded = await loadRoomState(deps.storage, name, log, undefined, deps.rebuild);
		if (loaded.chunks !== undefined) deps.log('room-load', { room: name, chunks: loaded.chunks, ms: Math.round(performance.now() - started) });
		// A plan's approved limits are read before the room serves anyone ([CR3]).
		const guard = room.kind === 'plan' ? await ApprovalGuard.forPlan(loaded.doc, deps.db, room.planId) : null;
		const r = new LiveRoom(name, room, deps, loaded, guard);
		// [K2] Older shapes are upgraded, and a room never written starts with what its kind says
		// (data that lived in SQL before the kind became live), as stored changes of the system,
		// so every client gets them through sync.
		const upgrade = upgradeChange(room);
		const initial = await initialChange(deps.db, room, r.doc);
		if (upgrade) await r.applyLocal(null, upgrade);
		if (initial) await r.applyLocal(null, initial);
		r.#projection.loaded();
		r.#compaction.maybeCompact();
		return r;
	}

	get awareness(): awarenessProtocol.Awareness {
		return this.#presence.awareness;
	}

	/** Updates accepted into the document but not yet durable. */
	get unstored(): number {
		return this.#writes.unstored;
	}

	addPeer(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(this.doc));
		const presence = this.#presence.frame();
		if (presence) peer.send(presence);
	}

	removePeer(peer: Peer): void {
		if (this.peers.delete(peer)) this.#presence.leave(peer);
	}

	/**
	 * Answers sync step 1 with what the client lacks as of now, sent once every update applied so
	 * far is stored (a joining client must not receive edits a crash could still lose). Edits
	 * applied while waiting reach the client as broadcasts, after their own store.
	 */
	async answerSyncStep1(peer: Peer, stateVector: Uint8Array): Promise<void> {
		const frames = this.#frames.step2(stateVector);
		await this.#writes.stored();
		if (peer.open) for (const frame of frames) peer.send(frame);
	}

	applyUpdate(peer: Peer, update: Uint8Array, writes?: StructWrite[]): UpdateResult {
		return this.#writes.applyUpdate(peer, update, writes);
	}

	applyStored(update: Uint8Array): boolean {
		return this.#writes.applyStored(update);
	}

	applyLocal(userId: string | null, change: (doc: Y.Doc) => void): Promise<void> {
		return this.#writes.applyLocal(userId, change);
	}

	applyAwareness(peer: Peer, update: Uint8Array): AwarenessResult {
		return this.#presence.apply(peer, update);
	}

	/** Every known awareness state, the answer to a query-awareness message. */
	awarenessFrame(): Uint8Array | null {
		return this.#presence.frame();
	}

	/** Reads again the rules the room enforces on updates (a plan's approved limits). */
	reloadRules(): Promise<void> {
		return this.#guard?.reload() ?? Promise.resolve();
	}

	/** Waits for this room's writes, projects and compacts, and frees the document. */
	async close(): Promise<void> {
		await this.#writes.close();
		await this.#projection.close();
		await this.#compaction.close();
		this.#presence.destroy();
		this.#frames.destroy();
		this.#writes.destroy();
		this.#guard?.destroy();
		this.doc.destroy();
	}
}
