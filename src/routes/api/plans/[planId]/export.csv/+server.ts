import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { readPlanTasks } from '$lib/server/services/plan-read';
import { attachmentDisposition, buildTasksCsv } from '$lib/server/services/tasks-export';
import { exportLabels, viewForExport } from '$lib/server/services/export-view';
import { planDayCounter } from '$lib/server/services/plan-calendar';
import type { RequestHandler } from './$types';

/** The task breakdown table as CSV (UTF-8 with BOM): the whole plan, or the view in the query. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	const { plan } = await requirePlanMember(db, locals.user, params.planId);
	const l = exportLabels();
	const { rows, numbers } = viewForExport(await readPlanTasks(db, params.planId), url.searchParams, await planDayCounter(db, plan));
	const body = new TextEncoder().encode(buildTasksCsv(rows, l, numbers));
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachmentDisposition(`${plan.title}-${l.sheet}.csv`),
			'content-length': String(body.byteLength),
			'cache-control': 'no-store'
		}
	});
};
