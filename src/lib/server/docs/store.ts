/**
 * Durable state of live documents in libsql: an append-only update log per room, compacted into
 * one snapshot per room. A room loads as snapshot + log tail, so a crash between an append and a
 * compaction loses nothing. The audit of who changed what is written in the same batch as the
 * update it describes and survives compaction.
 */
import type { InStatement } from '@libsql/client';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/index';
import { docSnapshots, docUpdates } from '../db/schema';

export interface StoredUpdate {
	room: string;
	userId: string | null;
	at: number;
	update: Uint8Array;
}

export interface AuditEntry {
	room: string;
	userId: string | null;
	at: number;
	entity: string;
	entityId: string;
	fields: string[];
	action: 'create' | 'update' | 'delete';
}

export interface LoadedState {
	/** The merged state as one Yjs update; `null` for a room never written. */
	state: Uint8Array | null;
	/** Id of the newest log entry included (0 when only a snapshot or nothing). */
	upToId: number;
	/** Log entries not yet compacted, for deciding when to compact. */
	tailLength: number;
}

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const toBytes = (b: ArrayBuffer | Uint8Array) => (b instanceof Uint8Array ? b : new Uint8Array(b));

export async function loadDocState(db: Db, room: string): Promise<LoadedState> {
	const [snap] = await db.select().from(docSnapshots).where(eq(docSnapshots.room, room)).limit(1);
	const after = snap?.upToId ?? 0;
	const tail = await db
		.select({ id: docUpdates.id, update: docUpdates.update })
		.from(docUpdates)
		.where(and(eq(docUpdates.room, room), gt(docUpdates.id, after)))
		.orderBy(asc(docUpdates.id));
	const parts: Uint8Array[] = [];
	if (snap) parts.push(toBytes(snap.state));
	for (const row of tail) parts.push(toBytes(row.update));
	return {
		state: parts.length === 0 ? null : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts),
		upToId: tail.length ? tail[tail.length - 1].id : after,
		tailLength: tail.length
	};
}

/**
 * Appends updates (and their audit rows) in one batch: the group commit of the sync server.
 * Resolves once libsql has them durably; rejects without partial writes.
 *
 * This is the one statement on the edit path (every edit waits for it before it is broadcast), so
 * it is plain SQL on the libsql client: drizzle's query building and a fresh prepare per call cost
 * ~10× the insert itself. Column names are those of `docUpdates` and `docAudit` in the schema.
 */
export async function appendUpdates(
	db: Db,
	updates: StoredUpdate[],
	audit: AuditEntry[] = []
): Promise<void> {
	if (updates.length === 0 && audit.length === 0) return;
	const statements: InStatement[] = [];
	for (const u of updates) {
		statements.push({ sql: INSERT_UPDATE, args: [u.room, u.userId, u.at, toBuffer(u.update)] });
	}
	for (const a of audit) {
		statements.push({
			sql: INSERT_AUDIT,
			args: [a.room, a.userId, a.at, a.entity, a.entityId, JSON.stringify(a.fields), a.action]
		});
	}
	await db.$client.batch(statements, 'write');
}

const INSERT_UPDATE = 'INSERT INTO doc_updates (room, user_id, at, "update") VALUES (?, ?, ?, ?)';
const INSERT_AUDIT =
	'INSERT INTO doc_audit (room, user_id, at, entity, entity_id, fields, action) VALUES (?, ?, ?, ?, ?, ?, ?)';

/**
 * Folds the room's log into its snapshot and drops the folded entries, in one batch. Entries
 * appended meanwhile have higher ids and stay in the tail. Safe when two compactions of one room
 * overlap: a snapshot never replaces a newer one, and only entries the stored snapshot covers are
 * deleted. Resolves to the number of log entries dropped.
 */
export async function compactRoom(db: Db, room: string, now = Date.now()): Promise<number> {
	const loaded = await loadDocState(db, room);
	if (!loaded.state || loaded.tailLength === 0) return 0;
	return writeCompaction(db, room, loaded.state, loaded.upToId, now);
}

/**
 * Stores `state` (the room's state up to log entry `upToId`) as its snapshot unless the stored
 * one is as new, and deletes the log entries the snapshot in place afterwards covers.
 */
export async function writeCompaction(
	db: Db,
	room: string,
	state: Uint8Array,
	upToId: number,
	now = Date.now()
): Promise<number> {
	const [, deleted] = await db.batch([
		db
			.insert(docSnapshots)
			.values({ room, state: toBuffer(state), upToId, updatedAt: now })
			.onConflictDoUpdate({
				target: docSnapshots.room,
				set: { state: toBuffer(state), upToId, updatedAt: now },
				setWhere: sql`${docSnapshots.upToId} < excluded.up_to_id`
			}),
		db
			.delete(docUpdates)
			.where(
				and(
					eq(docUpdates.room, room),
					lte(
						docUpdates.id,
						sql`(select ${docSnapshots.upToId} from ${docSnapshots} where ${docSnapshots.room} = ${room})`
					)
				)
			)
	]);
	return deleted.rowsAffected;
}

/** Writes a whole document as a room's snapshot (seeding, imports); replaces any earlier state. */
export async function writeDocSnapshot(db: Db, room: string, doc: Y.Doc, now = Date.now()) {
	const state = toBuffer(Y.encodeStateAsUpdate(doc));
	await db.batch([
		db.delete(docUpdates).where(eq(docUpdates.room, room)),
		db
			.insert(docSnapshots)
			.values({ room, state, upToId: 0, updatedAt: now })
			.onConflictDoUpdate({ target: docSnapshots.room, set: { state, upToId: 0, updatedAt: now } })
	]);
}
