/**
 * Opens a room of any document kind as its class with intent-named edits. Adding a kind to the
 * browser is one file here beside its declaration in `src/lib/shared/sync/kinds/`; the type makes
 * a kind without a room class a compile error.
 */
import type { Room } from '../../shared/sync/room';
import type { RoomSession } from '../live-room.svelte';
import { PairingsRoom } from './pairings-room.svelte';
import { PlanRoom } from './plan-room.svelte';
import { SchoolRoom } from './school-room.svelte';

export { PairingsRoom, PlanRoom, SchoolRoom };

export interface RoomsByKind {
	plan: PlanRoom;
	school: SchoolRoom;
	pairings: PairingsRoom;
}

const OPEN: { [K in Room['kind']]: (room: Extract<Room, { kind: K }>, session: RoomSession) => RoomsByKind[K] } = {
	plan: (room, session) => new PlanRoom(room, session),
	school: (room, session) => new SchoolRoom(room, session),
	pairings: (room, session) => new PairingsRoom(room, session)
};

/**
 * The room `room` of the session's plan: its connection, offline cache, undo manager and records
 * per collection, not yet connected (`connect()` opens the cache and the socket).
 */
export function openRoom<R extends Room>(room: R, session: RoomSession): RoomsByKind[R['kind']] {
	if (room.planId !== session.plan.id) throw new Error(`${room.kind} room of another plan`);
	const open = OPEN[room.kind] as unknown as (room: R, session: RoomSession) => RoomsByKind[R['kind']];
	return open(room, session);
}
