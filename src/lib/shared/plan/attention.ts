/**
 * [A1] The attention (督办) state of a task or milestone on `today`: one rule shared by the task
 * table, the Gantt, the pilot schools' matrix, the attention list and reports, so every surface
 * flags the same items. In order of precedence:
 * - `done`: status done;
 * - `overdue`: past its due day and not done ([S2]);
 * - `blocked`: status blocked;
 * - `behind`: progress at least 20 points below the expected progress by time ([S3], 序时进度;
 *   only for items with a start date);
 * - `due_soon`: due within the next 7 days (today included; [WD9] working days when the plan counts them);
 * - `on_track`: everything else.
 * An item without a valid due date is never overdue or due soon.
 */
import { BEHIND_THRESHOLD, isBehind, isOverdue } from './schedule';
import { CALENDAR_DAYS, type DayCounter } from '../calendar/day-counter';
import type { IsoDate, TaskStatus } from './types';

export const ATTENTION_STATES = ['overdue', 'blocked', 'behind', 'due_soon', 'on_track', 'done'] as const;
export type AttentionState = (typeof ATTENTION_STATES)[number];

/** Days ahead in which a due date counts as soon. */
export const DUE_SOON_DAYS = 7;

export interface Attended {
	start?: IsoDate;
	due: IsoDate;
	status: TaskStatus;
	progress: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function attentionState(item: Attended, today: IsoDate, days: DayCounter = CALENDAR_DAYS): AttentionState {
	if (item.status === 'done') return 'done';
	const hasDue = DAY.test(item.due);
	if (hasDue && isOverdue(item, today)) return 'overdue';
	if (item.status === 'blocked') return 'blocked';
	if (item.start && DAY.test(item.start) && hasDue && isBehind({ ...item, start: item.start }, today, BEHIND_THRESHOLD, days)) return 'behind';
	if (hasDue && item.due >= today && item.due <= days.within(today, DUE_SOON_DAYS - 1)) return 'due_soon';
	return 'on_track';
}

/** Whether the state asks someone to act (everything but on track and done). */
export function needsAttention(state: AttentionState): boolean {
	return state !== 'on_track' && state !== 'done';
}
