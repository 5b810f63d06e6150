/**
 * Validation of inline cell edits and the order key of a new task. Each check returns an error key
 * (a message the page translates) instead of throwing, so the UI shows one message per bad edit.
 */
import type { IsoDate } from '../shared/plan/types';
import { isIsoDate } from '../shared/plan/dates';
import { generateKeyBetween } from '../shared/plan/order';

export type EditError = 'invalid_date' | 'due_before_start' | 'progress_range' | 'title_required';

export type EditResult<T> = { ok: true; value: T } | { ok: false; error: EditError };

/** A real calendar day as `YYYY-MM-DD` (rejects 2026-02-30 and friends). */
export function isRealDate(s: string): boolean {
	return isIsoDate(s);
}

/** A new start or due date, checked against the other end of the task (due ≥ start). */
export function checkDates(
	field: 'start' | 'due',
	value: string,
	other: { start: IsoDate; due: IsoDate }
): EditResult<IsoDate> {
	if (!isRealDate(value)) return { ok: false, error: 'invalid_date' };
	const start = field === 'start' ? value : other.start;
	const due = field === 'due' ? value : other.due;
	if (isRealDate(start) && isRealDate(due) && due < start) return { ok: false, error: 'due_before_start' };
	return { ok: true, value };
}

export function checkProgress(raw: string): EditResult<number> {
	const s = raw.trim();
	if (!/^\d{1,3}$/.test(s)) return { ok: false, error: 'progress_range' };
	const n = Number(s);
	return n <= 100 ? { ok: true, value: n } : { ok: false, error: 'progress_range' };
}

export function checkTitle(raw: string): EditResult<string> {
	const s = raw.trim();
	return s ? { ok: true, value: s } : { ok: false, error: 'title_required' };
}

/**
 * The order key of a task appended after `last`. Keys the demo or an import wrote outside the
 * fractional-index alphabet still get a key that sorts after them.
 */
export function keyAfter(last: string | null | undefined): string {
	try {
		return generateKeyBetween(last || null, null);
	} catch {
		return `${last}V`;
	}
}

const ID_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A short random task id, e.g. `t-k3x9q2`. */
export function newTaskId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	return 't-' + Array.from(bytes, (b) => ID_DIGITS[b % 36]).join('');
}
