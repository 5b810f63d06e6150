/**
 * Change requests (延期申请) after a plan's approval ([CR1]–[CR4] in tests/SPEC.md): the states and
 * the rule the server enforces in the live room: which later due date of an approved task is
 * allowed (its approved due, moved by approved requests), and which removal.
 */
import type { IsoDate } from '../plan/types';

export const CHANGE_KINDS = ['due', 'remove'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export interface ChangeRequest {
	id: string;
	taskId: string;
	kind: ChangeKind;
	/** The requested due (kind `due`), else null. */
	due: IsoDate | null;
	/** The task's due when requested. */
	fromDue: IsoDate | null;
	reason: string;
	status: ChangeStatus;
	requestedBy: string;
	requestedByName: string;
	requestedAt: string;
	decidedBy: string | null;
	decidedByName: string | null;
	decidedAt: string | null;
	note: string;
}

/** [CR1] Only a pending request is decided; a decided one stays as it was decided. */
export function decide(status: ChangeStatus, approve: boolean): ChangeStatus | null {
	if (status !== 'pending') return null;
	return approve ? 'approved' : 'refused';
}

/** What the server holds an approved task to: the latest due it may have, and whether it may go. */
export interface ApprovedLimit {
	due: IsoDate;
	removable: boolean;
}

/**
 * [CR2] The limits of an approved plan: each baseline task's approved due, moved to the due of
 * each approved `due` request (in decision order) and made removable by an approved removal.
 * Requests after the baseline for tasks not in it change nothing: a task added after approval is
 * free until the next approval.
 */
export function approvedLimits(
	baseline: ReadonlyMap<string, { start: IsoDate; due: IsoDate }>,
	approved: readonly Pick<ChangeRequest, 'taskId' | 'kind' | 'due'>[]
): Map<string, ApprovedLimit> {
	const out = new Map<string, ApprovedLimit>();
	for (const [id, d] of baseline) out.set(id, { due: d.due, removable: false });
	for (const r of approved) {
		const limit = out.get(r.taskId);
		if (!limit) continue;
		if (r.kind === 'remove') limit.removable = true;
		else if (r.due) limit.due = r.due;
	}
	return out;
}

/**
 * [CR3] Whether a task's new `due` needs a request: it is later than the approved due, or it is no
 * longer a day at all (a cleared or malformed due would hide the delay). Earlier dues are free.
 */
export function needsRequest(limit: ApprovedLimit | undefined, due: unknown): boolean {
	if (!limit) return false;
	return typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due) || due > limit.due;
}
