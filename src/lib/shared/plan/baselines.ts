/**
 * Baselines: the planned dates of every task at one moment, saved under a name (启动时基线) in the
 * plan document so the Gantt can draw ghost bars and the slip in days. One record per baseline;
 * its `tasks` field is compact JSON `{"<taskId>":["<start>","<due>"],…}` (a plain string, so a
 * baseline is written once and never merged), validated on every read. Rule ids [L1]… are in
 * tests/SPEC.md.
 */
import { daysBetween, isIsoDate } from './dates';
import type { IsoDate, Task } from './types';
import { isRecordId } from '../sync/schema';

/** A baseline as stored: `tasks` is the JSON of {@link encodeBaselineDates}. */
export interface BaselineRecord {
	id: string;
	name: string;
	/** When it was saved, an ISO 8601 instant. */
	savedAt: string;
	tasks: string;
}

export type BaselineDates = Map<string, { start: IsoDate; due: IsoDate }>;

/** [CR4] The id of an approval's baseline record in the plan document. */
export const approvalBaselineId = (version: number): string => `approved-v${version}`;

const APPROVED_ID = /^approved-v(\d+)$/;

/** [AP3] [AP6] The version an approval baseline's id names (`approved-v<N>`), else `null` (a baseline saved by hand). */
export function approvalVersion(id: string): number | null {
	const match = APPROVED_ID.exec(id);
	return match ? Number(match[1]) : null;
}

/**
 * [AP6] The name stored with an approval's baseline record: data for readers older than [AP6],
 * in the district's language as every stored name is. It is never shown: pages name an approval
 * baseline from its id, in the reader's language (`baselineName`).
 */
export const storedApprovalName = (version: number): string => `审批基线 v${version}`;

/** [L1] The compact JSON of every task's planned dates (tasks with invalid dates are left out). */
export function encodeBaselineDates(tasks: readonly Pick<Task, 'id' | 'start' | 'due'>[]): string {
	const out: Record<string, [IsoDate, IsoDate]> = {};
	for (const t of tasks) if (isIsoDate(t.start) && isIsoDate(t.due)) out[t.id] = [t.start, t.due];
	return JSON.stringify(out);
}

/**
 * [L2] Reads a stored `tasks` string: entries whose id is not a record id or whose dates are not
 * two real days (due not before start) are dropped and counted; malformed JSON reads as empty.
 * Never throws.
 */
export function parseBaselineDates(json: unknown): { dates: BaselineDates; invalid: number } {
	const dates: BaselineDates = new Map();
	if (typeof json !== 'string') return { dates, invalid: 1 };
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch {
		return { dates, invalid: 1 };
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { dates, invalid: 1 };
	let invalid = 0;
	for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
		if (isRecordId(id) && Array.isArray(v) && v.length === 2 && isIsoDate(v[0]) && isIsoDate(v[1]) && v[0] <= v[1]) {
			dates.set(id, { start: v[0], due: v[1] });
		} else invalid++;
	}
	return { dates, invalid };
}

/** [L3] Slip in days: how much later (positive) or earlier the task is now due than in the baseline; `null` when the task was not in it. */
export function slipDays(task: Pick<Task, 'id' | 'due'>, baseline: BaselineDates): number | null {
	const b = baseline.get(task.id);
	if (!b || !isIsoDate(task.due)) return null;
	return daysBetween(b.due, task.due);
}
