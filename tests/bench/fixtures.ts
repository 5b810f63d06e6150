/**
 * Benchmark data: realistic plan documents (tasks with Chinese titles, phases, dependencies) and a
 * database with many signed-in plan leaders. Users are inserted directly with ONE argon2 hash
 * shared by all (hashing 200 passwords would cost ~20 s and measure nothing).
 */
import * as Y from 'yjs';
import type { DbHandle } from '../../src/lib/server/db/index';
import { memberships, sessions, users } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	generateSessionToken,
	sessionIdFromToken,
	SESSION_COOKIE,
	SESSION_TTL
} from '../../src/lib/server/auth/session';
import { writePhase, writeTask } from '../../src/lib/shared/plan/doc';
import { PHASES, TASK_STATUSES, type Task } from '../../src/lib/shared/plan/types';
import { appendUpdates, writeDocSnapshot } from '../../src/lib/server/docs/store';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { makePlan } from '../helpers/factories';
import { buildDemoWorkspace } from '../../src/lib/server/demo/data';
import { buildPlanDoc } from '../../src/lib/server/demo/seed';
import { todayInShanghai } from '../../src/lib/shared/plan/dates';
import { rng } from './rng';

export { rng };


const WORKSTREAMS = ['课堂教学改革', '教师专业发展', '集团化办学', '质量监测评价', '家校社协同', '信息化建设'];
const UNITS = ['教育局基础教育科', '教研室', '教师发展中心', '督导室', '电教馆', '各试点学校'];
const LEADS = ['王建国', '李晓梅', '张伟', '刘芳', '陈志强', '杨静', '赵敏', '黄磊'];
const VERBS = ['制定', '组织', '开展', '完成', '推进', '评估', '修订', '召开'];
const OBJECTS = ['学科教研活动', '骨干教师培训', '课堂观察量表', '质量分析报告', '结对帮扶计划', '期中质量监测', '校本课程方案', '工作推进会'];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: number, from = Date.UTC(2026, 0, 1)) => {
	const t = new Date(from + d * 86_400_000);
	return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

/**
 * `count` tasks over a school year; about a third depend on one to three earlier tasks. The year
 * starts on 2026-01-01, or on `from` (a UTC day as ms): the page bench centres it on today,
 * where the Gantt opens.
 */
export function makeTasks(count: number, seed = 1, from?: number): Task[] {
	const r = rng(seed);
	const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
	const tasks: Task[] = [];
	for (let i = 0; i < count; i++) {
		const phaseIdx = Math.min(3, Math.floor((i / count) * 4));
		const start = Math.floor(phaseIdx * 90 + r() * 60);
		const deps: string[] = [];
		if (i > 3 && r() < 0.35) {
			const k = 1 + Math.floor(r() * 3);
			for (let j = 0; j < k; j++) {
				const d = tasks[Math.max(0, i - 1 - Math.floor(r() * 20))].id;
				if (!deps.includes(d)) deps.push(d);
			}
		}
		const status = pick(TASK_STATUSES);
		tasks.push({
			id: `t${i.toString(36).padStart(4, '0')}${Math.floor(r() * 1e6).toString(36)}`,
			title: `${pick(VERBS)}${pick(OBJECTS)}（第${(i % 12) + 1}批）`,
			workstream: pick(WORKSTREAMS),
			phase: PHASES[phaseIdx],
			unit: pick(UNITS),
			lead: pick(LEADS),
			start: day(start, from),
			due: day(start + 7 + Math.floor(r() * 45), from),
			status,
			progress: status === 'done' ? 100 : status === 'todo' ? 0 : Math.floor(r() * 100),
			deps,
			order: `a${i.toString(36).padStart(4, '0')}`
		});
	}
	return tasks;
}

/** A plan document with `taskCount` tasks and the four phases. */
export function makePlanDoc(taskCount: number, seed = 1): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		const names = { launch: '启动部署', pilot: '试点推进', rollout: '全面实施', evaluation: '总结评估' };
		PHASES.forEach((key, i) =>
			writePhase(doc, { key, name: names[key], start: day(i * 90), end: day(i * 90 + 89) })
		);
		for (const t of makeTasks(taskCount, seed)) writeTask(doc, t);
	});
	return doc;
}

/**
 * The real demo plan document (`npm run demo`'s: phases, ~43 tasks, goal groups), as the state
 * update a server would load for it.
 */
export function demoPlanDoc(): Y.Doc {
	return buildPlanDoc(buildDemoWorkspace(todayInShanghai()));
}

export interface BenchUsers {
	ids: string[];
	/** `Cookie` header values, one signed-in session per user. */
	cookies: string[];
}

/** `n` users sharing one password hash, each with a live session. */
export async function makeUsers(h: DbHandle, n: number): Promise<BenchUsers> {
	const passwordHash = await hashPassword('bench-pass-123');
	const ids: string[] = [];
	const cookies: string[] = [];
	const userRows = [];
	const sessionRows = [];
	const expiresAt = Date.now() + SESSION_TTL;
	for (let i = 0; i < n; i++) {
		const id = `bench_u${i}`;
		const token = generateSessionToken();
		ids.push(id);
		cookies.push(`${SESSION_COOKIE}=${token}`);
		userRows.push({ id, username: `bench${i}`, displayName: `压测用户${i}`, passwordHash, isAdmin: false });
		sessionRows.push({ id: sessionIdFromToken(token), userId: id, expiresAt });
	}
	for (let i = 0; i < n; i += 100) {
		await h.db.insert(users).values(userRows.slice(i, i + 100));
		await h.db.insert(sessions).values(sessionRows.slice(i, i + 100));
	}
	return { ids, cookies };
}

/** A plan whose `plan:<id>` room holds `doc` as its snapshot; `leaders` may write it. */
export async function makeStoredPlan(
	h: DbHandle,
	leaders: string[],
	doc: Y.Doc | null,
	title = '压测方案'
): Promise<string> {
	const { id } = await makePlan(h, { title });
	for (let i = 0; i < leaders.length; i += 200) {
		await h.db
			.insert(memberships)
			.values(leaders.slice(i, i + 200).map((userId) => ({ planId: id, userId, role: 'leader' as const })));
	}
	if (doc) await writeDocSnapshot(h.db, planRoom(id), doc);
	return id;
}

/**
 * Appends `count` small edits (status, progress, title) to the room's update log, as the sync
 * server would have stored them since the last compaction.
 */
export async function appendLogTail(
	h: DbHandle,
	planId: string,
	base: Y.Doc,
	userId: string,
	count: number
) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const tasks = doc.getMap<Y.Map<unknown>>('tasks');
	const ids = [...tasks.keys()];
	const r = rng(99);
	for (let i = 0; i < count; i++) {
		const m = tasks.get(ids[Math.floor(r() * ids.length)])!;
		doc.transact(() => {
			if (i % 3 === 0) m.set('status', 'doing');
			m.set('progress', Math.floor(r() * 100));
			if (i % 5 === 0) m.set('title', `${m.get('title')}（已调整）`);
		});
	}
	const room = planRoom(planId);
	await appendUpdates(
		h.db,
		updates.map((update, i) => ({ room, userId, at: Date.now() + i, update }))
	);
	doc.destroy();
}
