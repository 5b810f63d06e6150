import { json } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { buildLedgerWorkbook } from '$lib/server/services/ledger-export';
import { ledgerRows, type LedgerWords } from '$lib/server/services/ledger';
import { workbookResponse } from '$lib/server/services/tasks-export';
import { exportLabels } from '$lib/server/services/export-view';
import { readDayCount } from '$lib/server/services/plan-calendar';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { AttentionState } from '$lib/shared/plan/attention';
import { overseesPlan } from '$lib/shared/supervision/membership';
import type { RequestHandler } from './$types';

/** The ledger is printed for the bureau: always in Chinese, like the task breakdown table. */
const zh = { locale: 'zh-CN' } as const;
const ATTENTION: Record<AttentionState, () => string> = {
	overdue: () => m.attention_overdue({}, zh),
	blocked: () => m.attention_blocked({}, zh),
	behind: () => m.attention_behind({}, zh),
	due_soon: () => m.attention_due_soon({}, zh),
	on_track: () => m.attention_on_track({}, zh),
	done: () => m.attention_done({}, zh)
};
/** `working`: the plan counts working days, and due soon says so ([WD13]). */
const wordsFor = (working: boolean): LedgerWords => ({
	phase: (p) => exportLabels().phase[p],
	status: (s) => exportLabels().status[s],
	attention: (s) => (working && s === 'due_soon' ? m.attention_due_soon_working({}, zh) : ATTENTION[s]()),
	notice: (level, status) =>
		`${(level === 'red' ? m.sv_level_red : m.sv_level_yellow)({}, zh)} · ${({ open: m.sv_notice_open, answered: m.sv_notice_answered, closed: m.sv_notice_closed })[status]({}, zh)}`,
	report: (s) => ({ missing: m.sv_status_missing, submitted: m.sv_status_submitted, nil: m.sv_status_nil })[s]({}, zh)
});

/**
 * 工作台账 as `.xlsx`: for admins, leaders and viewers, who see every unit's notices; a liaison's
 * own view is their school page.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { plan, member } = await requirePlanMember(db, locals.user, params.planId);
	if (!overseesPlan(member)) return json({ error: 'forbidden' }, { status: 403 });
	const today = todayInShanghai();
	const working = (await readDayCount(db, params.planId)) === 'working';
	const { cycle, taskRows, milestoneRows } = await ledgerRows(db, params.planId, today, wordsFor(working));
	// the task breakdown table's own column names, so both exports read alike
	const t = exportLabels().columns;
	const buffer = await buildLedgerWorkbook(taskRows, milestoneRows, {
		sheet: m.ld_sheet({}, zh),
		sheetMilestones: m.ld_sheet_milestones({}, zh),
		title: m.ld_title({ plan: plan.title }, zh),
		subtitle: m.ld_subtitle({ today, start: cycle.start, end: cycle.end }, zh),
		groups: { task: m.ld_group_task({}, zh), progress: m.ld_group_progress({}, zh), supervision: m.ld_group_supervision({}, zh) },
		columns: {
			...t,
			attention: m.ld_col_attention({}, zh),
			notice: m.ld_col_notice({}, zh),
			report: m.ld_col_report({}, zh)
		},
		milestoneColumns: {
			school: m.ld_col_school({}, zh),
			...t,
			title: m.ld_col_milestone({}, zh),
			doneOn: m.ld_col_done_on({}, zh),
			evidence: m.ld_col_evidence({}, zh),
			notice: m.ld_col_notice({}, zh)
		},
		footer: m.ld_footer({}, zh)
	});
	return workbookResponse(buffer, `${plan.title}-${m.ld_sheet({}, zh)}.xlsx`);
};
