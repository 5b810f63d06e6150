import { describe, expect, it } from 'vitest';
import { isReplyLate, levelFor, noticeLevel, noticeStatus } from './notice-state';

const facts = { replied: false, closed: false, target: 'behind' as const, issuedLevel: 'yellow' as const };

describe('supervision notice states', () => {
	it('[SN1] only a behind (yellow) or overdue (red) target takes a notice', () => {
		expect(levelFor('behind')).toBe('yellow');
		expect(levelFor('overdue')).toBe('red');
		for (const s of ['on_track', 'due_soon', 'done', 'blocked'] as const) expect(levelFor(s)).toBeNull();
	});

	it('[SN2] open until replied, answered while still behind, closed once back on track or done', () => {
		expect(noticeStatus(facts)).toBe('open');
		expect(noticeStatus({ ...facts, target: 'on_track' })).toBe('open');
		expect(noticeStatus({ ...facts, replied: true })).toBe('answered');
		expect(noticeStatus({ ...facts, replied: true, target: 'blocked' })).toBe('answered');
		expect(noticeStatus({ ...facts, replied: true, target: 'on_track' })).toBe('closed');
		expect(noticeStatus({ ...facts, replied: true, target: 'due_soon' })).toBe('closed');
		expect(noticeStatus({ ...facts, replied: true, target: 'done' })).toBe('closed');
		expect(noticeStatus({ ...facts, replied: true, target: null })).toBe('answered');
		// once closed it stays closed, even if the target slips again
		expect(noticeStatus({ ...facts, replied: true, closed: true, target: 'overdue' })).toBe('closed');
	});

	it('[SN2] a live notice turns red when its target slips past due; a closed one keeps its level', () => {
		expect(noticeLevel({ ...facts, target: 'overdue' })).toBe('red');
		expect(noticeLevel({ ...facts, replied: true, target: 'overdue' })).toBe('red');
		expect(noticeLevel({ ...facts, target: 'blocked' })).toBe('yellow');
		expect(noticeLevel({ ...facts, replied: true, closed: true, target: 'overdue' })).toBe('yellow');
	});

	it('[SN3] a notice is late when still open after its reply-by day', () => {
		expect(isReplyLate('open', '2026-12-06', '2026-12-07')).toBe(true);
		expect(isReplyLate('open', '2026-12-07', '2026-12-07')).toBe(false);
		expect(isReplyLate('answered', '2026-12-01', '2026-12-07')).toBe(false);
	});
});
