/**
 * Folding a room's log into its snapshot ([P1], [P3], [Y18]). The snapshot is built by applying
 * the stored entries to a fresh document (never by merging bytes unchecked) and written only once
 * it is proven to reproduce that document.
 */
import { quarantineBad } from './load';
import { encodeVerifiedSnapshot, rebuildDoc } from './rebuild';
import type { DocStorage } from './storage';

/**
 * Compacts one room; resolves to the number of log entries folded (0 when there was nothing to
 * fold or the snapshot did not verify, which is logged). Entries appended meanwhile have higher
 * ids and stay in the tail.
 */
export async function compactRoom(
	storage: DocStorage,
	room: string,
	log: (line: string) => void = () => {},
	now = Date.now()
): Promise<number> {
	const stored = await storage.load(room);
	if (stored.tail.length === 0) return 0;
	const rebuilt = rebuildDoc(stored);
	try {
		await quarantineBad(storage, room, rebuilt.bad, log);
		const snapshot = encodeVerifiedSnapshot(rebuilt.doc);
		if (!snapshot.ok) {
			log(`sync: ${room}: not compacted, ${snapshot.error}`);
			return 0;
		}
		return await storage.compact(room, { state: snapshot.state, upToId: rebuilt.upToId }, now);
	} finally {
		rebuilt.doc.destroy();
	}
}
