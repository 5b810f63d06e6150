/**
 * `DocStorage` in memory: the same semantics as the libsql backend (one id sequence across rooms,
 * snapshots that never go back in time, atomic batches), for unit tests and tools that need a
 * room without a database. Bytes are copied in and out, as a database would.
 */
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

interface RoomState {
	snapshot: StoredSnapshot | null;
	log: (LogEntry & { userId: string | null; at: number })[];
	owners: Map<number, string | null>;
}

export class MemoryDocStorage implements DocStorage {
	readonly #rooms = new Map<string, RoomState>();
	readonly #quarantine: (QuarantinedEntry & { bytes: Uint8Array })[] = [];
	/** Audit rows, oldest first (tests read them). */
	readonly audit: AuditEntry[] = [];
	#nextId = 1;
	#nextQuarantineId = 1;

	#room(room: string): RoomState {
		let r = this.#rooms.get(room);
		if (!r) this.#rooms.set(room, (r = { snapshot: null, log: [], owners: new Map() }));
		return r;
	}

	async load(room: string): Promise<StoredRoom> {
		const r = this.#rooms.get(room);
		if (!r) return { snapshot: null, tail: [], owners: new Map() };
		const after = r.snapshot?.upToId ?? 0;
		return {
			snapshot: r.snapshot ? { state: r.snapshot.state.slice(), upToId: r.snapshot.upToId } : null,
			tail: r.log.filter((e) => e.id > after).map((e) => ({ id: e.id, update: e.update.slice() })),
			owners: new Map(r.owners)
		};
	}

	async append(
		updates: StoredUpdate[],
		audit: AuditEntry[] = [],
		owners: ClientOwner[] = []
	): Promise<void> {
		for (const u of updates) {
			this.#room(u.room).log.push({ id: this.#nextId++, update: u.update.slice(), userId: u.userId, at: u.at });
		}
		this.audit.push(...audit);
		for (const o of owners) {
			const r = this.#room(o.room);
			if (!r.owners.has(o.clientId)) r.owners.set(o.clientId, o.userId);
		}
	}

	async compact(room: string, snapshot: StoredSnapshot): Promise<number> {
		const r = this.#room(room);
		if (!r.snapshot || r.snapshot.upToId < snapshot.upToId) {
			r.snapshot = { state: snapshot.state.slice(), upToId: snapshot.upToId };
		}
		const upTo = r.snapshot.upToId;
		const before = r.log.length;
		r.log = r.log.filter((e) => e.id > upTo);
		return before - r.log.length;
	}

	async quarantine(room: string, items: QuarantineItem[], now = Date.now()): Promise<void> {
		const r = this.#room(room);
		for (const item of items) {
			this.#quarantine.push({
				id: this.#nextQuarantineId++,
				room,
				source: item.source,
				entryId: item.entryId,
				bytes: item.bytes.slice(),
				byteLength: item.bytes.byteLength,
				error: item.error,
				at: now
			});
			if (item.source === 'snapshot') r.snapshot = null;
			else r.log = r.log.filter((e) => e.id !== item.entryId);
		}
	}

	async replace(room: string, state: Uint8Array): Promise<void> {
		const r = this.#room(room);
		r.log = [];
		r.snapshot = { state: state.slice(), upToId: 0 };
	}

	async listQuarantine(limit = 100): Promise<QuarantinedEntry[]> {
		return this.#quarantine
			.slice()
			.sort((a, b) => b.at - a.at || b.id - a.id)
			.slice(0, limit)
			.map(({ bytes: _bytes, ...entry }) => entry);
	}
}
