/**
 * The presence (awareness) schema of every live room, shared by the browser, which publishes and
 * draws it, and the sync server, which fills in the identity and drops anything else. A field a
 * feature needs is added here first; the server refuses what is not listed.
 */
import type { IsoDate } from '../plan/types';

/** Who a presence entry belongs to. The server writes it from the session, never the client. */
export interface PresenceUser {
	id: string;
	name: string;
	/** `#rrggbb`, derived from the user id by `colorFor`. */
	color: string;
}

/** The cell a user is editing: a task (or milestone) id and one of its fields. */
export interface EditingCell {
	id: string;
	field: string;
}

/** A Gantt bar being dragged, with the dates it would get if dropped now. */
export interface DraggingBar {
	id: string;
	start: IsoDate;
	due: IsoDate;
}

/** One client's presence as every other client receives it. */
export interface PresenceState {
	user: PresenceUser;
	editing: EditingCell | null;
	dragging: DraggingBar | null;
}

/** Bounds of the client-chosen fields (ids as in room names; field names are short keys). */
export const PRESENCE_LIMITS = { id: 64, field: 32 } as const;

/** The only colours a client draws: anything else (`url(…)`, `var(…)`) falls back to the derived one. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Calm, distinguishable colours with enough contrast for white text. */
const PALETTE = ['#2563eb', '#c2410c', '#15803d', '#9333ea', '#be123c', '#0e7490', '#a16207', '#4f46e5'];

/** A stable colour per user id, so a person keeps their colour across tabs, sessions and servers. */
export function colorFor(userId: string): string {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return PALETTE[h % PALETTE.length];
}
