import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listSchools } from '$lib/server/services/plans';
import { listPairings } from '$lib/server/services/pairings';
import { listVisits } from '$lib/server/services/visits';
import { buildVisitsWorkbook, type VisitExportLabels } from '$lib/server/services/visits-export';
import { workbookResponse } from '$lib/server/services/tasks-export';
import { VISIT_KINDS, VISIT_STATUSES } from '$lib/shared/plan/types';
import { visitKindLabel, visitStatusLabel } from '$lib/components/labels';
import * as m from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The bureaus' form is Chinese whatever the reader's UI language. */
function labels(): VisitExportLabels {
	const zh = { locale: 'zh-CN' } as const;
	return {
		sheet: m.visits_xlsx_sheet({}, zh),
		columns: {
			index: m.api_xlsx_col_index({}, zh),
			date: m.visits_xlsx_col_date({}, zh),
			strong: m.visits_xlsx_col_strong({}, zh),
			weak: m.visits_xlsx_col_weak({}, zh),
			host: m.visits_xlsx_col_host({}, zh),
			visitor: m.visits_xlsx_col_visitor({}, zh),
			kind: m.visits_xlsx_col_kind({}, zh),
			participants: m.visits_xlsx_col_participants({}, zh),
			names: m.visits_xlsx_col_names({}, zh),
			topic: m.visits_xlsx_col_topic({}, zh),
			hours: m.visits_xlsx_col_hours({}, zh),
			summary: m.visits_xlsx_col_summary({}, zh),
			status: m.api_xlsx_col_status({}, zh)
		},
		kind: Object.fromEntries(VISIT_KINDS.map((k) => [k, visitKindLabel(k, 'zh-CN')])) as VisitExportLabels['kind'],
		status: Object.fromEntries(VISIT_STATUSES.map((s) => [s, visitStatusLabel(s, 'zh-CN')])) as VisitExportLabels['status']
	};
}

/** [V8] The visits this member may see, one row per visit. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { plan, member } = await requirePlanMember(db, locals.user, params.planId);
	const [visits, pairings, schools] = await Promise.all([
		listVisits(db, params.planId, member),
		listPairings(db, params.planId),
		listSchools(db, params.planId)
	]);
	const names = new Map(schools.map((s) => [s.id, s.name]));
	const l = labels();
	const buffer = await buildVisitsWorkbook(
		visits,
		new Map(pairings.map((p) => [p.id, p])),
		(id) => names.get(id) ?? id,
		l
	);
	return workbookResponse(buffer, `${plan.title}-${l.sheet}.xlsx`);
};
