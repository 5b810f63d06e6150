/**
 * What the server keeps of a client's presence: the identity it knows from the session (name and
 * colour are never the client's to choose) and the schema's fields, bounded; anything else is
 * dropped. Pure, so the rules are tested without sockets.
 */
import { isIsoDate } from '../../src/lib/shared/plan/dates';
import {
	colorFor,
	PRESENCE_LIMITS,
	type DraggingBar,
	type EditingCell,
	type PresenceState,
	type PresenceUser
} from '../../src/lib/shared/sync/presence';

/**
 * Client ids one connection may publish presence under. A y-websocket client uses one; a few
 * more leave room for a reconnect racing its old socket, and bound what a forger can draw.
 */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

/** The identity the server writes into every presence entry of a user. */
export function presenceUser(userId: string, displayName: string): PresenceUser {
	return { id: userId, name: displayName, color: colorFor(userId) };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const boundedString = (v: unknown, max: number): v is string =>
	typeof v === 'string' && v.length > 0 && v.length <= max;

function readEditing(v: unknown): EditingCell | null {
	if (!isObject(v) || !boundedString(v.id, PRESENCE_LIMITS.id) || !boundedString(v.field, PRESENCE_LIMITS.field)) {
		return null;
	}
	return { id: v.id, field: v.field };
}

function readDragging(v: unknown): DraggingBar | null {
	if (!isObject(v) || !boundedString(v.id, PRESENCE_LIMITS.id) || !isIsoDate(v.start) || !isIsoDate(v.due)) {
		return null;
	}
	return { id: v.id, start: v.start, due: v.due };
}

/**
 * The state to keep for a client's state `value` (already JSON-parsed): `null` (the client left)
 * stays `null`; anything else becomes the schema's fields, the identity from `user`, and `null`
 * for a field that is missing or does not fit.
 */
export function cleanPresence(value: unknown, user: PresenceUser): PresenceState | null {
	if (value === null) return null;
	const state = isObject(value) ? value : {};
	return { user, editing: readEditing(state.editing), dragging: readDragging(state.dragging) };
}

/** `cleanPresence` over the JSON text of an awareness entry; `malformed` when it is not JSON. */
export function cleanPresenceJson(json: string, user: PresenceUser): string | 'malformed' {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return 'malformed';
	}
	return JSON.stringify(cleanPresence(value, user));
}
