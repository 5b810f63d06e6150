/**
 * The process's runtime: its database, the session-event bus the sync server listens on, and the
 * rooms' server-side writer. Created once at start by the Node entry (`server/app.ts`) or, under
 * `npm run dev`, by the live-sync plugin in Vite's own module graph.
 *
 * Why adoption: in production the SvelteKit handler is a separate bundle from `server/` (run by
 * tsx), so it carries its own copy of these modules. The Node entry hands its runtime over on
 * each request (`req.runtime`, which adapter-node passes as `event.platform.req`), and
 * `hooks.server.ts` adopts it before anything else runs, then sets `event.locals.runtime`: the
 * bundle then uses the server's one connection, bus and writer; no global object carries them.
 */
import { getDbHandle, setDbHandle, type DbHandle } from './db/index';
import { sessionBus, useSessionBus, type SessionBus } from './auth/session-events';
import type * as Y from 'yjs';
import type { Room } from '../shared/sync/protocol';

/**
 * Server-side writes into live documents (imports, milestone templates, API writes), implemented
 * by the sync server's rooms (`server/rooms/server-writes.ts`): a change is applied to the room,
 * loaded or not, through the room's own write path (applied, audited, stored attributed to the
 * acting user, and only then broadcast). Plans are sharded by id, so the instance serving
 * `/api/plans/<id>/…` is the one holding that plan's rooms.
 */
export interface LiveWriter {
	apply(room: Room, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
	/** `read` of the room's live document when the room is open on this instance, else `null`. */
	read<T>(room: Room, read: (doc: Y.Doc) => T): Promise<T | null>;
	/**
	 * Makes the room, when open on this instance, read again the rules it enforces on updates
	 * from the database (a plan's approved limits); a room not open reads them when it loads.
	 */
	reloadRules(room: Room): Promise<void>;
}

export class LiveWritesUnavailableError extends Error {
	override name = 'LiveWritesUnavailableError';
}

let liveWriter: LiveWriter | null = null;

/** Called by the sync server at start-up (and with `null` when it closes). */
export function setLiveWriter(writer: LiveWriter | null): void {
	liveWriter = writer;
}

export interface Runtime {
	db: Promise<DbHandle>;
	sessions: SessionBus;
	/** Writes into this graph's rooms; refuses while no sync server runs (a tool, a test). */
	rooms: LiveWriter;
}

/** What a request from the Node entry carries. */
export interface RuntimeCarrier {
	runtime?: Runtime;
}

/** The runtime this module graph holds (its database opened on first use). */
export function thisRuntime(): Runtime {
	return { db: getDbHandle(), sessions: sessionBus(), rooms };
}

/** Asks for the writer at each write: a sync server may start or close after the hand-over. */
const rooms: LiveWriter = {
	apply(room, userId, change) {
		const writer = liveWriter;
		if (!writer || writer === rooms) throw new LiveWritesUnavailableError('live documents are served by the sync server (npm start)');
		return writer.apply(room, userId, change);
	},
	read(room, read) {
		const writer = liveWriter;
		return writer && writer !== rooms ? writer.read(room, read) : Promise.resolve(null);
	},
	reloadRules(room) {
		const writer = liveWriter;
		return writer && writer !== rooms ? writer.reloadRules(room) : Promise.resolve();
	}
};

let adopted: Runtime | null = null;

/** Makes this module graph use `runtime` (idempotent: a request per call is cheap). */
export function adoptRuntime(runtime: Runtime): void {
	if (adopted === runtime) return;
	adopted = runtime;
	setDbHandle(runtime.db);
	useSessionBus(runtime.sessions);
	setLiveWriter(runtime.rooms);
}

/**
 * Applies `change` to `room` as `userId` and resolves with its result once the change is stored
 * (and broadcast). A change that writes nothing stores nothing. Permissions are the caller's.
 */
export async function applyToRoom<T>(room: Room, userId: string, change: (doc: Y.Doc) => T): Promise<T> {
	let result!: T;
	await rooms.apply(room, userId, (doc) => {
		result = change(doc);
	});
	return result;
}

/**
 * Reads a room's live document when it is open on this instance (it holds every accepted edit,
 * the projection trails it by up to a second); `null` when it is not, or no sync server runs.
 */
export function readLiveRoom<T>(room: Room, read: (doc: Y.Doc) => T): Promise<T | null> {
	return rooms.read(room, read);
}

/**
 * Reads a room's document, loading the room on this instance when it is not open (the instance
 * serving a plan's API holds its rooms). Nothing is written or stored.
 */
export function readRoom<T>(room: Room, userId: string, read: (doc: Y.Doc) => T): Promise<T> {
	return applyToRoom(room, userId, read);
}

/** See `LiveWriter.reloadRules`: after a decision that changes what a room allows. */
export function reloadRoomRules(room: Room): Promise<void> {
	return rooms.reloadRules(room);
}
