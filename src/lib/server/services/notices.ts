/**
 * Supervision notices (督办单, contract v2 `notices`): issued by the leading group on a task or a
 * pilot school's milestone that is behind or overdue, answered by the responsible unit or school,
 * closed once answered with the target back on track ([SN1]–[SN3]). Status and level are derived
 * from the reply and the target's live state each time they are read; the first time a notice is
 * seen closed its `closedAt` is stored, so it stays closed.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index';
import { schools, users } from '../db/schema';
import { notices } from '../db/supervision-schema';
import type { PlanMember } from '../../shared/sync/access';
import { attentionState, type AttentionState } from '../../shared/plan/attention';
import { isIsoDate } from '../../shared/plan/dates';
import type { IsoDate, Task } from '../../shared/plan/types';
import { isReplyLate, levelFor, noticeLevel, noticeStatus } from '../../shared/supervision/notice-state';
import type { NoticeLevel, NoticeStatus, NoticeTarget } from '../../shared/supervision/types';
import { readMilestones, readTasks } from '../../shared/plan/doc';
import { readRoom } from '../runtime';
import { textField } from '../http/json-request';
import { planDayCounter } from './plan-calendar';
import { listPilotMilestones } from './plans';
import { readPlanTasks } from './plan-read';
import { unitsOfUser } from './units';
import { answersNotice } from '../../shared/supervision/membership';

export const MAX_NOTICE_TEXT = 2000;

export interface Notice {
	id: string;
	target: NoticeTarget;
	taskId: string | null;
	schoolId: string | null;
	milestoneId: string | null;
	unit: string;
	title: string;
	level: NoticeLevel;
	status: NoticeStatus;
	/** The target's attention state now ([A1]); null when it no longer exists. */
	targetState: AttentionState | null;
	message: string;
	replyBy: IsoDate;
	late: boolean;
	issuedBy: string;
	issuedByName: string;
	reply: string | null;
	repliedAt: number | null;
	/** When it was first seen closed (null while live, and on the read that closes it). */
	closedAt: number | null;
	createdAt: number;
}

export type NoticeInput =
	| { target: 'task'; taskId: string; replyBy: IsoDate; message: string }
	| { target: 'milestone'; schoolId: string; milestoneId: string; replyBy: IsoDate; message: string };

export function parseNotice(body: Record<string, unknown>, today: IsoDate): { ok: true; value: NoticeInput } | { ok: false; fields: string[] } {
	const fields: string[] = [];
	const isTask = body.taskId !== undefined;
	if (isTask && (typeof body.taskId !== 'string' || !body.taskId)) fields.push('taskId');
	if (!isTask) {
		if (typeof body.schoolId !== 'string' || !body.schoolId) fields.push('schoolId');
		if (typeof body.milestoneId !== 'string' || !body.milestoneId) fields.push('milestoneId');
	}
	if (!isIsoDate(body.replyBy) || (body.replyBy as string) < today) fields.push('replyBy');
	const message = textField(body, 'message', MAX_NOTICE_TEXT);
	if (!message) fields.push('message');
	if (fields.length) return { ok: false, fields };
	const common = { replyBy: body.replyBy as IsoDate, message: message! };
	return {
		ok: true,
		value: isTask
			? { target: 'task', taskId: body.taskId as string, ...common }
			: { target: 'milestone', schoolId: body.schoolId as string, milestoneId: body.milestoneId as string, ...common }
	};
}

interface TargetNow {
	title: string;
	unit: string;
	state: AttentionState;
}

async function findTarget(db: Db, planId: string, userId: string, input: NoticeInput, today: IsoDate): Promise<TargetNow | { bad: string[] }> {
	const days = await planDayCounter(db, planId); // [WD9] behind in the plan's own days
	if (input.target === 'task') {
		// issuing reads the room itself: a notice is judged on the freshest state there is
		const task = (await readRoom({ kind: 'plan', planId }, userId, readTasks)).find((t) => t.id === input.taskId);
		return task ? { title: task.title, unit: task.unit, state: attentionState(task, today, days) } : { bad: ['taskId'] };
	}
	const [school] = await db
		.select({ id: schools.id, name: schools.name })
		.from(schools)
		.where(and(eq(schools.planId, planId), eq(schools.id, input.schoolId)));
	if (!school) return { bad: ['schoolId'] };
	const ms = await readRoom({ kind: 'school', planId, schoolId: school.id }, userId, readMilestones);
	const m = ms.find((x) => x.id === input.milestoneId);
	return m ? { title: m.title, unit: school.name, state: attentionState(m, today, days) } : { bad: ['milestoneId'] };
}

export type IssueResult =
	| { ok: true; notice: Notice }
	| { ok: false; status: 400; fields: string[] }
	| { ok: false; status: 409; state: AttentionState };

/** [SN1] Issues a notice on a target that is behind or overdue now; leaders' check is the route's. */
export async function issueNotice(
	db: Db,
	a: { planId: string; userId: string; key: string | null; input: NoticeInput; today: IsoDate }
): Promise<IssueResult> {
	if (a.key) {
		const [seen] = await db.select({ id: notices.id }).from(notices).where(and(eq(notices.issuedBy, a.userId), eq(notices.idempotencyKey, a.key)));
		if (seen) return { ok: true, notice: (await listNotices(db, a.planId, a.today, [seen.id]))[0] };
	}
	const target = await findTarget(db, a.planId, a.userId, a.input, a.today);
	if ('bad' in target) return { ok: false, status: 400, fields: target.bad };
	const level = levelFor(target.state);
	if (!level) return { ok: false, status: 409, state: target.state };
	const id = `nt-${randomUUID()}`;
	const i = a.input;
	await db.insert(notices).values({
		id,
		planId: a.planId,
		target: i.target,
		taskId: i.target === 'task' ? i.taskId : null,
		schoolId: i.target === 'milestone' ? i.schoolId : null,
		milestoneId: i.target === 'milestone' ? i.milestoneId : null,
		unit: target.unit,
		title: target.title,
		level,
		message: i.message,
		replyBy: i.replyBy,
		issuedBy: a.userId,
		idempotencyKey: a.key
	});
	return { ok: true, notice: (await listNotices(db, a.planId, a.today, [id]))[0] };
}

/** The live state of every notice's target: tasks by the plan read rule, milestones by projection. */
async function targetStates(db: Db, planId: string, today: IsoDate, known?: readonly Task[]) {
	const [tasks, milestones, days] = await Promise.all([known ?? readPlanTasks(db, planId), listPilotMilestones(db, planId), planDayCounter(db, planId)]);
	const taskState = new Map(tasks.map((t) => [t.id, attentionState(t, today, days)]));
	const msState = new Map(milestones.map((m) => [`${m.schoolId}:${m.id}`, attentionState(m, today, days)]));
	return (n: { target: NoticeTarget; taskId: string | null; schoolId: string | null; milestoneId: string | null }) =>
		(n.target === 'task' ? taskState.get(n.taskId!) : msState.get(`${n.schoolId}:${n.milestoneId}`)) ?? null;
}

/** Every notice of the plan (or the given ones), newest first, with status and level as of now. */
export async function listNotices(db: Db, planId: string, today: IsoDate, ids?: string[], tasks?: readonly Task[]): Promise<Notice[]> {
	const rows = await db
		.select({ n: notices, issuedByName: users.displayName })
		.from(notices)
		.innerJoin(users, eq(users.id, notices.issuedBy))
		.where(and(eq(notices.planId, planId), ids ? inArray(notices.id, ids) : undefined))
		.orderBy(desc(notices.createdAt), desc(notices.id));
	if (!rows.length) return [];
	const stateOf = await targetStates(db, planId, today, tasks);
	const newlyClosed: string[] = [];
	const out = rows.map(({ n, issuedByName }): Notice => {
		const facts = { replied: n.reply !== null, closed: n.closedAt !== null, target: stateOf(n), issuedLevel: n.level };
		const status = noticeStatus(facts);
		if (status === 'closed' && n.closedAt === null) newlyClosed.push(n.id);
		return {
			id: n.id,
			target: n.target,
			taskId: n.taskId,
			schoolId: n.schoolId,
			milestoneId: n.milestoneId,
			unit: n.unit,
			title: n.title,
			level: noticeLevel(facts),
			status,
			targetState: facts.target,
			message: n.message,
			replyBy: n.replyBy,
			late: isReplyLate(status, n.replyBy, today),
			issuedBy: n.issuedBy,
			issuedByName,
			reply: n.reply,
			repliedAt: n.repliedAt,
			closedAt: n.closedAt,
			createdAt: n.createdAt
		};
	});
	if (newlyClosed.length) {
		await db.update(notices).set({ closedAt: Date.now() }).where(and(inArray(notices.id, newlyClosed), isNull(notices.closedAt)));
	}
	return out;
}

/** [SN3] Who answers: the leading group, the task's unit, the milestone's school. */
export async function mayAnswer(db: Db, userId: string, member: PlanMember, n: Pick<Notice, 'target' | 'unit' | 'schoolId'>): Promise<boolean> {
	return answersNotice(member, await unitsOfUser(db, userId), n);
}

export type ReplyResult = { ok: true; notice: Notice } | { ok: false; status: 403 | 404 | 409 };

/** Records the reply (a later reply replaces the earlier text while the notice is not closed). */
export async function replyToNotice(
	db: Db,
	a: { planId: string; noticeId: string; userId: string; member: PlanMember; text: string; today: IsoDate }
): Promise<ReplyResult> {
	const [n] = await listNotices(db, a.planId, a.today, [a.noticeId]);
	if (!n) return { ok: false, status: 404 };
	if (!(await mayAnswer(db, a.userId, a.member, n))) return { ok: false, status: 403 };
	if (n.status === 'closed') return { ok: false, status: 409 };
	await db.update(notices).set({ reply: a.text, repliedBy: a.userId, repliedAt: Date.now() }).where(eq(notices.id, n.id));
	return { ok: true, notice: (await listNotices(db, a.planId, a.today, [n.id]))[0] };
}
