import type { Role } from '../plan/types';
import { kindOf } from './kinds/index';
import type { Room } from './protocol';

/** What a user may do in a room: the contract's table, as one pure function. */
export type RoomAccess = 'none' | 'read' | 'write';

/** A user's standing in one plan: their role there and, for coordinators and partners, their school. */
export interface PlanMember {
	role: Role;
	schoolId: string | null;
}

/**
 * The contract's table of who writes and reads each room, as each document kind declares it:
 * a non-member (`null`) has no access; a system administrator is passed in as role `admin`.
 */
export function roomAccess(member: PlanMember | null, room: Room): RoomAccess {
	return kindOf(room).access(member, room);
}
