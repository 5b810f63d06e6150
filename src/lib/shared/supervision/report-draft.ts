/**
 * [RC5] A report pre-filled from the live plan: the reporter's work that moved or is due in the
 * cycle goes into "progress", what is behind, overdue or blocked into "problems", what is due in
 * the next cycle into "next steps". The reporter edits it before sending; nothing is sent for them.
 * [WD14] Behind and overdue are judged in the plan's days; the next cycle stays a calendar period,
 * like the cycles themselves.
 */
import { attentionState } from '../plan/attention';
import { addDays, daysBetween } from '../plan/dates';
import type { TaskStatus } from '../plan/types';
import { CALENDAR_DAYS, type DayCounter } from '../calendar/day-counter';
import type { Cycle } from './types';

export interface DraftItem {
	title: string;
	start?: string;
	due: string;
	status: TaskStatus;
	progress: number;
}

export interface DraftWords {
	progress: (title: string, percent: number) => string;
	done: (title: string) => string;
	problem: (title: string, state: 'overdue' | 'behind' | 'blocked') => string;
	next: (title: string, due: string) => string;
}

export interface Draft {
	progress: string;
	problems: string;
	nextSteps: string;
}

const running = (i: DraftItem, c: Cycle) => (!i.start || i.start <= c.end) && i.due >= c.start;

export function draftReport(items: readonly DraftItem[], cycle: Cycle, words: DraftWords, days: DayCounter = CALENDAR_DAYS): Draft {
	const progress: string[] = [];
	const problems: string[] = [];
	const next: string[] = [];
	// the next cycle, taken as long as this one
	const nextEnd = addDays(cycle.end, daysBetween(cycle.start, cycle.end) + 1);
	for (const i of items) {
		const state = attentionState(i, cycle.end, days);
		if (state === 'overdue' || state === 'behind' || state === 'blocked') problems.push(words.problem(i.title, state));
		if (i.status === 'done' && i.due >= cycle.start && i.due <= cycle.end) progress.push(words.done(i.title));
		else if (i.status !== 'done' && running(i, cycle) && i.progress > 0) progress.push(words.progress(i.title, i.progress));
		if (i.status !== 'done' && i.due > cycle.end && i.due <= nextEnd) next.push(words.next(i.title, i.due));
	}
	const lines = (xs: string[]) => xs.map((x, n) => `${n + 1}. ${x}`).join('\n');
	return { progress: lines(progress), problems: lines(problems), nextSteps: lines(next) };
}
