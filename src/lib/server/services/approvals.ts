/**
 * Plan approval (审批): a leader approves the plan as it stands; every task's start and due become
 * the approved baseline, stored here (the authority the live room enforces) and written into the
 * plan document as a baseline record (`approved-v<N>`) so the Gantt and the table draw it like any
 * other. The limits the room holds each approved task to are the baseline moved by the approved
 * change requests ([CR2]).
 */
import { and, asc, desc, eq, max } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { users } from '../db/schema';
import { changeRequests, planApprovals } from '../db/plan-year-schema';
import { approvalBaselineId, encodeBaselineDates, parseBaselineDates, storedApprovalName } from '../../shared/plan/baselines';
import { baselinesCollection, readTasks } from '../../shared/plan/doc';
import { approvedLimits, type ApprovedLimit } from '../../shared/calendar/change-request';
import { applyToRoom, reloadRoomRules } from '../runtime';

export interface Approval {
	version: number;
	approvedAt: string;
	approvedBy: string;
	approvedByName: string;
}

/** The latest approval of a plan, or null before any. */
export async function latestApproval(db: Db, planId: string): Promise<(Approval & { baseline: string }) | null> {
	const [row] = await db
		.select({ version: planApprovals.version, at: planApprovals.approvedAt, by: planApprovals.approvedBy, name: users.displayName, baseline: planApprovals.baseline })
		.from(planApprovals)
		.innerJoin(users, eq(users.id, planApprovals.approvedBy))
		.where(eq(planApprovals.planId, planId))
		.orderBy(desc(planApprovals.version))
		.limit(1);
	if (!row) return null;
	return { version: row.version, approvedAt: new Date(row.at).toISOString(), approvedBy: row.by, approvedByName: row.name, baseline: row.baseline };
}

/** Every approval, newest first (the plan-year history). */
export async function listApprovals(db: Db, planId: string): Promise<Approval[]> {
	const rows = await db
		.select({ version: planApprovals.version, at: planApprovals.approvedAt, by: planApprovals.approvedBy, name: users.displayName })
		.from(planApprovals)
		.innerJoin(users, eq(users.id, planApprovals.approvedBy))
		.where(eq(planApprovals.planId, planId))
		.orderBy(desc(planApprovals.version));
	return rows.map((r) => ({ version: r.version, approvedAt: new Date(r.at).toISOString(), approvedBy: r.by, approvedByName: r.name }));
}

/**
 * [CR2] What the live room holds each task of the latest approval to, or null before any
 * approval: its approved due, moved by the approved requests asked against that approval.
 */
export async function readApprovedLimits(db: Db, planId: string): Promise<Map<string, ApprovedLimit> | null> {
	const approval = await latestApproval(db, planId);
	return approval ? limitsOf(db, planId, approval) : null;
}

/** [CR2] The limits of `approval` (already read), moved by its approved requests. */
export async function limitsOf(db: Db, planId: string, approval: { version: number; baseline: string }): Promise<Map<string, ApprovedLimit>> {
	const approved = await db
		.select({ taskId: changeRequests.taskId, kind: changeRequests.kind, due: changeRequests.due })
		.from(changeRequests)
		.where(and(eq(changeRequests.planId, planId), eq(changeRequests.approvalVersion, approval.version), eq(changeRequests.status, 'approved')))
		.orderBy(asc(changeRequests.decidedAt));
	return approvedLimits(parseBaselineDates(approval.baseline).dates, approved);
}

/**
 * Approves the plan as it stands in the live room: the next version, its baseline stored, then
 * the baseline record written into the document (one server write, stored before broadcast).
 */
export async function approvePlan(db: Db, planId: string, userId: string): Promise<Approval> {
	const baseline = await applyToRoom({ kind: 'plan', planId }, userId, (doc) => encodeBaselineDates(readTasks(doc)));
	// The version number only: the prior baseline is not needed to approve again.
	const [prior] = await db.select({ version: max(planApprovals.version) }).from(planApprovals).where(eq(planApprovals.planId, planId));
	const version = (prior?.version ?? 0) + 1;
	const now = Date.now();
	await db.insert(planApprovals).values({ id: randomUUID(), planId, version, baseline, approvedBy: userId, approvedAt: now });
	const [who] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
	const approvedAt = new Date(now).toISOString();
	// The open room holds the new limits from here on ([CR3]).
	await reloadRoomRules({ kind: 'plan', planId });
	await applyToRoom({ kind: 'plan', planId }, userId, (doc) => {
		baselinesCollection.create(doc, { id: approvalBaselineId(version), name: storedApprovalName(version), savedAt: approvedAt, tasks: baseline });
	});
	return { version, approvedAt, approvedBy: userId, approvedByName: who?.name ?? '' };
}
