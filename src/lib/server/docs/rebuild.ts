/**
 * Turning stored bytes back into a document, without trusting them ([P3], [P4]). Stored entries
 * are what Yjs itself emitted, but a database written by older code (raw client bytes, merged
 * without checks) or a damaged disk can hold an entry that makes `Y.applyUpdate` throw. Such an
 * entry loses only itself: the rest of the room loads, and the entry is reported for quarantine.
 */
import * as Y from 'yjs';
import type { LogEntry, QuarantineItem, StoredRoom } from './storage';

export interface Rebuilt {
	doc: Y.Doc;
	/** Entries that did not load, for quarantine; empty when everything loaded. */
	bad: QuarantineItem[];
	/** Log entries that loaded. */
	loaded: number;
	/** Id of the newest log entry looked at (bad ones included), 0 when the tail is empty. */
	upToId: number;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'apply failed';

function tryApply(doc: Y.Doc, update: Uint8Array): string | null {
	try {
		Y.applyUpdate(doc, update);
		return null;
	} catch (err) {
		return message(err);
	}
}

/**
 * Builds the room's document from its snapshot and log tail. The fast path applies the tail as one
 * merged update; when that throws, entries are applied one by one, and after an entry that throws
 * (possibly half-applied) the document is rebuilt from the entries that loaded, so the result
 * holds exactly the snapshot (when it loads) and every entry that loads in order.
 */
export function rebuildDoc(stored: StoredRoom, newDoc: () => Y.Doc = () => new Y.Doc()): Rebuilt {
	const bad: QuarantineItem[] = [];
	let snapshot = stored.snapshot?.state ?? null;
	let doc = newDoc();
	if (snapshot) {
		const error = tryApply(doc, snapshot);
		if (error !== null) {
			bad.push({ source: 'snapshot', entryId: null, bytes: snapshot, error });
			snapshot = null;
			doc.destroy();
			doc = newDoc();
		}
	}
	const fresh = (good: LogEntry[]) => {
		doc.destroy();
		doc = newDoc();
		if (snapshot) Y.applyUpdate(doc, snapshot);
		for (const e of good) Y.applyUpdate(doc, e.update);
	};
	const { tail } = stored;
	let loaded = tail.length;
	if (tail.length > 0) {
		let merged: Uint8Array | null = null;
		try {
			merged = tail.length === 1 ? tail[0].update : Y.mergeUpdates(tail.map((e) => e.update));
		} catch {
			merged = null;
		}
		if (merged === null || tryApply(doc, merged) !== null) {
			const good: LogEntry[] = [];
			fresh(good);
			for (const entry of tail) {
				const error = tryApply(doc, entry.update);
				if (error === null) {
					good.push(entry);
					continue;
				}
				bad.push({ source: 'update', entryId: entry.id, bytes: entry.update, error });
				fresh(good);
			}
			loaded = good.length;
		}
	}
	return { doc, bad, loaded, upToId: tail.length ? tail[tail.length - 1].id : 0 };
}

export type VerifiedSnapshot = { ok: true; state: Uint8Array } | { ok: false; error: string };

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/**
 * Encodes `doc` as a snapshot and proves it reproduces the document before anyone stores it
 * ([P3]): decoded into a fresh Y.Doc it must give the same state vector and re-encode to the same
 * bytes. A snapshot that fails is never written; the old snapshot and log stay.
 */
export function encodeVerifiedSnapshot(doc: Y.Doc): VerifiedSnapshot {
	const state = Y.encodeStateAsUpdate(doc);
	const check = new Y.Doc();
	try {
		Y.applyUpdate(check, state);
		if (!sameBytes(Y.encodeStateVector(check), Y.encodeStateVector(doc))) {
			return { ok: false, error: 'the snapshot decodes to a different state vector' };
		}
		if (!sameBytes(Y.encodeStateAsUpdate(check), state)) {
			return { ok: false, error: 'the snapshot does not re-encode to itself' };
		}
		return { ok: true, state };
	} catch (err) {
		return { ok: false, error: `the snapshot does not decode: ${message(err)}` };
	} finally {
		check.destroy();
	}
}
