/**
 * `DocStorage` on libsql: an append-only update log per room (`doc_updates`), one snapshot per
 * room (`doc_snapshots`), the client-id owners (`doc_client_owners`) and quarantined entries
 * (`doc_quarantine`). A room loads as snapshot + log tail, so a crash between an append and a
 * compaction loses nothing; the audit (`doc_audit`) is written with the update and survives
 * compaction.
 */
import { ThreadClient, type PositionalStatement } from '../db/thread-client';
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { docClientOwners, docQuarantine, docSnapshots, docUpdates } from '../db/schema';
import type {
	AuditEntry,
	ClientOwner,
	DocStorage,
	LogEntry,
	QuarantineItem,
	QuarantinedEntry,
	StoredRoom,
	StoredSnapshot,
	StoredUpdate
} from './storage';

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const toBytes = (b: ArrayBuffer | Uint8Array) => (b instanceof Uint8Array ? b : new Uint8Array(b));

// The append is the one statement on the edit path (every edit waits for it before it is
// broadcast), so it is plain SQL on the libsql client: drizzle's query building and a fresh
// prepare per call cost ~10× the insert itself. Column names are those of the schema's tables.
const INSERT_UPDATE = 'INSERT INTO doc_updates (room, user_id, at, "update") VALUES (?, ?, ?, ?)';
const INSERT_AUDIT =
	'INSERT INTO doc_audit (room, user_id, at, entity, entity_id, fields, action, before_values, after_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_OWNER =
	'INSERT OR IGNORE INTO doc_client_owners (room, client_id, user_id, at) VALUES (?, ?, ?, ?)';

/** The audit's per-field values as the two JSON columns (field → before, field → after). */
function auditValues(a: AuditEntry): [string | null, string | null] {
	if (!a.values) return [null, null];
	const before: Record<string, unknown> = {};
	const after: Record<string, unknown> = {};
	for (const [f, v] of Object.entries(a.values)) {
		before[f] = v.from ?? null;
		after[f] = v.to ?? null;
	}
	return [JSON.stringify(before), JSON.stringify(after)];
}

export class LibsqlDocStorage implements DocStorage {
	constructor(private readonly db: Db) {}

	async load(room: string): Promise<StoredRoom> {
		const { db } = this;
		const [[snap], owners] = await Promise.all([
			db.select().from(docSnapshots).where(eq(docSnapshots.room, room)).limit(1),
			db
				.select({ clientId: docClientOwners.clientId, userId: docClientOwners.userId })
				.from(docClientOwners)
				.where(eq(docClientOwners.room, room))
		]);
		const after = snap?.upToId ?? 0;
		const tail = await db
			.select({ id: docUpdates.id, update: docUpdates.update })
			.from(docUpdates)
			.where(and(eq(docUpdates.room, room), gt(docUpdates.id, after)))
			.orderBy(asc(docUpdates.id));
		return {
			snapshot: snap ? { state: toBytes(snap.state), upToId: snap.upToId } : null,
			tail: tail.map((r) => ({ id: r.id, update: toBytes(r.update) })),
			owners: new Map(owners.map((o) => [o.clientId, o.userId]))
		};
	}

	async append(
		updates: StoredUpdate[],
		audit: AuditEntry[] = [],
		owners: ClientOwner[] = []
	): Promise<void> {
		if (updates.length === 0 && audit.length === 0 && owners.length === 0) return;
		const statements: PositionalStatement[] = [];
		for (const u of updates) {
			statements.push({ sql: INSERT_UPDATE, args: [u.room, u.userId, u.at, toBuffer(u.update)] });
		}
		for (const a of audit) {
			statements.push({
				sql: INSERT_AUDIT,
				args: [a.room, a.userId, a.at, a.entity, a.entityId, JSON.stringify(a.fields), a.action, ...auditValues(a)]
			});
		}
		for (const o of owners) {
			statements.push({ sql: INSERT_OWNER, args: [o.room, o.clientId, o.userId, o.at] });
		}
		const client = this.db.$client;
		if (client instanceof ThreadClient) await client.writeBatch(statements);
		else await client.batch(statements, 'write');
	}

	/** The id of the newest log entry of any room (0 for none). */
	async lastUpdateId(): Promise<number> {
		const r = await this.db.$client.execute('SELECT coalesce(max(id), 0) AS id FROM doc_updates');
		return Number(r.rows[0].id);
	}

	/**
	 * Log entries of `rooms` with `afterId < id <= upToId`, oldest first, at most `limit`: what
	 * other instances stored for rooms this one holds ([Y25]; an instance's own entries come back
	 * too).
	 */
	async updatesSince(
		afterId: number,
		upToId: number,
		rooms: string[],
		limit: number
	): Promise<(LogEntry & { room: string })[]> {
		if (rooms.length === 0) return [];
		const r = await this.db.$client.execute({
			sql: `SELECT id, room, "update" FROM doc_updates WHERE id > ? AND id <= ? AND room IN (${rooms.map(() => '?').join(', ')}) ORDER BY id LIMIT ?`,
			args: [afterId, upToId, ...rooms, limit]
		});
		return r.rows.map((row) => ({
			id: Number(row.id),
			room: String(row.room),
			update: toBytes(row.update as ArrayBuffer)
		}));
	}

	async compact(room: string, snapshot: StoredSnapshot, now = Date.now()): Promise<number> {
		const { db } = this;
		const state = toBuffer(snapshot.state);
		const [, deleted] = await db.batch([
			db
				.insert(docSnapshots)
				.values({ room, state, upToId: snapshot.upToId, updatedAt: now })
				.onConflictDoUpdate({
					target: docSnapshots.room,
					set: { state, upToId: snapshot.upToId, updatedAt: now },
					// Overlapping compactions: an older snapshot never replaces a newer one.
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

	async quarantine(room: string, items: QuarantineItem[], now = Date.now()): Promise<void> {
		if (items.length === 0) return;
		const { db } = this;
		const statements = items.flatMap((item) => [
			db.insert(docQuarantine).values({
				room,
				source: item.source,
				entryId: item.entryId,
				bytes: toBuffer(item.bytes),
				error: item.error,
				at: now
			}),
			item.source === 'snapshot'
				? db.delete(docSnapshots).where(eq(docSnapshots.room, room))
				: db.delete(docUpdates).where(and(eq(docUpdates.room, room), eq(docUpdates.id, item.entryId ?? -1)))
		]);
		await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
	}

	async replace(room: string, state: Uint8Array, now = Date.now()): Promise<void> {
		const { db } = this;
		const bytes = toBuffer(state);
		await db.batch([
			db.delete(docUpdates).where(eq(docUpdates.room, room)),
			db
				.insert(docSnapshots)
				.values({ room, state: bytes, upToId: 0, updatedAt: now })
				.onConflictDoUpdate({ target: docSnapshots.room, set: { state: bytes, upToId: 0, updatedAt: now } })
		]);
	}

	async listQuarantine(limit = 100): Promise<QuarantinedEntry[]> {
		const rows = await this.db
			.select({
				id: docQuarantine.id,
				room: docQuarantine.room,
				source: docQuarantine.source,
				entryId: docQuarantine.entryId,
				byteLength: sql<number>`length(${docQuarantine.bytes})`,
				error: docQuarantine.error,
				at: docQuarantine.at
			})
			.from(docQuarantine)
			.orderBy(desc(docQuarantine.at), desc(docQuarantine.id))
			.limit(limit);
		return rows;
	}
}
