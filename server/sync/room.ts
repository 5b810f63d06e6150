/**
 * One live document in memory: its Y.Doc, the awareness (presence) of its clients and the peers
 * connected to it. The lifecycle rule this class keeps: an update is validated, applied, stored
 * (with its audit rows) through the group-commit writer, and only then broadcast; a client that
 * syncs gets the document only once everything applied to it is stored.
 */
import { count, eq, and } from 'drizzle-orm';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import { milestones, phases, tasks } from '../../src/lib/server/db/schema';
import { compactRoom, loadDocState } from '../../src/lib/server/docs/store';
import { projectPlanDoc, projectSchoolDoc } from '../../src/lib/server/services/projection';
import { milestonesMap, phasesMap, tasksMap } from '../../src/lib/shared/plan/doc';
import type { Room } from '../../src/lib/shared/sync/protocol';
import { AuditRecorder } from './audit';
import type { SyncLimits } from './limits';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages';
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

export class LiveRoom {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Set<Peer>();
	readonly #audit: AuditRecorder;
	readonly #projector: ProjectionScheduler;
	/** Updates applied to `doc` but not yet stored, and the promise of the newest one. */
	#unstored = 0;
	#lastWrite: Promise<void> = Promise.resolve();
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

	/** Loads the stored state; projects it in the background when the SQL projection is stale. */
	static async load(name: string, room: Room, deps: RoomDeps): Promise<LiveRoom> {
		const r = new LiveRoom(name, room, deps);
		const loaded = await loadDocState(deps.db, name);
		if (loaded.state) Y.applyUpdate(r.doc, loaded.state);
		r.#tailLength = loaded.tailLength;
		void r.#projectIfMissing().catch((err) =>
			deps.log(`sync: checking the projection of ${name} failed: ${String(err)}`)
		);
		if (r.#tailLength >= deps.limits.compactAfter) r.#compact();
		return r;
	}

	/** Updates accepted into the document but not yet durable. */
	get unstored(): number {
		return this.#unstored;
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
	 * Answers sync step 1 with what the client lacks, once every update applied so far is stored
	 * (a joining client must not receive edits a crash could still lose).
	 */
	async answerSyncStep1(peer: Peer, stateVector: Uint8Array): Promise<void> {
		// Under a steady stream of edits each round waits for one batch; a bounded number of rounds
		// keeps a busy room from starving a joining client.
		for (let round = 0; this.#unstored > 0 && round < 50; round++) await this.#lastWrite;
		if (peer.open) peer.send(encodeSyncStep2(this.doc, stateVector));
	}

	/** Applies a client's update (already decoded once by the parser), then stores and broadcasts it. */
	applyUpdate(peer: Peer, update: Uint8Array): UpdateResult {
		if (peer.readOnly || this.#closed) return 'unchanged';
		let changed = false;
		const onUpdate = (_u: Uint8Array, origin: unknown) => {
			if (origin === peer) changed = true;
		};
		this.doc.on('update', onUpdate);
		let changes;
		try {
			changes = this.#audit.record(() => Y.applyUpdate(this.doc, update, peer));
		} catch {
			return 'malformed';
		} finally {
			this.doc.off('update', onUpdate);
		}
		// Structs waiting for a missing dependency change nothing yet but must survive a restart.
		const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
		if (!changed && !pending) return 'unchanged';

		const at = Date.now();
		const userId = peer.userId;
		this.#unstored++;
		const write = this.deps.writer.write(
			{ room: this.name, userId, at, update },
			changes.map((c) => ({ room: this.name, userId, at, ...c }))
		);
		this.#lastWrite = write;
		void write.then(() => {
			this.#unstored--;
			this.#tailLength++;
			const frame = encodeUpdate(update);
			for (const other of this.peers) if (other !== peer) other.send(frame);
			this.#projector.schedule();
			if (this.#tailLength >= this.deps.limits.compactAfter) this.#compact();
		});
		return 'stored';
	}

	/** Applies a peer's awareness update (read-only peers too); throws on a malformed one. */
	applyAwareness(peer: Peer, update: Uint8Array): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
	}

	/** Every known awareness state, the answer to a query-awareness message. */
	awarenessFrame(): Uint8Array | null {
		const ids = [...this.awareness.getStates().keys()];
		return ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
	}

	/** Waits for this room's writes, projects and compacts, and frees the document. */
	async close(): Promise<void> {
		this.#closed = true;
		for (let round = 0; this.#unstored > 0 && round < 1000; round++) await this.#lastWrite;
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

	/** Projects once after load when the SQL rows do not match the document (never projected, or lost). */
	async #projectIfMissing(): Promise<void> {
		const { db } = this.deps;
		let stale: boolean;
		if (this.room.kind === 'plan') {
			const [t] = await db.select({ n: count() }).from(tasks).where(eq(tasks.planId, this.room.planId));
			const [p] = await db.select({ n: count() }).from(phases).where(eq(phases.planId, this.room.planId));
			stale = t.n !== tasksMap(this.doc).size || p.n !== phasesMap(this.doc).size;
		} else {
			const [m] = await db
				.select({ n: count() })
				.from(milestones)
				.where(and(eq(milestones.planId, this.room.planId), eq(milestones.schoolId, this.room.schoolId)));
			stale = m.n !== milestonesMap(this.doc).size;
		}
		if (stale && !this.#closed) this.#projector.schedule();
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
