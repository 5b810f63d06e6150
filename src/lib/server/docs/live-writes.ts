/**
 * Server-side writes into live documents (imports, milestone templates, API writes): one entry
 * point that applies a change to a room, loaded or not, through the sync server's own path —
 * validated by the caller, applied, audited, stored attributed to the acting user, and only then
 * broadcast to everyone in the room.
 *
 * The SvelteKit handler is a separate bundle from the Node entry (`server/`), so module state is
 * not shared between them: the sync server registers its writer on `globalThis` under a
 * well-known symbol, and routes reach it through `applyToRoom`. Plans are sharded by id, so the
 * instance serving `/api/plans/<id>/…` is the one holding that plan's rooms.
 */
import type * as Y from 'yjs';
import type { Room } from '../../shared/sync/protocol';

export interface LiveWriter {
	apply(room: Room, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
}

const KEY = Symbol.for('quality-plan.live-writer');
type Holder = { [KEY]?: LiveWriter };

/** Called by the sync server at start-up (and with `null` when it closes). */
export function setLiveWriter(writer: LiveWriter | null): void {
	if (writer) (globalThis as Holder)[KEY] = writer;
	else delete (globalThis as Holder)[KEY];
}

export class LiveWritesUnavailableError extends Error {
	override name = 'LiveWritesUnavailableError';
}

/**
 * Applies `change` to `room` as `userId` and resolves with its result once the change is stored
 * (and broadcast). A change that writes nothing stores nothing. Permissions are the caller's.
 */
export async function applyToRoom<T>(room: Room, userId: string, change: (doc: Y.Doc) => T): Promise<T> {
	const writer = (globalThis as Holder)[KEY];
	if (!writer) throw new LiveWritesUnavailableError('live documents are served by the sync server (npm start)');
	let result!: T;
	await writer.apply(room, userId, (doc) => {
		result = change(doc);
	});
	return result;
}
