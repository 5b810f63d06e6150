/**
 * The one protocol module of live documents: room names, close codes and the keys of every shared
 * type. The browser, the SvelteKit handler, the sync server and the tests all import it, so a
 * renamed key or code changes everywhere at once.
 */

/** WebSocket path prefix; a room's URL is `${SYNC_PATH}/${room}` (y-websocket appends the room). */
export const SYNC_PATH = '/sync';

export type Room =
	| { kind: 'plan'; planId: string }
	| { kind: 'school'; planId: string; schoolId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function planRoom(planId: string): string {
	return `plan:${planId}`;
}

export function schoolRoom(planId: string, schoolId: string): string {
	return `school:${planId}:${schoolId}`;
}

/** Parses a room name; anything that is not exactly one of the two shapes is `null`. */
export function parseRoom(name: string): Room | null {
	const parts = name.split(':');
	if (parts[0] === 'plan' && parts.length === 2 && ID.test(parts[1])) {
		return { kind: 'plan', planId: parts[1] };
	}
	if (parts[0] === 'school' && parts.length === 3 && ID.test(parts[1]) && ID.test(parts[2])) {
		return { kind: 'school', planId: parts[1], schoolId: parts[2] };
	}
	return null;
}

export function roomName(room: Room): string {
	return room.kind === 'plan' ? planRoom(room.planId) : schoolRoom(room.planId, room.schoolId);
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
	/** The server holds as many rooms as it may, or storage failed; try again later. */
	ServerBusy: 4503,
	/** The server is shutting down; clients reconnect to another instance. */
	GoingAway: 1001
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Shared-type keys of `plan:<planId>`. */
export const PlanDocKeys = {
	tasks: 'tasks',
	phases: 'phases',
	/** Goal groups with their numeric indicators (for the indicators work to come). */
	goals: 'goals'
} as const;

/** Shared-type keys of `school:<planId>:<schoolId>`. */
export const SchoolDocKeys = {
	milestones: 'milestones'
} as const;

/** Fields of a task `Y.Map`, in contract order. `deps` is a `Y.Array<string>`. */
export const TASK_FIELDS = [
	'title',
	'workstream',
	'phase',
	'unit',
	'lead',
	'start',
	'due',
	'status',
	'progress',
	'deps',
	'order'
] as const;

export const PHASE_FIELDS = ['name', 'start', 'end'] as const;

export const MILESTONE_FIELDS = [
	'title',
	'phase',
	'due',
	'status',
	'progress',
	'doneOn',
	'note'
] as const;
