/**
 * The one room-access decision: who may open a live room and whether they may write. The sync
 * upgrade asks it before a socket exists and the periodic re-validation asks it again for every
 * open socket, so a check added here (the school-in-plan check, a new room kind) holds for both.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { schools } from '../db/schema';
import { roomAccess, type RoomAccess } from '../../shared/sync/access';
import type { Room } from '../../shared/sync/protocol';
import { planAccess } from './plans';

/** Access to a room, or why there is none (404: no such plan or school; 403: not a member). */
export type RoomAuthorization =
	| { ok: true; access: Exclude<RoomAccess, 'none'> }
	| { ok: false; access: 'none'; status: 403 | 404; reason: string };

const refuse = (status: 403 | 404, reason: string): RoomAuthorization => ({
	ok: false,
	access: 'none',
	status,
	reason
});

/**
 * Decides `userId`'s access to a parsed room: the plan must exist, a room naming a school must
 * name one of that plan's schools, and the user's membership decides through `roomAccess`
 * (the contract's table). Room kinds are not switched on here beyond "does it name a school".
 */
export async function authorize(db: Db, userId: string, room: Room): Promise<RoomAuthorization> {
	const schoolId = 'schoolId' in room ? room.schoolId : null;
	if (schoolId !== null) {
		const [school] = await db
			.select({ id: schools.id })
			.from(schools)
			.where(and(eq(schools.id, schoolId), eq(schools.planId, room.planId)))
			.limit(1);
		if (!school) return refuse(404, 'no such school in this plan');
	}
	const plan = await planAccess(db, userId, room.planId);
	if (!plan.ok) {
		return plan.status === 404 ? refuse(404, 'no such plan') : refuse(403, 'not a member of this plan');
	}
	const access = roomAccess(plan.member, room);
	return access === 'none' ? refuse(403, 'no access to this room') : { ok: true, access };
}
