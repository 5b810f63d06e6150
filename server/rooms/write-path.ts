/**
 * A room's write path, the order every change takes whoever makes it: validate (the update
 * decodes and writes only under client ids of its user, [Y19]) → apply → store what Yjs applied,
 * with its audit rows, through the group-commit writer → broadcast. Client updates, server-side
 * writes (API edits, imports, templates, upgrades) and updates another instance stored ([Y25])
 * all go through here; nothing reaches a peer before it is durable.
 */
import * as Y from 'yjs';
import type { ClientOwner } from '../../src/lib/server/docs/storage';
import type { Room } from '../../src/lib/shared/sync/protocol';
import type { Log } from '../log';
import { encodeUpdate } from '../sync/messages';
import { AuditRecorder, type AuditChange } from './audit';
import { ClientIdOwners, structWrites, type StructWrite } from './client-ids';
import type { GroupCommitWriter } from './group-commit';
import type { UpdateGuard } from './approval-guard';

/** What the write path needs of a connection. */
export interface WritePeer {
	readonly userId: string;
	readonly readOnly: boolean;
	send(frame: Uint8Array): void;
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

export interface WritePathDeps {
	name: string;
	kind: Room['kind'];
	doc: Y.Doc;
	/** Client id → owner as stored (`null`: the server). */
	owners: Map<number, string | null>;
	peers: ReadonlySet<WritePeer>;
	writer: GroupCommitWriter;
	log: Log;
	/** The kind's rule on updates (a plan's approved limits): it may correct what an update did. */
	guard?: UpdateGuard;
	/** Time spent broadcasting each stored update, in ms (metrics). */
	onBroadcast?: (ms: number) => void;
	/** A client update's time from arrival to the start of its broadcast, in ms (metrics). */
	onEditWait?: (ms: number) => void;
	/**
	 * An update joined the room's log and was broadcast: stored by this room (`own`), or by
	 * another instance holding the same room.
	 */
	onLogged(own: boolean): void;
}

const mergeAll = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));

export class WritePath {
	readonly #audit: AuditRecorder;
	readonly #owners: ClientIdOwners;
	/** Owners learned but not yet written; they go with the room's next stored update. */
	#unsavedOwners: ClientOwner[] = [];
	/**
	 * Sequence numbers of updates accepted into the document and of those stored (writes resolve
	 * in order, so every update up to `#storedSeq` is durable). Waiting for the applied number of a
	 * moment cannot starve: later edits do not move the target.
	 */
	#appliedSeq = 0;
	#storedSeq = 0;
	#storeWaiters: { seq: number; resolve: () => void }[] = [];
	#closed = false;

	constructor(private readonly deps: WritePathDeps) {
		this.#owners = new ClientIdOwners(deps.owners);
		this.#audit = new AuditRecorder(deps.doc, deps.kind);
		this.#claimServerId();
	}

	/** Updates accepted into the document but not yet durable. */
	get unstored(): number {
		return this.#appliedSeq - this.#storedSeq;
	}

	/** Resolves once everything applied so far is stored. */
	stored(): Promise<void> {
		return this.#storedUpTo(this.#appliedSeq);
	}

	/** Refuses further writes and resolves once those accepted are stored. */
	close(): Promise<void> {
		this.#closed = true;
		return this.stored();
	}

	destroy(): void {
		this.#audit.destroy();
	}

	/**
	 * Applies a client's update, then stores and broadcasts what Yjs applied. `writes` are the
	 * client ids and clocks of its structs, from the parser's decode (computed here when absent).
	 */
	applyUpdate(peer: WritePeer, update: Uint8Array, writes?: StructWrite[]): UpdateResult {
		if (peer.readOnly || this.#closed) return 'unchanged';
		const { doc, log, name } = this.deps;
		const received = performance.now();
		try {
			writes ??= structWrites(Y.decodeUpdate(update));
		} catch {
			return 'malformed';
		}
		const owned = this.#owners.check(peer.userId, writes, (client) => Y.getState(doc.store, client));
		if (!owned.ok) {
			log('foreign-client-id', {
				level: 'warn',
				room: name,
				user: peer.userId,
				clientId: owned.clientId,
				ownedBy: this.#owners.owner(owned.clientId) === null ? 'server' : 'another user'
			});
			return 'foreign-client';
		}
		let corrected = false;
		const { emitted, result } = this.#capture(peer, () => {
			this.#guarded(peer, () => Y.applyUpdate(doc, update, peer), () => (corrected = true));
		});
		if (result.error === undefined || emitted.length > 0) {
			for (const client of owned.claims) this.#learn(client, peer.userId);
		}
		// What is stored and broadcast is what Yjs applied (its `update` events, merged), never the
		// client's bytes: those may hold structs Yjs ignored (ids it already had, [Y19]) or that do
		// not decode again. When Yjs threw after part of the update reached the document, that part
		// is stored and broadcast all the same, and the connection is still closed.
		// A corrected update goes to its writer as well, so their copy is corrected too.
		if (emitted.length > 0) void this.#store(corrected ? null : peer, peer.userId, mergeAll(emitted), result.changes, received);
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
		this.deps.doc.on('update', onUpdate);
		try {
			Y.applyUpdate(this.deps.doc, update, STORED_ORIGIN);
		} catch {
			// The instance that stored it applied it; one that does not apply here is quarantined at
			// the next load ([P4]), never a reason to drop this room.
			return false;
		} finally {
			this.deps.doc.off('update', onUpdate);
		}
		if (emitted.length === 0) return false;
		const frame = encodeUpdate(mergeAll(emitted));
		for (const p of this.deps.peers) p.send(frame);
		this.deps.onLogged(false);
		return true;
	}

	/**
	 * Applies a server-side change in one transaction with the server's origin, records its audit,
	 * stores the resulting update attributed to `userId` (`null`: the system) through the same
	 * writer as client edits, broadcasts it to every peer after the store, and resolves once
	 * stored. A change that throws after touching the document still has that part stored, then
	 * rejects with the error.
	 */
	async applyLocal(userId: string | null, change: (doc: Y.Doc) => void): Promise<void> {
		if (this.#closed) throw new Error(`room ${this.deps.name} is closed`);
		this.#claimServerId();
		const { doc } = this.deps;
		const { emitted, result } = this.#capture(SERVER_ORIGIN, () => {
			this.#guarded(SERVER_ORIGIN, () => doc.transact(() => change(doc), SERVER_ORIGIN), () => {});
		});
		if (emitted.length > 0) await this.#store(null, userId, mergeAll(emitted), result.changes);
		if (result.error !== undefined) throw result.error;
	}

	/**
	 * Runs `apply` under the room's guard: what it did is checked once its transaction is over,
	 * and a correction is applied with the same `origin`, so it is captured, stored and broadcast
	 * merged with the update; `corrected` is called when it was.
	 */
	#guarded(origin: unknown, apply: () => void, corrected: () => void): void {
		const guard = this.deps.guard;
		if (!guard) return apply();
		this.#claimServerId();
		guard.begin();
		try {
			apply();
		} finally {
			// Also after a throw: the part of the update that reached the document is checked.
			if (guard.end(origin)) corrected();
		}
	}

	/** Runs `apply`, collecting the updates of transactions with `origin` and their audit. */
	#capture(origin: unknown, apply: () => void) {
		const emitted: Uint8Array[] = [];
		const onUpdate = (u: Uint8Array, o: unknown) => {
			if (o === origin) emitted.push(u);
		};
		this.deps.doc.on('update', onUpdate);
		try {
			return { emitted, result: this.#audit.recordAll(apply) };
		} finally {
			this.deps.doc.off('update', onUpdate);
		}
	}

	/**
	 * Stores one applied update with its audit rows (and owners learned since the last store), then
	 * broadcasts it to every peer but `from`. Resolves once stored and broadcast.
	 */
	#store(from: WritePeer | null, userId: string | null, update: Uint8Array, changes: AuditChange[], received?: number): Promise<void> {
		const { name: room, writer } = this.deps;
		const at = Date.now();
		const seq = ++this.#appliedSeq;
		const write = writer.write(
			{ room, userId, at, update },
			changes.map((c) => ({ room, userId, at, ...c })),
			this.#unsavedOwners.splice(0)
		);
		return write.then(() => {
			this.#markStored(seq);
			const t0 = performance.now();
			if (received !== undefined) this.deps.onEditWait?.(t0 - received);
			const frame = encodeUpdate(update);
			for (const other of this.deps.peers) if (other !== from) other.send(frame);
			this.deps.onBroadcast?.(performance.now() - t0);
			this.deps.onLogged(true);
		});
	}

	/** The server's own client id belongs to no user ([Y19]); Yjs may pick a new one, so on every write. */
	#claimServerId(): void {
		const { doc } = this.deps;
		while (this.#owners.owner(doc.clientID) != null) {
			// Owned by a user (a one-in-four-billion draw): never write under it.
			doc.clientID = Math.floor(Math.random() * 0xffffffff);
		}
		this.#learn(doc.clientID, null);
	}

	#learn(clientId: number, userId: string | null): void {
		if (this.#owners.claim(clientId, userId)) {
			this.#unsavedOwners.push({ room: this.deps.name, clientId, userId, at: Date.now() });
		}
	}

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
}
