/**
 * The approved plan's rule, enforced in the plan room's write path ([CR3], contract v3): after
 * approval, an update that sets an approved task's `due` later than its limit, or deletes an
 * approved task not made removable, is corrected by the server inside the same
 * store-before-broadcast step: the correction is applied right after the update and stored and
 * broadcast merged with it, so no other client ever sees the later due or the deletion, and the
 * writer receives the correction too. Earlier dues, progress and status stay free. The limits come
 * from the database (`readApprovedLimits`): at load, after each decision, and every few seconds
 * for a room another instance also holds.
 */
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import { readApprovedLimits } from '../../src/lib/server/services/approvals';
import { needsRequest, type ApprovedLimit } from '../../src/lib/shared/calendar/change-request';
import { isIsoDate } from '../../src/lib/shared/plan/dates';
import { TASK_FIELD, tasks as tasksCollection } from '../../src/lib/shared/sync/kinds/plan';
import { readDeletedMap } from './audit';

/** How often an open room reads its limits again (decisions made on another instance). */
export const LIMITS_REFRESH_MS = 10_000;

/** What a guarded write path calls around each update it applies. */
export interface UpdateGuard {
	/** Starts watching what the next update does. */
	begin(): void;
	/** Stops watching and applies any correction with `origin`; `true` when it corrected. */
	end(origin: unknown): boolean;
}

type Fields = Map<string, unknown>;

export class ApprovalGuard implements UpdateGuard {
	#limits: Map<string, ApprovedLimit> | null = null;
	#watching = false;
	/** Task id → its due before the update (first seen), for the tasks whose due changed. */
	readonly #dueBefore = new Map<string, unknown>();
	/** Approved tasks the update deleted, with their last fields. */
	readonly #deleted = new Map<string, Fields | null>();
	readonly #root: Y.Map<unknown>;
	readonly #observer: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void;
	#timer: ReturnType<typeof setInterval> | null = null;

	private constructor(
		private readonly doc: Y.Doc,
		private readonly load: () => Promise<Map<string, ApprovedLimit> | null>
	) {
		this.#root = tasksCollection.map(doc) as unknown as Y.Map<unknown>;
		this.#observer = (events) => {
			if (!this.#watching || !this.#limits) return;
			for (const e of events) {
				try {
					this.#collect(e);
				} catch {
					// Describing an event must never break Yjs's cleanup; the check in `end` reads the
					// document as it is, which is what matters.
				}
			}
		};
		this.#root.observeDeep(this.#observer);
	}

	/** A plan room's guard, its limits read from `db` before the room serves anyone. */
	static async forPlan(doc: Y.Doc, db: Db, planId: string): Promise<ApprovalGuard> {
		const guard = new ApprovalGuard(doc, () => readApprovedLimits(db, planId));
		await guard.reload();
		guard.#timer = setInterval(() => void guard.reload().catch(() => {}), LIMITS_REFRESH_MS);
		guard.#timer.unref?.();
		return guard;
	}

	/** For tests: a guard holding `limits` as given. */
	static withLimits(doc: Y.Doc, limits: Map<string, ApprovedLimit> | null): ApprovalGuard {
		const guard = new ApprovalGuard(doc, async () => limits);
		guard.#limits = limits;
		return guard;
	}

	async reload(): Promise<void> {
		this.#limits = await this.load();
	}

	begin(): void {
		this.#watching = true;
		this.#dueBefore.clear();
		this.#deleted.clear();
	}

	end(origin: unknown): boolean {
		this.#watching = false;
		const limits = this.#limits;
		if (!limits || (this.#dueBefore.size === 0 && this.#deleted.size === 0)) return false;
		const dues: [Y.Map<unknown>, string][] = [];
		for (const [id, before] of this.#dueBefore) {
			const task = this.#root.get(id);
			const limit = limits.get(id);
			if (!(task instanceof Y.Map) || !limit || !needsRequest(limit, task.get(TASK_FIELD.due))) continue;
			// Back to what it was when that was allowed, else to the approved due itself.
			dues.push([task, isIsoDate(before) && !needsRequest(limit, before) ? before : limit.due]);
		}
		const restores = [...this.#deleted].filter(([id]) => !this.#root.has(id) && limits.get(id)?.removable === false);
		this.#dueBefore.clear();
		this.#deleted.clear();
		if (dues.length === 0 && restores.length === 0) return false;
		this.doc.transact(() => {
			for (const [task, due] of dues) task.set(TASK_FIELD.due, due);
			for (const [id, fields] of restores) this.#root.set(id, this.#rebuilt(id, fields, limits.get(id)!));
		}, origin);
		return true;
	}

	destroy(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#root.unobserveDeep(this.#observer);
	}

	#collect(e: Y.YEvent<Y.AbstractType<unknown>>): void {
		const limits = this.#limits!;
		if (e.target === this.#root) {
			for (const [id, change] of e.changes.keys) {
				if (!limits.has(id)) continue;
				if (change.action === 'delete') {
					if (!this.#deleted.has(id)) this.#deleted.set(id, readDeletedMap(change.oldValue, false));
				} else if (!this.#dueBefore.has(id)) {
					// A task replaced whole (or re-added): its due is checked like an edit of it.
					this.#dueBefore.set(id, change.action === 'update' ? (readDeletedMap(change.oldValue, false)?.get(TASK_FIELD.due) ?? null) : null);
				}
			}
			return;
		}
		const id = e.path[0];
		if (e.path.length !== 1 || typeof id !== 'string' || !limits.has(id)) return;
		const change = e.changes.keys.get(TASK_FIELD.due);
		if (change && !this.#dueBefore.has(id)) this.#dueBefore.set(id, change.action === 'add' ? null : change.oldValue);
	}

	/** A deleted task as it was; what could not be read back keeps its approved due and a mark. */
	#rebuilt(id: string, fields: Fields | null, limit: ApprovedLimit): Y.Map<unknown> {
		// Decided on plain values: a Y.Map not yet in a document does not answer `get` or `has`.
		const values = new Map(fields ?? []);
		if (typeof values.get(TASK_FIELD.title) !== 'string') values.set(TASK_FIELD.title, id);
		if (needsRequest(limit, values.get(TASK_FIELD.due))) values.set(TASK_FIELD.due, limit.due);
		const m = new Y.Map<unknown>();
		for (const [k, v] of values) m.set(k, k === TASK_FIELD.deps ? Y.Array.from(Array.isArray(v) ? v : []) : v);
		return m;
	}
}
