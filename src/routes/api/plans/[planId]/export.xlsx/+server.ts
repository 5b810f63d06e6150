import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listTasks } from '$lib/server/services/plans';
import {
	buildTasksWorkbook,
	workbookResponse,
	type ExportLabels
} from '$lib/server/services/tasks-export';
import * as m from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The workbook follows the district's Chinese template whatever the reader's UI language. */
function labels(): ExportLabels {
	const zh = { locale: 'zh-CN' } as const;
	return {
		sheet: m.api_xlsx_sheet({}, zh),
		columns: {
			index: m.api_xlsx_col_index({}, zh),
			workstream: m.api_xlsx_col_workstream({}, zh),
			title: m.api_xlsx_col_title({}, zh),
			unit: m.api_xlsx_col_unit({}, zh),
			lead: m.api_xlsx_col_lead({}, zh),
			start: m.api_xlsx_col_start({}, zh),
			due: m.api_xlsx_col_due({}, zh),
			phase: m.api_xlsx_col_phase({}, zh),
			status: m.api_xlsx_col_status({}, zh),
			progress: m.api_xlsx_col_progress({}, zh)
		},
		phase: {
			launch: m.phase_launch({}, zh),
			pilot: m.phase_pilot({}, zh),
			rollout: m.phase_rollout({}, zh),
			evaluation: m.phase_evaluation({}, zh)
		},
		status: {
			todo: m.status_todo({}, zh),
			doing: m.status_doing({}, zh),
			done: m.status_done({}, zh),
			blocked: m.status_blocked({}, zh)
		}
	};
}

export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { plan } = await requirePlanMember(db, locals.user, params.planId);
	const l = labels();
	const buffer = await buildTasksWorkbook(await listTasks(db, params.planId), l);
	return workbookResponse(buffer, `${plan.title}-${l.sheet}.xlsx`);
};
