import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { readPlanTasks } from '$lib/server/services/plan-read';
import { buildTasksWorkbook, workbookResponse } from '$lib/server/services/tasks-export';
import { exportLabels, viewForExport } from '$lib/server/services/export-view';
import { planDayCounter } from '$lib/server/services/plan-calendar';
import type { RequestHandler } from './$types';

/** The task breakdown table as a workbook: the whole plan, or the view the query string names. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	const { plan } = await requirePlanMember(db, locals.user, params.planId);
	const l = exportLabels();
	const { rows, numbers } = viewForExport(await readPlanTasks(db, params.planId), url.searchParams, await planDayCounter(db, plan));
	const buffer = await buildTasksWorkbook(rows, l, numbers);
	return workbookResponse(buffer, `${plan.title}-${l.sheet}.xlsx`);
};
