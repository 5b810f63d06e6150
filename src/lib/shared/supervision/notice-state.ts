/**
 * [SN1]–[SN3] A supervision notice's (督办单) level and status, from its reply and the live state of
 * its target by the shared attention rule [A1]:
 * - it may be issued only on a target that is `behind` (yellow) or `overdue` (red);
 * - `open` until replied; `answered` once replied while the target is still behind, overdue or
 *   blocked (or cannot be read); `closed` once replied and the target is seen back on track (on
 *   track, due soon) or done.
 *   A closed notice stays closed (its `closedAt` is recorded the first time it is seen closed).
 * - while open or answered its level follows the target: a behind target that slips past its due
 *   day turns the notice red.
 * - it is late when still open after its reply-by day.
 * [WD14] The reply-by window is counted in the plan's days: the day suggested on issuing and the
 * days left (or past) it, in working days when the plan counts them.
 */
import type { AttentionState } from '../plan/attention';
import type { DayCounter } from '../calendar/day-counter';
import type { IsoDate } from '../plan/types';
import type { NoticeLevel, NoticeStatus } from './types';

/** [SN1] The level a target's state earns, or null when no notice may be issued on it. */
export function levelFor(state: AttentionState): NoticeLevel | null {
	if (state === 'overdue') return 'red';
	if (state === 'behind') return 'yellow';
	return null;
}

const BACK_ON_TRACK: readonly AttentionState[] = ['on_track', 'due_soon', 'done'];

export interface NoticeFacts {
	replied: boolean;
	closed: boolean;
	/** The target's state now; null when the target no longer exists. */
	target: AttentionState | null;
	issuedLevel: NoticeLevel;
}

/**
 * [SN2] The status now. A target that cannot be read (deleted, or not yet in a projection that
 * trails its room) never closes a notice: closing needs the target seen back on track.
 */
export function noticeStatus(f: NoticeFacts): NoticeStatus {
	if (f.closed) return 'closed';
	if (!f.replied) return 'open';
	return f.target !== null && BACK_ON_TRACK.includes(f.target) ? 'closed' : 'answered';
}

/** [SN2] The level shown: the target's while the notice is live, the issued one once closed. */
export function noticeLevel(f: NoticeFacts): NoticeLevel {
	if (noticeStatus(f) === 'closed' || f.target === null) return f.issuedLevel;
	return levelFor(f.target) ?? f.issuedLevel;
}

/** [SN3] Still unanswered after its reply-by day. */
export const isReplyLate = (status: NoticeStatus, replyBy: IsoDate, today: IsoDate): boolean =>
	status === 'open' && today > replyBy;

/** [WD14] Days an issued notice suggests for the reply: the reply-by day is this many counted days after today. */
export const REPLY_WINDOW = 3;

/** [WD14] The reply-by day a new notice suggests: `REPLY_WINDOW` counted days after today (3 calendar days, or 3 working days). */
export const suggestedReplyBy = (today: IsoDate, days: DayCounter): IsoDate => days.after(today, REPLY_WINDOW);

/**
 * [WD14] Where today stands in a live notice's reply window, in counted days: `left` days still
 * to come before the reply-by day, `last` when none is (today or the days off before it are the
 * last ones), `late` by the counted days past it; null for a closed or answered notice, or one
 * late by days that are not counted (a weekend after a Friday's reply-by day).
 */
export type ReplyWindow = { kind: 'left'; days: number } | { kind: 'last' } | { kind: 'late'; days: number };

export function replyWindow(status: NoticeStatus, replyBy: IsoDate, today: IsoDate, days: DayCounter): ReplyWindow | null {
	if (status !== 'open') return null;
	if (today <= replyBy) {
		const left = days.between(today, replyBy);
		return left > 0 ? { kind: 'left', days: left } : { kind: 'last' };
	}
	const late = days.between(replyBy, today);
	return late > 0 ? { kind: 'late', days: late } : null;
}
