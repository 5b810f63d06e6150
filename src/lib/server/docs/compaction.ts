/**
 * Folding a room's log into its snapshot ([P1], [P3], [Y18]). The snapshot is built by applying
 * the stored entries to a fresh document (never by merging bytes unchecked) and written only once
 * it is proven to reproduce that document.
 */
import { quarantineBad } from './load';
import { encodeVerifiedSnapshot, rebuildDoc, type VerifiedSnapshot } from './rebuild';
import type { DocStorage, QuarantineItem, StoredRoom } from './storage';

/** What folding a room's stored entries gives: the proven snapshot, and entries that did not load. */
export interface Folded {
	snapshot: VerifiedSnapshot;
	/** Id of the newest log entry folded in. */
	upToId: number;
	bad: QuarantineItem[];
}

/** Folds stored entries into one snapshot: the CPU part of a compaction, pure and synchronous. */
export function foldStored(stored: Pick<StoredRoom, 'snapshot' | 'tail'>): Folded {
	const rebuilt = rebuildDoc({ ...stored, owners: new Map() });
	try {
		return { snapshot: encodeVerifiedSnapshot(rebuilt.doc), upToId: rebuilt.upToId, bad: rebuilt.bad };
	} finally {
		rebuilt.doc.destroy();
	}
}

/** Where `foldStored` runs: inline by default, on a worker thread in the server (`fold-thread.ts`). */
export type Fold = (stored: Pick<StoredRoom, 'snapshot' | 'tail'>) => Folded | Promise<Folded>;

/**
 * Compacts one room; resolves to the number of log entries folded (0 when there was nothing to
 * fold or the snapshot did not verify, which is logged). Entries appended meanwhile have higher
 * ids and stay in the tail.
 */
export async function compactRoom(
	storage: DocStorage,
	room: string,
	log: (line: string) => void = () => {},
	now = Date.now(),
	fold: Fold = foldStored
): Promise<number> {
	const stored = await storage.load(room);
	if (stored.tail.length === 0) return 0;
	const { snapshot, upToId, bad } = await fold({ snapshot: stored.snapshot, tail: stored.tail });
	await quarantineBad(storage, room, bad, log);
	if (!snapshot.ok) {
		log(`sync: ${room}: not compacted, ${snapshot.error}`);
		return 0;
	}
	return await storage.compact(room, { state: snapshot.state, upToId }, now);
}
