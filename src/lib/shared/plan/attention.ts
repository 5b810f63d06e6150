/**
 * The one rule that says how a task stands today, so the task table, the Gantt, the attention
 * list and reports agree on which tasks stand out. Pure; rule ids ([A1]…) are in tests/SPEC.md.
 */
import { addDays } from './dates';
import { isBehind, isOverdue, type Tracked } from './schedule';
import type { IsoDate } from './types';

/** Days ahead within which an open task is "due soon" (contract v2 attention: within 7 days). */
export const DUE_SOON_DAYS = 7;

/**
 * `done`; `overdue` ([S2]); `blocked` (status); `behind` ([S3]); `due_soon` (due today or within
 * {@link DUE_SOON_DAYS} days); `on_track` otherwise.
 */
export type AttentionState = 'done' | 'overdue' | 'blocked' | 'behind' | 'due_soon' | 'on_track';

/** Most pressing first: the order lists and legends use. */
export const ATTENTION_STATES: readonly AttentionState[] = ['overdue', 'blocked', 'behind', 'due_soon', 'on_track', 'done'];

/**
 * [A1] A task's state on `today`. When several apply the most pressing wins: done, then overdue,
 * then blocked, then behind, then due soon, else on track. A task due today is due soon, not
 * overdue; a blocked task past its due day is overdue (the date is what is broken).
 */
export function taskAttention(task: Tracked, today: IsoDate): AttentionState {
	if (task.status === 'done') return 'done';
	if (isOverdue(task, today)) return 'overdue';
	if (task.status === 'blocked') return 'blocked';
	if (isBehind(task, today)) return 'behind';
	if (task.due <= addDays(today, DUE_SOON_DAYS)) return 'due_soon';
	return 'on_track';
}

/** [A2] Whether a state should stand out (table highlight, Gantt bar marking, attention list). */
export function needsAttention(state: AttentionState): boolean {
	return state === 'overdue' || state === 'blocked' || state === 'behind' || state === 'due_soon';
}
