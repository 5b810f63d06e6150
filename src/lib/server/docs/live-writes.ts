/**
 * Server-side writes into live documents (imports, milestone templates, API writes): one entry
 * point that applies a change to a room, loaded or not, through the sync server's own path —
 * validated by the caller, applied, audited, stored attributed to the acting user, and only then
 * broadcast to everyone in the room.
 *
 * The sync server registers its writer here; it is part of the process's runtime
 * (`../runtime.ts`), which the SvelteKit bundle adopts from the request in production. Routes
 * reach it through `applyToRoom`. Plans are sharded by id, so the instance serving
 * `/api/plans/<id>/…` is the one holding that plan's rooms.
 */
import type * as Y from 'yjs';
import type { Room } from '../../shared/sync/protocol';

export interface LiveWriter {
	apply(room: Room, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
	/** `read` of the room's live document when the room is open on this instance, else `null`. */
	read<T>(room: Room, read: (doc: Y.Doc) => T): Promise<T | null>;
}

let current: LiveWriter | null = null;

/** Called by the sync server at start-up (and with `null` when it closes). */
export function setLiveWriter(writer: LiveWriter | null): void {
	current = writer;
}

/** The writer this module graph knows, if a sync server runs. */
export const liveWriter = (): LiveWriter | null => current;

export class LiveWritesUnavailableError extends Error {
	override name = 'LiveWritesUnavailableError';
}

/**
 * Applies `change` to `room` as `userId` and resolves with its result once the change is stored
 * (and broadcast). A change that writes nothing stores nothing. Permissions are the caller's.
 */
export async function applyToRoom<T>(room: Room, userId: string, change: (doc: Y.Doc) => T): Promise<T> {
	const writer = current;
	if (!writer) throw new LiveWritesUnavailableError('live documents are served by the sync server (npm start)');
	let result!: T;
	await writer.apply(room, userId, (doc) => {
		result = change(doc);
	});
	return result;
}

/**
 * Reads a room's live document when it is open on this instance (it holds every accepted edit,
 * the projection trails it by up to a second); `null` when it is not, or no sync server runs.
 */
export async function readLiveRoom<T>(room: Room, read: (doc: Y.Doc) => T): Promise<T | null> {
	return current ? current.read(room, read) : null;
}
