/**
 * The plan's schedule (contract v2 `GET /api/plans/:planId/schedule`): late finish, slack,
 * critical tasks and dependency violations ([S10]–[S12]) over the live plan.
 *
 * Tasks and phases are read from the stored document (snapshot + log), not from the SQL
 * projection: every update is stored before it is broadcast, so this sees every edit any client
 * has seen, and tasks and phases come from one consistent state (the projection trails by up to
 * a second and is written per table). A plan whose room was never written falls back to the
 * projection rows, which are then all there is.
 */
import * as Y from 'yjs';
import type { Db } from '../db/index';
import { loadDocState } from '../docs/store';
import { readPhases, readTasks } from '../../shared/plan/doc';
import { computeSchedule, type PlanSchedule } from '../../shared/plan/critical-path';
import { planRoom } from '../../shared/sync/protocol';
import { listTasks } from './plans';
import { getPlanPhases } from './overview';

export async function planSchedule(db: Db, planId: string): Promise<PlanSchedule> {
	const { state } = await loadDocState(db, planRoom(planId));
	if (!state) return computeSchedule(await listTasks(db, planId), await getPlanPhases(db, planId));
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return computeSchedule(readTasks(doc), readPhases(doc));
	} finally {
		doc.destroy();
	}
}
