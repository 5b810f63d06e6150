import type { Role } from '../plan/types';
import type { Room } from './protocol';

/** What a user may do in a room: the contract's table, as one pure function. */
export type RoomAccess = 'none' | 'read' | 'write';

/** A user's standing in one plan: their role there and, for coordinators and partners, their school. */
export interface PlanMember {
	role: Role;
	schoolId: string | null;
}

/**
 * `plan:<id>`: admin and leader write, every member reads.
 * `school:<id>:<school>`: admin, leader and that school's coordinators write, every member reads.
 * A non-member (`null`) has no access; a system administrator is passed in as role `admin`.
 */
export function roomAccess(member: PlanMember | null, room: Room): RoomAccess {
	if (!member) return 'none';
	if (member.role === 'admin' || member.role === 'leader') return 'write';
	if (
		room.kind === 'school' &&
		member.role === 'coordinator' &&
		member.schoolId !== null &&
		member.schoolId === room.schoolId
	) {
		return 'write';
	}
	return 'read';
}
