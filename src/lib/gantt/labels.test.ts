import { describe, expect, it } from 'vitest';
import * as m from '$lib/paraglide/messages';
import { ATTENTION_STATES } from '$lib/shared/plan/attention';
import { stateLabel, summaryLabel } from './labels';

describe('Gantt words in the plan\'s days', () => {
	it('[WD13] due soon reads in working days when the plan counts them; the other states and calendar plans keep their words', () => {
		expect(stateLabel('due_soon', true)).toBe(m.gantt_state_due_soon_working());
		expect(stateLabel('due_soon')).toBe(m.gantt_state_due_soon());
		expect(m.gantt_state_due_soon_working()).not.toBe(m.gantt_state_due_soon());
		for (const s of ATTENTION_STATES.filter((x) => x !== 'due_soon')) expect(stateLabel(s, true)).toBe(stateLabel(s));
	});

	it('[WD13] the summary line tells the plan\'s length in the days it counts, while loading too', () => {
		expect(summaryLabel({ tasks: 3, days: 200, working: false })).toBe(m.gantt_summary({ tasks: 3, days: 200 }));
		expect(summaryLabel({ tasks: 3, days: 140, working: true })).toBe(m.gantt_summary_working({ tasks: 3, days: 140 }));
		expect(summaryLabel({ tasks: 3, days: 140, working: true, loading: { shown: 3, total: 9 } })).toBe(m.gantt_summary_loading_working({ shown: 3, tasks: 9, days: 140 }));
		expect(summaryLabel({ tasks: 3, days: 200, working: false, loading: { shown: 3, total: 9 } })).toBe(m.gantt_summary_loading({ shown: 3, tasks: 9, days: 200 }));
	});
});
