/**
 * The plan's schedule (contract v2 `GET /api/plans/:planId/schedule`): late finish, slack,
 * critical tasks and dependency violations ([S10]–[S12]), over the plan as the one read rule
 * gives it (`./plan-read.ts`: the live document when its room is open here, else the projection).
 */
import type { Db } from '../db/index';
import { computeSchedule, type PlanSchedule } from '../../shared/plan/critical-path';
import { readPlan } from './plan-read';

export async function planSchedule(db: Db, planId: string): Promise<PlanSchedule> {
	const { tasks, phases } = await readPlan(db, planId);
	return computeSchedule(tasks, phases);
}
