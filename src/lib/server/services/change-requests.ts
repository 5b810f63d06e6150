/**
 * Change requests (延期申请) after approval ([CR1]–[CR4]): a writer asks to move an approved task's
 * due later, or to remove it, with a reason; an admin or a leader other than the requester
 * approves or refuses. An approved request first widens the limits the live room enforces, then
 * takes effect as one server write into the room, stored before it is broadcast, so everyone sees
 * it at once. Nothing here trusts the page: the room corrects any later due it was not asked for.
 */
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { users } from '../db/schema';
import { changeRequests } from '../db/plan-year-schema';
import { decide, needsRequest, type ChangeRequest } from '../../shared/calendar/change-request';
import { isIsoDate } from '../../shared/plan/dates';
import { tasksMap } from '../../shared/plan/doc';
import { textField } from '../http/json-request';
import { applyToRoom, reloadRoomRules } from '../runtime';
import { latestApproval, limitsOf } from './approvals';

export const MAX_REASON = 2000;

export type ChangeInput = { taskId: string; kind: 'due'; due: string; reason: string } | { taskId: string; kind: 'remove'; reason: string };

/** Reads a request body; the names of the bad fields otherwise. */
export function parseChangeRequest(body: Record<string, unknown>): { ok: true; value: ChangeInput } | { ok: false; fields: string[] } {
	const fields: string[] = [];
	const taskId = typeof body.taskId === 'string' && body.taskId.length > 0 && body.taskId.length <= 200 ? body.taskId : null;
	if (!taskId) fields.push('taskId');
	const remove = body.remove === true;
	if (body.remove !== undefined && typeof body.remove !== 'boolean') fields.push('remove');
	if (!remove && !isIsoDate(body.due)) fields.push('due');
	if (remove && body.due !== undefined) fields.push('due');
	const reason = textField(body, 'reason', MAX_REASON);
	if (!reason) fields.push('reason');
	if (fields.length || !taskId || !reason) return { ok: false, fields };
	return { ok: true, value: remove ? { taskId, kind: 'remove', reason } : { taskId, kind: 'due', due: body.due as string, reason } };
}

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

/** A plan's requests, newest first; `taskId` narrows to one task's. */
export async function listChangeRequests(db: Db, planId: string, taskId?: string): Promise<ChangeRequest[]> {
	const where = taskId ? and(eq(changeRequests.planId, planId), eq(changeRequests.taskId, taskId)) : eq(changeRequests.planId, planId);
	const rows = await db
		.select({ r: changeRequests, by: requester.displayName, decider: decider.displayName })
		.from(changeRequests)
		.innerJoin(requester, eq(requester.id, changeRequests.requestedBy))
		.leftJoin(decider, eq(decider.id, changeRequests.decidedBy))
		.where(where)
		.orderBy(desc(changeRequests.requestedAt));
	return rows.map(({ r, by, decider: d }) => ({
		id: r.id,
		taskId: r.taskId,
		kind: r.kind,
		due: r.due,
		fromDue: r.fromDue,
		reason: r.reason,
		status: r.status,
		requestedBy: r.requestedBy,
		requestedByName: by,
		requestedAt: new Date(r.requestedAt).toISOString(),
		decidedBy: r.decidedBy,
		decidedByName: d ?? null,
		decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt).toISOString(),
		note: r.note
	}));
}

export type CreateResult =
	| { ok: true; id: string; status: 'pending'; replayed: boolean }
	| { ok: false; status: 409; error: 'not_approved' | 'not_needed' | 'unknown_task' | 'pending_exists' };

/**
 * [CR4] Files a request: only after an approval, for a task of it whose change needs one (a due
 * later than its limit, or removing a task not yet removable). The same key again answers the
 * first request; a task with a pending request of the same kind gets no second one.
 */
export async function createChangeRequest(db: Db, a: { planId: string; userId: string; key: string | null; input: ChangeInput }): Promise<CreateResult> {
	const { planId, userId, key, input } = a;
	if (key) {
		const [seen] = await db
			.select({ id: changeRequests.id })
			.from(changeRequests)
			.where(and(eq(changeRequests.requestedBy, userId), eq(changeRequests.idempotencyKey, key)));
		if (seen) return { ok: true, id: seen.id, status: 'pending', replayed: true };
	}
	const approval = await latestApproval(db, planId);
	if (!approval) return { ok: false, status: 409, error: 'not_approved' };
	const limit = (await limitsOf(db, planId, approval)).get(input.taskId);
	if (!limit) return { ok: false, status: 409, error: 'unknown_task' };
	if (input.kind === 'due' ? !needsRequest(limit, input.due) : limit.removable) return { ok: false, status: 409, error: 'not_needed' };
	const pending = await db
		.select({ id: changeRequests.id })
		.from(changeRequests)
		.where(and(eq(changeRequests.planId, planId), eq(changeRequests.taskId, input.taskId), eq(changeRequests.kind, input.kind), eq(changeRequests.status, 'pending')));
	if (pending.length) return { ok: false, status: 409, error: 'pending_exists' };
	const fromDue = await applyToRoom({ kind: 'plan', planId }, userId, (doc) => {
		const task: unknown = tasksMap(doc).get(input.taskId);
		const due = task instanceof Y.Map ? task.get('due') : null;
		return isIsoDate(due) ? due : null;
	});
	const id = randomUUID();
	await db.insert(changeRequests).values({
		id,
		planId,
		approvalVersion: approval.version,
		taskId: input.taskId,
		kind: input.kind,
		due: input.kind === 'due' ? input.due : null,
		fromDue,
		reason: input.reason,
		requestedBy: userId,
		idempotencyKey: key
	});
	return { ok: true, id, status: 'pending', replayed: false };
}

export type DecideResult =
	| { ok: true; request: ChangeRequest }
	| { ok: false; status: 403 | 404 | 409; error: 'own_request' | 'not_found' | 'decided' };

/**
 * [CR1] Decides a pending request (not by its requester). An approval is stored first and the
 * room's limits reloaded, then the change is written into the live room as the decider.
 */
export async function decideChangeRequest(
	db: Db,
	a: { planId: string; id: string; userId: string; approve: boolean; note: string }
): Promise<DecideResult> {
	const [row] = await db.select().from(changeRequests).where(and(eq(changeRequests.planId, a.planId), eq(changeRequests.id, a.id)));
	if (!row) return { ok: false, status: 404, error: 'not_found' };
	if (row.requestedBy === a.userId) return { ok: false, status: 403, error: 'own_request' };
	const next = decide(row.status, a.approve);
	if (!next) return { ok: false, status: 409, error: 'decided' };
	const updated = await db
		.update(changeRequests)
		.set({ status: next, decidedBy: a.userId, decidedAt: Date.now(), note: a.note })
		.where(and(eq(changeRequests.id, a.id), eq(changeRequests.status, 'pending')))
		.returning({ id: changeRequests.id });
	// Two deciders at once: only the first update finds it pending.
	if (updated.length === 0) return { ok: false, status: 409, error: 'decided' };
	if (next === 'approved') {
		const room = { kind: 'plan', planId: a.planId } as const;
		await reloadRoomRules(room);
		await applyToRoom(room, a.userId, (doc) => {
			const tasks = tasksMap(doc);
			const task: unknown = tasks.get(row.taskId);
			if (row.kind === 'remove') tasks.delete(row.taskId);
			else if (row.due && task instanceof Y.Map) task.set('due', row.due);
		});
	}
	const [request] = (await listChangeRequests(db, a.planId, row.taskId)).filter((r) => r.id === a.id);
	return { ok: true, request };
}
