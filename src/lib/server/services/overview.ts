/**
 * The overview page's data, from SQL only: the plan's phases and the task projection summarised by
 * the shared schedule rules. The live document is never loaded here; the projection trails it by
 * at most the sync server's projection delay.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { phases } from '../db/schema';
import { PHASES, type IsoDate, type Phase } from '../../shared/plan/types';
import { summarize, type ScheduleSummary } from '../../shared/plan/schedule';
import { CALENDAR_DAYS, type DayCounter } from '../../shared/calendar/day-counter';
import { listTasks } from './plans';

/** The plan's phases in their fixed order (launch → evaluation). */
export async function getPlanPhases(db: Db, planId: string): Promise<Phase[]> {
	const rows = await db
		.select({ key: phases.key, name: phases.name, start: phases.start, end: phases.end })
		.from(phases)
		.where(eq(phases.planId, planId));
	return rows.sort((a, b) => PHASES.indexOf(a.key) - PHASES.indexOf(b.key));
}

export interface PlanOverview {
	phases: Phase[];
	summary: ScheduleSummary;
	today: IsoDate;
}

/** `days`: how the plan counts days ([WD9]), calendar days unless it counts working days. */
export async function getPlanOverview(db: Db, planId: string, today: IsoDate, days: DayCounter = CALENDAR_DAYS): Promise<PlanOverview> {
	const [phaseRows, taskRows] = await Promise.all([getPlanPhases(db, planId), listTasks(db, planId)]);
	return { phases: phaseRows, summary: summarize(taskRows, phaseRows, today, days), today };
}
