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

export const stateLabel = (s: AttentionState): string => labels[s]();
