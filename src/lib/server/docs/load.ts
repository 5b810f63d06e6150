/**
 * Loading a room from its storage so that it always loads ([P4]): entries that do not apply are
 * moved to quarantine, logged, and the rest of the room is served. Used by the sync server's rooms
 * and by compaction.
 */
import type * as Y from 'yjs';
import { rebuildDoc } from './rebuild';
import type { DocStorage, QuarantineItem } from './storage';

export interface LoadedRoom {
	doc: Y.Doc;
	/** client id → owner (`null`: the server). */
	owners: Map<number, string | null>;
	/** Log entries that loaded and are not yet compacted. */
	tailLength: number;
	/** Id of the newest log entry looked at. */
	upToId: number;
	/** Entries moved to quarantine by this load. */
	quarantined: QuarantineItem[];
}

/**
 * Moves bad entries aside. A failing quarantine write is logged, never thrown: the room still
 * loads without the entries, and the next load finds (and tries to move) them again.
 */
export async function quarantineBad(
	storage: DocStorage,
	room: string,
	bad: QuarantineItem[],
	log: (line: string) => void
): Promise<void> {
	if (bad.length === 0) return;
	for (const b of bad) {
		const what = b.source === 'snapshot' ? 'snapshot' : `update #${b.entryId}`;
		log(`sync: ${room}: stored ${what} (${b.bytes.byteLength} bytes) does not load (${b.error}); quarantined`);
	}
	try {
		await storage.quarantine(room, bad);
	} catch (err) {
		log(`sync: ${room}: quarantining ${bad.length} entr(ies) failed: ${String(err)}`);
	}
}

/** Loads a room's document and client-id owners; a bad stored entry is quarantined, never fatal. */
export async function loadRoomState(
	storage: DocStorage,
	room: string,
	log: (line: string) => void,
	newDoc?: () => Y.Doc
): Promise<LoadedRoom> {
	const stored = await storage.load(room);
	const rebuilt = rebuildDoc(stored, newDoc);
	await quarantineBad(storage, room, rebuilt.bad, log);
	return {
		doc: rebuilt.doc,
		owners: stored.owners,
		tailLength: rebuilt.loaded,
		upToId: rebuilt.upToId,
		quarantined: rebuilt.bad
	};
}
