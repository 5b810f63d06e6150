import { describe, expect, it } from 'vitest';
import type { RequestDraft } from './change-gate';
import { keysFor, outcomeOf, tally, unsettled, type RequestOutcome } from './request-batch';

const due = (taskId: string): RequestDraft => ({ kind: 'due', taskId, title: taskId, from: '2026-03-31', to: '2026-04-07', limit: '2026-03-31' });

describe('request batch', () => {
	it('[AP5] an ok answer is sent; a 409 pending_exists is its own outcome; anything else failed', () => {
		expect(outcomeOf(null)).toBe('sent');
		expect(outcomeOf({ status: 409, body: { error: 'pending_exists' } })).toBe('pending_exists');
		expect(outcomeOf({ status: 409, body: { error: 'not_needed' } })).toBe('failed');
		expect(outcomeOf({ status: 0 })).toBe('failed');
	});

	it('[AP5] each draft gets its own key once; only failed or unsent drafts are sent again', () => {
		const drafts = [due('a'), due('b'), due('c'), { ...due('d'), kind: 'remove' } as RequestDraft];
		let n = 0;
		const keys = keysFor(drafts, () => `k${++n}`);
		expect([...keys]).toEqual([['due:a', 'k1'], ['due:b', 'k2'], ['due:c', 'k3'], ['remove:d', 'k4']]);
		const outcomes = new Map<string, RequestOutcome>([['due:a', 'sent'], ['due:b', 'pending_exists'], ['due:c', 'failed']]);
		expect(unsettled(drafts, outcomes).map((d) => d.taskId)).toEqual(['c', 'd']);
		expect(tally(outcomes)).toEqual({ sent: 1, pending_exists: 1, failed: 1 });
	});
});
