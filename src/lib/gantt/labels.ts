/** Translated names of the attention states ([A1]) as the Gantt shows them. */
import * as m from '$lib/paraglide/messages';
import type { AttentionState } from '$lib/shared/plan/attention';

const labels: Record<AttentionState, () => string> = {
	on_track: m.gantt_state_on_track,
	due_soon: m.gantt_state_due_soon,
	behind: m.gantt_state_behind,
	overdue: m.gantt_state_overdue,
	blocked: m.gantt_state_blocked,
	done: m.gantt_state_done
};

/** [WD13] A state's name; `working`: the plan counts working days, and due soon says so. */
export const stateLabel = (s: AttentionState, working = false): string =>
	working && s === 'due_soon' ? m.gantt_state_due_soon_working() : labels[s]();

/** [WD13] The plan's length in the Gantt's summary line, in the days the plan counts. */
export function summaryLabel(a: { tasks: number; days: number; working: boolean; loading?: { shown: number; total: number } }): string {
	const { tasks, days, loading } = a;
	if (loading) return (a.working ? m.gantt_summary_loading_working : m.gantt_summary_loading)({ shown: loading.shown, tasks: loading.total, days });
	return (a.working ? m.gantt_summary_working : m.gantt_summary)({ tasks, days });
}
