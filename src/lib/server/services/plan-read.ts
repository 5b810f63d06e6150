/**
 * The one read rule for a plan's tasks and phases, shared by the tasks API, the schedule, the
 * exports and the attention list: the live document when the plan's room is open on this
 * instance (it holds every accepted edit; plans are sharded by id, so that is the instance
 * serving the plan's API), else the SQL projection, which is complete once a room has closed (a
 * room projects before it unloads). Around a failover the room may be open on the other instance;
 * the projection then trails its edits by at most the projection's maximum wait (one second).
 */
import type { Db } from '../db/index';
import { readLiveRoom } from '../runtime';
import { readPhases, readTasks } from '../../shared/plan/doc';
import type { Phase, Task } from '../../shared/plan/types';
import { listTasks } from './plans';
import { getPlanPhases } from './overview';

export interface PlanRead {
	tasks: Task[];
	phases: Phase[];
	/** Where it came from (for tests and logs). */
	source: 'live' | 'projection';
}

export async function readPlan(db: Db, planId: string): Promise<PlanRead> {
	const live = await readLiveRoom({ kind: 'plan', planId }, (doc) => ({ tasks: readTasks(doc), phases: readPhases(doc) }));
	if (live) return { ...live, source: 'live' };
	const [tasks, phases] = await Promise.all([listTasks(db, planId), getPlanPhases(db, planId)]);
	return { tasks, phases, source: 'projection' };
}

/** The plan's tasks by the one read rule. */
export const readPlanTasks = async (db: Db, planId: string): Promise<Task[]> => (await readPlan(db, planId)).tasks;
