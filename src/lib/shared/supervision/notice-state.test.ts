import { describe, expect, it } from 'vitest';
import { CALENDAR_DAYS, dayCounter } from '../calendar/day-counter';
import { PUBLISHED_HOLIDAYS } from '../calendar/holidays-cn';
import { isReplyLate, levelFor, noticeLevel, noticeStatus, replyWindow, suggestedReplyBy } from './notice-state';

const working = dayCounter('working', PUBLISHED_HOLIDAYS[2026].days);

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

	it('[WD14] the suggested reply-by day is 3 counted days on: 3 calendar days, or 3 working days over a break', () => {
		expect(suggestedReplyBy('2026-09-29', CALENDAR_DAYS)).toBe('2026-10-02');
		// Tue 29 Sep: Wed 30 Sep, then 国庆 1–7 Oct are off; Thu 8 and Fri 9 Oct follow.
		expect(suggestedReplyBy('2026-09-29', working)).toBe('2026-10-09');
	});

	it('[WD14] an open notice counts the working days left before its reply-by day, or past it', () => {
		expect(replyWindow('open', '2026-10-09', '2026-09-29', working)).toEqual({ kind: 'left', days: 3 });
		expect(replyWindow('open', '2026-10-09', '2026-10-09', working)).toEqual({ kind: 'last' });
		// Fri 25 Sep (中秋) is off: from Thu 24 Sep, nothing is left to count before Sun 27 Sep.
		expect(replyWindow('open', '2026-09-27', '2026-09-24', working)).toEqual({ kind: 'last' });
		expect(replyWindow('open', '2026-09-30', '2026-10-09', working)).toEqual({ kind: 'late', days: 2 });
		expect(replyWindow('open', '2026-09-30', '2026-10-05', working)).toBeNull();
		expect(replyWindow('answered', '2026-09-30', '2026-10-09', working)).toBeNull();
		expect(replyWindow('open', '2026-09-30', '2026-10-09', CALENDAR_DAYS)).toEqual({ kind: 'late', days: 9 });
	});
});
