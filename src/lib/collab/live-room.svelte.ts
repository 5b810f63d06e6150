/**
 * One open room of any document kind, built from the kind's declaration
 * (`src/lib/shared/sync/kinds/`): its connection, offline cache and undo manager (a `LiveDoc`),
 * the member's access to it, and one `LiveRecords` per collection of the kind. The rooms with
 * intent-named edits (`./rooms/`) extend it; `openRoom` in `./rooms/index.ts` opens one by kind.
 */
import type * as Y from 'yjs';
import { DOC_KINDS } from '../shared/sync/kinds/index';
import { roomName } from '../shared/sync/kinds/index';
import type { Room } from '../shared/sync/room';
import type { Collection } from '../shared/sync/schema';
import { roomAccess, type PlanMember } from '../shared/sync/access';
import { LiveDoc, type ConnectionStatus } from './live-doc.svelte';
import { LiveRecords } from './live-records.svelte';
import type { Presence } from './presence.svelte';

/** Who opens rooms: whose cache, with which rights, and the plan the rooms belong to. */
export interface RoomSession {
	plan: { id: string; title: string; start: string; end: string };
	userId: string;
	member: PlanMember;
	/** Tests and server rendering run without a network or IndexedDB. */
	offlineCache?: boolean;
}

export class LiveRoom<R extends Room = Room> {
	readonly room: R;
	/** The plan the room belongs to (its dates bound the edits). */
	protected readonly plan: RoomSession['plan'];
	/** The connection, cache and undo manager; handed to `SyncStatus` as it is. */
	readonly live: LiveDoc;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	readonly #records = new Map<Collection<any>, LiveRecords<any>>();

	constructor(room: R, session: RoomSession) {
		this.room = room;
		this.plan = session.plan;
		this.live = new LiveDoc({
			room: roomName(room),
			userId: session.userId,
			readOnly: roomAccess(session.member, room) !== 'write',
			offlineCache: session.offlineCache
		});
		for (const c of DOC_KINDS[room.kind].collections) this.#records.set(c, new LiveRecords(this.live.doc, c));
	}

	/** The records of one of the kind's collections, typed by it. */
	protected records<T extends { id: string }>(collection: Collection<T>): LiveRecords<T> {
		const records = this.#records.get(collection);
		if (!records) throw new Error(`${collection.key} is not a collection of ${this.room.kind} rooms`);
		return records as LiveRecords<T>;
	}

	get name(): string {
		return this.live.room;
	}

	/** The server decides; this keeps the UI from offering edits it would drop. */
	get readOnly(): boolean {
		return this.live.readOnly;
	}

	/** True once the room holds the server's or the cache's content. */
	get loaded(): boolean {
		return this.live.loaded;
	}

	get status(): ConnectionStatus {
		return this.live.status;
	}

	/** Editing is offered when the user may write and the room has content to edit. */
	get editable(): boolean {
		return !this.readOnly && this.loaded && this.status !== 'closed';
	}

	/** The room's own undo history, for the plan's `UndoStack`. */
	get undoManager(): Y.UndoManager {
		return this.live.undoManager;
	}

	/** Runs `change` as one of this user's own edits. */
	protected transact<T>(change: (doc: Y.Doc) => T): T {
		return this.live.transact(change);
	}

	/** Runs `edit` as one undo step of its own: nothing before or after merges into it. */
	step<T>(edit: () => T): T {
		this.live.stopCapturing();
		try {
			return this.live.transact(() => edit());
		} finally {
			this.live.stopCapturing();
		}
	}

	/** Opens the cache and the socket (once), and publishes `presence` in the room. Browser only. */
	connect(presence?: Presence): void {
		this.live.connect();
		if (presence && this.live.awareness) presence.attach(this.live.awareness);
	}

	destroy(): void {
		for (const r of this.#records.values()) r.destroy();
		this.live.destroy();
	}
}
