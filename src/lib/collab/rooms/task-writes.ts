/**
 * The plan room's writes that are pure logic: order keys that survive keys written outside the
 * fractional-index alphabet, and the batch check that drops a bad cell and keeps its row ([T14]).
 */
import { generateKeyBetween, generateNKeysBetween } from '../../shared/plan/order';
import { checkTaskEdit, type EditError, type TaskPatch } from '../../shared/plan/rules';
import type { Task } from '../../shared/plan/types';

/**
 * A key between two neighbours; keys the demo or an import wrote outside the fractional-index
 * alphabet still get one that sorts between (or after) them.
 */
export function safeKeyBetween(a: string | null, b: string | null): string {
	try {
		return generateKeyBetween(a || null, b || null);
	} catch {
		try {
			return generateKeyBetween(a || null, null);
		} catch {
			return `${a ?? ''}V`;
		}
	}
}

/** Keys for `n` rows appended after `last` (see `safeKeyBetween` for keys outside the alphabet). */
export function safeKeysAfter(last: string | null, n: number): string[] {
	try {
		return generateNKeysBetween(last || null, null, n);
	} catch {
		const keys: string[] = [];
		let prev = last;
		for (let i = 0; i < n; i++) keys.push((prev = safeKeyBetween(prev, null)));
		return keys;
	}
}

/**
 * The part of `patch` the edit rules accept for `task`: a field that breaks a rule is reported and
 * left out, and the rest checked again, so one bad cell never stops its row.
 */
export function checkDroppingBad(
	task: Task,
	patch: TaskPatch,
	ctx: Parameters<typeof checkTaskEdit>[2],
	report: (field: string, error: EditError) => void
): TaskPatch {
	let rest: TaskPatch = { ...patch };
	for (let tries = Object.keys(rest).length; tries >= 0; tries--) {
		if (!Object.keys(rest).length) return {};
		const check = checkTaskEdit(task, rest, ctx);
		if (check.ok) {
			// [E4] done brings 100% in the same step; 100% alone only offers done (as in a cell).
			return check.offer?.progress === 100 ? { ...check.patch, ...check.offer } : check.patch;
		}
		report(check.field, check.error);
		const { [check.field as keyof TaskPatch]: _dropped, ...others } = rest;
		rest = others;
	}
	return {};
}

export interface TaskBatchError {
	/** Index of the row in the batch (edits first, then new rows). */
	row: number;
	/** The task, or `null` for a new row. */
	id: string | null;
	field: string;
	error: EditError;
}

export interface TaskBatchResult {
	errors: TaskBatchError[];
	/** Ids of the tasks the new rows created, in order. */
	created: string[];
	/** Existing tasks that changed. */
	written: number;
}
