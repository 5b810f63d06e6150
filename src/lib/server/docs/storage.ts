/**
 * The persistence seam of live documents: a room asks its storage to load, append and compact,
 * and never sees how the bytes are kept. Two backends implement it (libsql for the server, memory
 * for tests and tools) and one contract suite (`storage-contract.ts`) runs against both.
 *
 * Storage keeps bytes; it does not judge them. Deciding which stored entries decode, and building a
 * snapshot that provably reproduces the document, is `rebuild.ts`'s job, so a backend stays simple.
 */

/** One accepted update, as Yjs applied it, attributed to the user whose edit it is. */
export interface StoredUpdate {
	room: string;
	/** `null` for writes with no user (seeding). */
	userId: string | null;
	at: number;
	update: Uint8Array;
}

/** Who changed which entity's fields; written in the same batch as the update it describes. */
export interface AuditEntry {
	room: string;
	userId: string | null;
	at: number;
	entity: string;
	entityId: string;
	fields: string[];
	action: 'create' | 'update' | 'delete';
	/** Per field, the (bounded) value before and after; absent when unknown. */
	values?: Record<string, { from: unknown; to: unknown }>;
}

/**
 * A Yjs client id of a room and the user who writes under it ([Y19]). `userId` `null` marks an id
 * of the server's own document, which belongs to no user.
 */
export interface ClientOwner {
	room: string;
	clientId: number;
	userId: string | null;
	at: number;
}

/** A log entry as stored. Ids grow with every append, across rooms. */
export interface LogEntry {
	id: number;
	update: Uint8Array;
}

export interface StoredSnapshot {
	state: Uint8Array;
	/** Id of the newest log entry folded into the snapshot (0 for a seeded snapshot). */
	upToId: number;
}

/** Everything stored for one room, undecoded. */
export interface StoredRoom {
	snapshot: StoredSnapshot | null;
	/** Log entries after the snapshot, oldest first. */
	tail: LogEntry[];
	/** client id → owner (`null`: the server). */
	owners: Map<number, string | null>;
}

/** A stored entry that does not load, moved aside so the rest of the room does ([P4]). */
export interface QuarantineItem {
	/** `snapshot`, or `update` with the log entry's id. */
	source: 'snapshot' | 'update';
	entryId: number | null;
	bytes: Uint8Array;
	error: string;
}

/** A quarantined entry as listed for administrators. */
export interface QuarantinedEntry {
	id: number;
	room: string;
	source: 'snapshot' | 'update';
	entryId: number | null;
	byteLength: number;
	error: string;
	at: number;
}

export interface DocStorage {
	/** The room's snapshot, log tail and client-id owners; an unknown room is all empty. */
	load(room: string): Promise<StoredRoom>;
	/**
	 * Appends updates, their audit rows and newly learned client-id owners as one atomic batch:
	 * resolves once durable, rejects without partial writes. An owner already known is kept.
	 */
	append(updates: StoredUpdate[], audit?: AuditEntry[], owners?: ClientOwner[]): Promise<void>;
	/**
	 * Stores `snapshot` (the room's state up to log entry `upToId`) unless the stored snapshot is as
	 * new, and deletes the log entries the snapshot in place afterwards covers, atomically. Resolves
	 * to the number of entries deleted. The caller has verified the snapshot ([P3]).
	 */
	compact(room: string, snapshot: StoredSnapshot, now?: number): Promise<number>;
	/** Moves bad entries of a room to quarantine (deleting them from the snapshot or log), atomically. */
	quarantine(room: string, items: QuarantineItem[], now?: number): Promise<void>;
	/** Replaces a room's whole state with one snapshot (seeding, imports). */
	replace(room: string, state: Uint8Array, now?: number): Promise<void>;
	/** Quarantined entries, newest first, for the admin page. */
	listQuarantine(limit?: number): Promise<QuarantinedEntry[]>;
}
