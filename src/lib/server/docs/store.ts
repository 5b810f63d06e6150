/**
 * The libsql document store as plain functions over a `Db`, for seeding, tools, benchmarks and
 * tests. The sync server goes through `DocStorage` (`libsql-storage.ts`) instead.
 */
import * as Y from 'yjs';
import type { Db } from '../db/index';
import { compactRoom as compactWith } from './compaction';
import { LibsqlDocStorage } from './libsql-storage';
import type { AuditEntry, ClientOwner, StoredUpdate } from './storage';

export type { AuditEntry, StoredUpdate } from './storage';

export interface LoadedState {
	/** The merged state as one Yjs update; `null` for a room never written. */
	state: Uint8Array | null;
	/** Id of the newest log entry included (0 when only a snapshot or nothing). */
	upToId: number;
	/** Log entries not yet compacted, for deciding when to compact. */
	tailLength: number;
}

/**
 * The stored bytes of a room merged into one update, unchecked (use `loadRoomState` to load a
 * room that must survive bad entries).
 */
export async function loadDocState(db: Db, room: string): Promise<LoadedState> {
	const { snapshot, tail } = await new LibsqlDocStorage(db).load(room);
	const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((e) => e.update)];
	return {
		state: parts.length === 0 ? null : parts.length === 1 ? parts[0] : Y.mergeUpdates(parts),
		upToId: tail.length ? tail[tail.length - 1].id : (snapshot?.upToId ?? 0),
		tailLength: tail.length
	};
}

/** Appends updates, audit rows and client-id owners in one batch (see `DocStorage.append`). */
export function appendUpdates(
	db: Db,
	updates: StoredUpdate[],
	audit: AuditEntry[] = [],
	owners: ClientOwner[] = []
): Promise<void> {
	return new LibsqlDocStorage(db).append(updates, audit, owners);
}

/** Folds the room's log into a verified snapshot (see `compaction.ts`). */
export function compactRoom(db: Db, room: string, now = Date.now()): Promise<number> {
	return compactWith(new LibsqlDocStorage(db), room, () => {}, now);
}

/** Writes a whole document as a room's snapshot (seeding, imports); replaces any earlier state. */
export function writeDocSnapshot(db: Db, room: string, doc: Y.Doc, now = Date.now()): Promise<void> {
	return new LibsqlDocStorage(db).replace(room, Y.encodeStateAsUpdate(doc), now);
}
