/**
 * What the UI does before it writes a date or a deletion into an approved plan ([AP1]–[AP3] in
 * tests/SPEC.md). The server snaps back any later due without an approved request ([CR3]), so the
 * page must ask first: a move that needs a request becomes a draft for the request dialog and is
 * never written. Pure functions: the Gantt page, the task table and their tests share them.
 */
import { needsRequest, type ApprovedLimit, type ChangeRequest } from '$lib/shared/calendar/change-request';
import type { IsoDate } from '$lib/shared/plan/types';
import { addDays, isIsoDate } from '$lib/shared/plan/dates';
import { approvalVersion } from '$lib/shared/plan/baselines';

/**
 * A change the user tried that needs a request: what the dialog shows and posts. `cleared` marks
 * a due the user cleared ([AP7]): a request asks for a day, so the dialog has the user pick the
 * later day, `to` being its first suggestion.
 */
export type RequestDraft =
	| { kind: 'due'; taskId: string; title: string; from: IsoDate | null; to: IsoDate; limit: IsoDate; cleared?: true }
	| { kind: 'remove'; taskId: string; title: string; from: IsoDate | null; limit: IsoDate };

export type LimitOf = (taskId: string) => ApprovedLimit | undefined;

/** What the gate reads of a task. */
type Titled = { id: string; title: string; due: IsoDate | null };

/**
 * [AP1] The draft a due change needs, or `null` when it may be written as it is: no new due, a
 * task without an approved limit (not approved, or added after approval), or a due not later
 * than the limit. Only a real day is a request: a text that is no date (or a blank one, see
 * {@link clearDraft}) goes on to the rules, which refuse it with their own message. The rest of the patch is dropped with the due: a drag moves start and due
 * together, and half a drag written would look like a different plan.
 */
export function dueDraft(
	limitOf: LimitOf,
	task: Titled,
	patch: { due?: unknown }
): RequestDraft | null {
	if (patch.due === undefined || patch.due === task.due) return null;
	const limit = limitOf(task.id);
	if (!limit || !isIsoDate(patch.due) || !needsRequest(limit, patch.due)) return null;
	return { kind: 'due', taskId: task.id, title: task.title, from: task.due, to: patch.due, limit: limit.due };
}

/**
 * [AP7] The draft clearing an approved task's due needs, or `null` for a task without a limit
 * (whose blank due the rules refuse, as for any task: every task has a due). A request asks for
 * a day ([CR4]) and the server puts a cleared approved due back ([CR3]), so clearing is never
 * written: the dialog says why and offers to ask for a later day, the day after the limit first.
 */
export function clearDraft(limitOf: LimitOf, task: Titled): RequestDraft | null {
	const limit = limitOf(task.id);
	if (!limit) return null;
	return { kind: 'due', taskId: task.id, title: task.title, from: task.due, to: addDays(limit.due, 1), limit: limit.due, cleared: true };
}

/** [AP7] Whether a cell's text clears a due (the editor emptied, or Delete). */
export const clearsDue = (raw: unknown): boolean => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

/**
 * [AP7] A Delete over a block through the gate, as a paste goes ([AP5]): each approved task's due
 * cell is held as a draft and every other cell is cleared.
 */
export function gateClears<C extends { id: string; field: string }>(
	limitOf: LimitOf,
	tasks: readonly Titled[],
	cells: readonly C[]
): { cells: C[]; drafts: RequestDraft[] } {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const out: C[] = [];
	const drafts: RequestDraft[] = [];
	for (const c of cells) {
		const task = c.field === 'due' ? byId.get(c.id) : undefined;
		const draft = task ? clearDraft(limitOf, task) : null;
		if (draft) drafts.push(draft);
		else out.push(c);
	}
	return { cells: out, drafts };
}

/**
 * [AP7] A cleared due's draft with the day the user picked, or `null` while that is no day or
 * not later than the limit (the server would refuse it: a request asks for more time). Any other
 * draft is returned as it is.
 */
export function withPickedDue(draft: RequestDraft, day: string | undefined): RequestDraft | null {
	if (draft.kind !== 'due' || !draft.cleared || day === undefined) return draft;
	return isIsoDate(day) && day > draft.limit ? { ...draft, to: day } : null;
}

/** [AP1] The draft a deletion needs: an approved task not yet made removable by an approved request. */
export function removeDraft(limitOf: LimitOf, task: Titled): RequestDraft | null {
	const limit = limitOf(task.id);
	if (!limit || limit.removable) return null;
	return { kind: 'remove', taskId: task.id, title: task.title, from: task.due, limit: limit.due };
}

/**
 * [AP5] A paste's patches through the gate: each due cell that needs a request is held back as a
 * draft and the rest of its row is written (unlike a drag, each pasted cell is a value of its
 * own). Only a real day is held: a text that is no date goes on to the rules, which refuse it
 * with their own message.
 */
export function gatePatches<P extends { due?: unknown }>(
	limitOf: LimitOf,
	tasks: readonly Titled[],
	edits: readonly { id: string; patch: P }[]
): { edits: { id: string; patch: P }[]; drafts: RequestDraft[] } {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const out: { id: string; patch: P }[] = [];
	const drafts: RequestDraft[] = [];
	for (const e of edits) {
		const task = byId.get(e.id);
		const draft = task && isIsoDate(e.patch.due) ? dueDraft(limitOf, task, e.patch) : null;
		if (!draft) {
			out.push(e);
			continue;
		}
		drafts.push(draft);
		const rest = { ...e.patch };
		delete rest.due;
		if (Object.keys(rest).length) out.push({ id: e.id, patch: rest });
	}
	return { edits: out, drafts };
}

/** [AP5] A deletion of several tasks through the gate: the ids deleted now, and a draft for each held one. */
export function gateRemovals(limitOf: LimitOf, tasks: readonly Titled[], ids: readonly string[]): { ids: string[]; drafts: RequestDraft[] } {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const free: string[] = [];
	const drafts: RequestDraft[] = [];
	for (const id of ids) {
		const task = byId.get(id);
		const draft = task ? removeDraft(limitOf, task) : null;
		if (draft) drafts.push(draft);
		else free.push(id);
	}
	return { ids: free, drafts };
}

/** A draft's name among others (a task has at most one of each kind in a batch). */
export const draftKey = (d: Pick<RequestDraft, 'kind' | 'taskId'>): string => `${d.kind}:${d.taskId}`;

/** [AP2] The JSON body of the request a draft becomes, or `null` while the reason is blank. */
export function requestBody(draft: RequestDraft, reason: string): Record<string, unknown> | null {
	const text = reason.trim();
	if (!text) return null;
	return draft.kind === 'due'
		? { taskId: draft.taskId, due: draft.to, reason: text }
		: { taskId: draft.taskId, remove: true, reason: text };
}

/** [AP2] Each task's pending request (the newest when several are out), for the bar's mark. */
export function pendingByTask(requests: readonly ChangeRequest[]): Map<string, ChangeRequest> {
	const out = new Map<string, ChangeRequest>();
	for (const r of requests) {
		if (r.status !== 'pending') continue;
		const seen = out.get(r.taskId);
		if (!seen || r.requestedAt > seen.requestedAt) out.set(r.taskId, r);
	}
	return out;
}

export { approvalVersion };

/** [AP3] The id of the latest approval's baseline (`approved-v<version>`) among saved ones, or `''`. */
export function latestApprovedBaseline(baselines: readonly { id: string }[]): string {
	let best = '';
	let version = -1;
	for (const b of baselines) {
		const v = approvalVersion(b.id) ?? -1;
		if (v > version) [best, version] = [b.id, v];
	}
	return best;
}

/** [AP4] Whether a user may decide a request: a pending one, by an admin or leader who did not ask. */
export function mayDecide(r: Pick<ChangeRequest, 'status' | 'requestedBy'>, user: { id: string; steering: boolean }): boolean {
	return r.status === 'pending' && user.steering && r.requestedBy !== user.id;
}

/** [AP3] The approval baselines among saved ones, latest version first: the approval history. */
export function approvalBaselines<B extends { id: string }>(baselines: readonly B[]): B[] {
	const version = (b: B) => approvalVersion(b.id) ?? NaN;
	return baselines.filter((b) => Number.isFinite(version(b))).sort((a, b) => version(b) - version(a));
}
