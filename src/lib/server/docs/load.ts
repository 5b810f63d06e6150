/**
 * Loading a room from its storage so that it always loads ([P4]): entries that do not apply are
 * moved to quarantine, logged, and the rest of the room is served. Used by the sync server's rooms
 * and by compaction.
 */
import * as Y from 'yjs';
import { rebuildDoc } from './rebuild';
import { applyStateChunks, encodeStateChunks } from './state-chunks';
import type { DocStorage, QuarantineItem, StoredRoom } from './storage';

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
	/** Chunks the document was applied in, when it was rebuilt elsewhere ([Y36]); absent: in one go. */
	chunks?: number;
	/** With `chunks`: the document's whole state as the thread encoded it. */
	state?: Uint8Array;
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

/** A room rebuilt elsewhere (a worker thread), as chunks the event loop applies a slice at a time. */
export interface ChunkedRebuild {
	chunks: Uint8Array[];
	/** The whole state in one update, for the room's first joiners. */
	state: Uint8Array;
	stateVector: Uint8Array;
	bad: QuarantineItem[];
	loaded: number;
	upToId: number;
}

/** Rebuilds stored entries and cuts the result into chunks: the worker thread's half of a big load. */
export function rebuildAsChunks(stored: Pick<StoredRoom, 'snapshot' | 'tail'>): ChunkedRebuild {
	const { doc, bad, loaded, upToId } = rebuildDoc({ ...stored, owners: new Map() });
	try {
		return { chunks: encodeStateChunks(doc), state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc), bad, loaded, upToId };
	} finally {
		doc.destroy();
	}
}

/** Where a big room is rebuilt (`rebuildAsChunks`): the server's fold thread. */
export type RebuildElsewhere = (stored: Pick<StoredRoom, 'snapshot' | 'tail'>) => Promise<ChunkedRebuild>;

/**
 * Stored bytes above which a load is rebuilt on `elsewhere` and applied in slices ([Y36]); below,
 * the whole apply is a few milliseconds and the hop to the thread would cost more.
 */
export const SLICED_LOAD_BYTES = 256 * 1024;

const storedBytes = (s: StoredRoom) => (s.snapshot?.state.byteLength ?? 0) + s.tail.reduce((n, e) => n + e.update.byteLength, 0);

/**
 * Loads a room's document and client-id owners; a bad stored entry is quarantined, never fatal.
 * With `elsewhere`, a big room is rebuilt there and applied here a slice per turn of the event
 * loop; should that fail in any way, it is rebuilt here the whole way, as without.
 */
export async function loadRoomState(
	storage: DocStorage,
	room: string,
	log: (line: string) => void,
	newDoc: () => Y.Doc = () => new Y.Doc(),
	elsewhere?: RebuildElsewhere
): Promise<LoadedRoom> {
	const stored = await storage.load(room);
	if (elsewhere && storedBytes(stored) > SLICED_LOAD_BYTES) {
		const doc = newDoc();
		try {
			const r = await elsewhere({ snapshot: stored.snapshot, tail: stored.tail });
			await applyStateChunks(doc, r.chunks, r.stateVector);
			await quarantineBad(storage, room, r.bad, log);
			return { doc, owners: stored.owners, tailLength: r.loaded, upToId: r.upToId, quarantined: r.bad, chunks: r.chunks.length, state: r.state };
		} catch (err) {
			doc.destroy();
			log(`sync: ${room}: sliced load failed (${err instanceof Error ? err.message : String(err)}); loading in one go`);
		}
	}
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
