import { describe, expect, it } from 'vitest';
import { attentionState, needsAttention } from './attention';

const today = '2026-05-10';
const item = (over: Partial<Parameters<typeof attentionState>[0]> = {}) => ({
	start: '2026-05-01',
	due: '2026-06-30',
	status: 'doing' as const,
	progress: 10,
	...over
});

describe('[A1] attention state', () => {
	it('ranks done, overdue, blocked, behind, due soon, on track', () => {
		expect(attentionState(item({ status: 'done', due: '2026-05-01' }), today)).toBe('done');
		expect(attentionState(item({ due: '2026-05-09', status: 'blocked' }), today)).toBe('overdue');
		expect(attentionState(item({ status: 'blocked' }), today)).toBe('blocked');
		expect(attentionState(item({ start: '2026-03-01', progress: 0 }), today)).toBe('behind');
		expect(attentionState(item({ due: '2026-05-16', progress: 70 }), today)).toBe('due_soon');
		expect(attentionState(item({ due: '2026-05-17', progress: 70 }), today)).toBe('on_track');
		expect(attentionState(item({ due: today, progress: 95 }), today)).toBe('due_soon');
	});

	it('never flags an item without a valid due date as overdue or due soon; milestones have no start', () => {
		expect(attentionState(item({ due: '' }), today)).toBe('on_track');
		expect(attentionState(item({ due: 'not-a-date' }), today)).toBe('on_track');
		expect(attentionState({ due: '2026-05-12', status: 'todo', progress: 0 }, today)).toBe('due_soon');
		expect(needsAttention('due_soon')).toBe(true);
		expect(needsAttention('on_track')).toBe(false);
	});
});
