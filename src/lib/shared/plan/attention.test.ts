import { describe, expect, it } from 'vitest';
import { needsAttention, taskAttention } from './attention';

const t = (over: Partial<{ start: string; due: string; status: 'todo' | 'doing' | 'done' | 'blocked'; progress: number }> = {}) => ({
	start: '2026-03-01',
	due: '2026-03-31',
	status: 'doing' as const,
	progress: 50,
	...over
});

describe('taskAttention', () => {
	it('[A1] done wins over everything, even past its due day', () => {
		expect(taskAttention(t({ status: 'done', progress: 10 }), '2026-05-01')).toBe('done');
	});
	it('[A1] overdue after the due day, blocked tasks included; due today is due soon, not overdue', () => {
		expect(taskAttention(t({ status: 'blocked' }), '2026-04-01')).toBe('overdue');
		expect(taskAttention(t({ progress: 100 }), '2026-03-31')).toBe('due_soon');
	});
	it('[A1] blocked before behind; behind ([S3]) before due soon', () => {
		expect(taskAttention(t({ status: 'blocked', progress: 0 }), '2026-03-01')).toBe('blocked');
		// Mar 29: expected 93.3%, 50% is behind; also due within 7 days.
		expect(taskAttention(t(), '2026-03-29')).toBe('behind');
	});
	it('[A1] due within 7 days when on pace; on track otherwise', () => {
		expect(taskAttention(t({ progress: 90 }), '2026-03-24')).toBe('due_soon');
		expect(taskAttention(t({ progress: 90 }), '2026-03-23')).toBe('on_track');
		expect(taskAttention(t({ progress: 0 }), '2026-02-01')).toBe('on_track');
	});
	it('[A2] overdue, blocked, behind and due soon need attention', () => {
		expect(['overdue', 'blocked', 'behind', 'due_soon', 'on_track', 'done'].map((s) => needsAttention(s as never))).toEqual([true, true, true, true, false, false]);
	});
});
