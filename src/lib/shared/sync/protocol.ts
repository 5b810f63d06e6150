/**
 * The one protocol module of live documents: room names, close codes and the keys of every shared
 * type. The browser, the SvelteKit handler, the sync server and the tests all import it, so a
 * renamed key or code changes everywhere at once.
 */

/** WebSocket path prefix; a room's URL is `${SYNC_PATH}/${room}` (y-websocket appends the room). */
export const SYNC_PATH = '/sync';

export type { Room } from './room';

// Room names are declared by the document kinds (`./kinds`: `parseRoom`, `roomName`); these are
// shorthands for the three names code writes most.

export function planRoom(planId: string): string {
	return `plan:${planId}`;
}

export function schoolRoom(planId: string, schoolId: string): string {
	return `school:${planId}:${schoolId}`;
}

export function pairingsRoom(planId: string): string {
	return `pairings:${planId}`;
}

/**
 * Close codes sent on an accepted socket (4000–4999 is the application range). Refusals before the
 * upgrade are plain HTTP statuses (401, 403, 404) and never reach a socket.
 */
export const CloseCode = {
	/** A frame that is not a y-websocket message, or an update Yjs cannot apply. */
	Malformed: 4400,
	/** The session ended (logout, expiry) while the socket was open. */
	Unauthorized: 4401,
	/** A single frame above the size bound. */
	MessageTooBig: 4413,
	/** Too many messages in the rate window. */
	RateLimited: 4429,
	/**
	 * The client does not read what it is sent fast enough: its unsent backlog passed the bound
	 * ([Y21]); it reconnects and syncs afresh.
	 */
	SlowConsumer: 4508,
	/** The server holds as many rooms as it may; try again later. */
	ServerBusy: 4503,
	/**
	 * This room's storage keeps failing ([Y24]): the server keeps the accepted edits in memory and
	 * retries them with backoff, and refuses new sockets to the room (HTTP 503) until a store
	 * succeeds. The client reconnects with backoff; its own unconfirmed edits stay in its document
	 * and reach the room when it syncs again. Other rooms are not affected.
	 */
	StoreFailing: 4507,
	/** The server is shutting down; clients reconnect to another instance. */
	GoingAway: 1001
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
