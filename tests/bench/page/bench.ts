/**
 * The full-page path at real sizes (`npm run bench -- --only page`): Chromium opens our real
 * pages over our real server (the production build, `server/index.ts`, a libsql file), as a user
 * does: server render, hydration, the socket, the first sync, the offline cache, the records and
 * the effects. The component benches (grid, gantt) mount one component alone and never meet this.
 *
 * Scenarios, each twice, every run in a fresh browser context (no offline cache):
 * - open: a stored room of 10,000 tasks (the task table and the Gantt), of 2,000 milestones (a
 *   school page) and of 500 pairings (the pairing board), first from a room not yet in memory
 *   (cold: the server loads it from the database) and then again (warm). `first` is navigation
 *   start → the first row (bar, card) painted; `full` → the page announcing every record.
 * - arrive: the page is open on an empty room and a writer (a y-websocket client in this process)
 *   sends the records in one transaction, or in 100 quick ones; `full` is the send → the page
 *   announcing them all.
 * Both report the longest main-thread task (`longtask` entries) after the start, the measure of
 * "stays responsive". Targets (issue 22): first row and bar < 1.5 s; arrivals shown < 3 s.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { ROOT, startServer, tempDatabaseUrl, type RunningServer } from '../../helpers/start-server';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../../helpers/factories';
import type { DbHandle } from '../../../src/lib/server/db/index';
import { schools } from '../../../src/lib/server/db/schema';
import { writeDocSnapshot } from '../../../src/lib/server/docs/store';
import { projectDoc } from '../../../src/lib/server/services/projection';
import { parseRoom } from '../../../src/lib/shared/sync/kinds/index';
import { writeMilestone, writePairing, writePhase, writeTask } from '../../../src/lib/shared/plan/doc';
import { addDays, todayInShanghai } from '../../../src/lib/shared/plan/dates';
import { PHASES, TASK_STATUSES, type Milestone, type Pairing } from '../../../src/lib/shared/plan/types';
import { pairingsRoom, planRoom, schoolRoom } from '../../../src/lib/shared/sync/protocol';
import { BenchClient } from '../clients';
import { makeTasks } from '../fixtures';
import { freePort } from '../servers';
import { startProfile } from '../grid/bench';
import { join } from 'node:path';
import type { Row } from '../table';

const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PageRun {
	scenario: string;
	round: number;
	/** Navigation start (open) → first record painted; null for arrivals. */
	firstMs: number | null;
	/** Navigation start (open) or the send (arrive) → every record announced. */
	fullMs: number;
	longestTaskMs: number;
	longTasks: number;
}
export interface PageResults {
	tasks: number;
	milestones: number;
	pairings: number;
	runs: PageRun[];
}

/** What the page under test announces: its first record, and the text once all have arrived. */
interface Probe {
	first: string;
	fullSelector: string;
	fullText: string;
	/** Full also needs this many of `first` in the DOM (lists that are not virtualized). */
	fullCount?: number;
}

/**
 * Stamps, on the page's own clock (navigation start = 0), the first frame in which each probe
 * holds, and keeps every long task: installed before any page script runs. A string, not a
 * function: tsx wraps this file's functions in a `__name` helper the page does not have.
 */
const PROBE_SCRIPT = `
window.__marks = {};
window.__long = [];
new PerformanceObserver((list) => {
	for (const e of list.getEntries()) window.__long.push({ start: e.startTime, dur: e.duration });
}).observe({ type: 'longtask', buffered: true });
requestAnimationFrame(function tick() {
	const p = window.__probe;
	if (p) {
		if (window.__marks.first === undefined && document.querySelector(p.first)) window.__marks.first = performance.now();
		if (window.__marks.full === undefined && document.querySelector(p.fullSelector)?.textContent?.includes(p.fullText)
			&& (!p.fullCount || document.querySelectorAll(p.first).length >= p.fullCount)) window.__marks.full = performance.now();
	}
	requestAnimationFrame(tick);
});
`;

type Marks = { first?: number; full?: number; long: { start: number; dur: number }[] };
const readMarks = (page: Page): Promise<Marks> =>
	page.evaluate(() => {
		const w = window as unknown as { __marks: Record<string, number>; __long: { start: number; dur: number }[] };
		return { ...w.__marks, long: w.__long };
	});

async function waitFull(page: Page, probe: Probe, timeoutMs = 60_000): Promise<Marks> {
	try {
		await page.waitForFunction(() => (window as unknown as { __marks: { full?: number } }).__marks.full !== undefined, null, { timeout: timeoutMs, polling: 50 });
	} catch (e) {
		const said = await page.locator(probe.fullSelector).first().textContent().catch(() => null);
		throw new Error(`${page.url()}: "${probe.fullText}" never shown (the page says ${JSON.stringify(said)}): ${(e as Error).message}`);
	}
	return readMarks(page);
}

const longAfter = (m: Marks, from: number) => {
	const after = m.long.filter((l) => l.start + l.dur >= from);
	return { longestTaskMs: Math.max(0, ...after.map((l) => l.dur)), longTasks: after.length };
};

// ─── Data ───────────────────────────────────────────────────────────────────────────────────────

interface Fixture {
	h: DbHandle;
	userId: string;
	cookie: string;
}

/** A plan this user leads, dated around today so the pages show what they hold as current. */
async function newPlan(f: Fixture, title: string): Promise<string> {
	const today = todayInShanghai();
	const { id } = await makePlan(f.h, { title, start: addDays(today, -200), end: addDays(today, 300) });
	await addMember(f.h, id, f.userId, 'leader');
	return id;
}

function tasksDoc(n: number): Y.Doc {
	const doc = new Y.Doc();
	const today = todayInShanghai();
	doc.transact(() => {
		const names = { launch: '启动部署', pilot: '试点推进', rollout: '全面实施', evaluation: '总结评估' };
		PHASES.forEach((key, i) => writePhase(doc, { key, name: names[key], start: addDays(today, -200 + i * 125), end: addDays(today, -200 + i * 125 + 124) }));
	});
	writeTasks(doc, n, 1);
	return doc;
}
/** `n` tasks in `batches` transactions (one update each). */
function writeTasks(doc: Y.Doc, n: number, batches: number) {
	const tasks = makeTasks(n, 11, Date.parse(`${addDays(todayInShanghai(), -200)}T00:00:00Z`));
	const per = Math.ceil(n / batches);
	for (let i = 0; i < n; i += per) doc.transact(() => tasks.slice(i, i + per).forEach((t) => writeTask(doc, t)));
}

function makeMilestones(n: number): Milestone[] {
	const today = todayInShanghai();
	return Array.from({ length: n }, (_, i) => ({
		id: `m${i.toString(36).padStart(4, '0')}`,
		title: `里程碑 ${i + 1}：完成第${(i % 12) + 1}项校本任务`,
		phase: PHASES[Math.min(3, Math.floor((i / n) * 4))],
		due: addDays(today, -150 + Math.floor((i / n) * 400)),
		status: TASK_STATUSES[i % 4],
		progress: (i * 7) % 101,
		note: ''
	}));
}
function writeMilestones(doc: Y.Doc, list: Milestone[], batches: number) {
	const per = Math.ceil(list.length / batches);
	for (let i = 0; i < list.length; i += per) doc.transact(() => list.slice(i, i + per).forEach((m) => writeMilestone(doc, m)));
}

/** `n` strong and `n` weak schools in the plan; returns their ids. */
async function makePairSchools(f: Fixture, planId: string, n: number) {
	const rows = Array.from({ length: 2 * n }, (_, i) => ({
		id: `${planId.slice(0, 6)}s${i}`,
		planId,
		name: `${i < n ? '强校' : '弱校'}${(i % n) + 1}`,
		type: 'urban_quality' as const,
		tier: i < n ? ('strong' as const) : ('weak' as const),
		pilot: false
	}));
	for (let i = 0; i < rows.length; i += 200) await f.h.db.insert(schools).values(rows.slice(i, i + 200));
	return { strong: rows.slice(0, n).map((r) => r.id), weak: rows.slice(n).map((r) => r.id) };
}
function makePairings(ids: { strong: string[]; weak: string[] }): Pairing[] {
	const today = todayInShanghai();
	// Strong schools take several weak ones, as in the districts' plans (one weak school, one pairing).
	return ids.weak.map((weak, i) => ({
		id: `pr${i.toString(36).padStart(4, '0')}`,
		strong: ids.strong[Math.floor(i / 2)],
		weak,
		modes: ['teacher_exchange'],
		start: addDays(today, -30),
		end: addDays(today, 300),
		target: 2
	}));
}
function writePairings(doc: Y.Doc, list: Pairing[], batches: number) {
	const per = Math.ceil(list.length / batches);
	for (let i = 0; i < list.length; i += per) doc.transact(() => list.slice(i, i + per).forEach((p) => writePairing(doc, p)));
}

/**
 * A room as the server leaves it after its edits: the document stored and its rows projected
 * (the pages render the projection's first rows before the live document arrives).
 */
async function storeRoom(h: DbHandle, room: string, doc: Y.Doc) {
	await writeDocSnapshot(h.db, room, doc);
	await projectDoc(h.db, parseRoom(room)!, doc);
}

// ─── Runs ───────────────────────────────────────────────────────────────────────────────────────

async function openPage(browser: Browser, server: RunningServer, cookie: string, path: string, probe: Probe) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: server.url }]);
	await context.addInitScript({ content: `window.__probe = ${JSON.stringify(probe)};\n${PROBE_SCRIPT}` });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(server.url + path, { waitUntil: 'commit' });
	return { context, page, errors };
}

/** Opens `path` and waits for every record: navigation start → first and full. */
async function openRun(browser: Browser, server: RunningServer, cookie: string, path: string, probe: Probe) {
	const { context, page, errors } = await openPage(browser, server, cookie, path, probe);
	try {
		const m = await waitFull(page, probe);
		if (errors.length) throw new Error(`${path}: ${errors.join('; ')}`);
		return { firstMs: m.first ?? null, fullMs: m.full!, ...longAfter(m, 0) };
	} finally {
		await context.close();
	}
}

/** The page is open on an empty room; a writer sends the records; send → all announced. */
async function arriveRun(
	browser: Browser,
	server: RunningServer,
	cookie: string,
	path: string,
	room: string,
	probe: Probe,
	write: (doc: Y.Doc) => void
) {
	const { context, page, errors } = await openPage(browser, server, cookie, path, probe);
	const writer = new BenchClient({ url: `${server.wsUrl}/sync/${room}`, cookie });
	try {
		// The page's own socket is open and synced (the status says 已连接) before the send.
		await page.getByRole('status', { name: '同步状态' }).filter({ hasText: '已连接' }).first().waitFor({ timeout: 30_000 });
		await writer.whenSynced();
		const profile = process.env.BENCH_PAGE_PROFILE ? await startProfile(page) : null;
		const from = await page.evaluate(() => performance.now());
		write(writer.doc);
		const m = await waitFull(page, probe);
		if (profile) console.log(`  profile: ${await profile(join(process.env.BENCH_PAGE_PROFILE!, `${room.replaceAll(':', '_')}.cpuprofile`))}`);
		if (errors.length) throw new Error(`${path}: ${errors.join('; ')}`);
		if (writer.closeCode !== null) throw new Error(`${room}: the writer was closed with ${writer.closeCode}`);
		return { firstMs: null, fullMs: m.full! - from, ...longAfter(m, from) };
	} finally {
		await writer.close();
		await context.close();
	}
}

export async function runPageBench(opts: {
	log: (s: string) => void;
	tasks?: number;
	milestones?: number;
	pairings?: number;
	rounds?: number;
	/** Which rooms: `tasks`, `school`, `pairings` (all by default). */
	only?: string[];
}): Promise<PageResults> {
	const only = new Set(opts.only ?? ['tasks', 'school', 'pairings']);
	const N = opts.tasks ?? 10_000;
	const M = opts.milestones ?? 2_000;
	const P = opts.pairings ?? 500;
	const rounds = opts.rounds ?? 2;
	const db = tempDatabaseUrl();
	const h = await openTestDb(db.url);
	const user = await makeUser(h, { displayName: '页面压测' });
	const f: Fixture = { h, userId: user.id, cookie: await makeSession(h, user.id) };
	const port = await freePort();
	const server = await startServer({
		databaseUrl: db.url,
		env: { PORT: String(port), ORIGIN: `http://127.0.0.1:${port}` },
		timeoutMs: 60_000
	});
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	const runs: PageRun[] = [];
	const record = (scenario: string, round: number, r: Omit<PageRun, 'scenario' | 'round'>) => {
		runs.push({ scenario, round, ...r });
		opts.log(`  ${scenario} #${round + 1}: ${r.firstMs !== null ? `first ${r.firstMs.toFixed(0)} ms, ` : ''}full ${r.fullMs.toFixed(0)} ms, longest task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} long)`);
	};
	const taskProbe: Probe = { first: '[role=row][data-task-id]', fullSelector: '.page-title .muted', fullText: `显示 ${N} / ${N} 项` };
	const ganttProbe: Probe = { first: '.bar[data-task-id]', fullSelector: '.page-title .muted', fullText: `共 ${N} 项任务` };
	// The server renders the first milestones with the school's counts; all shown means every card.
	const schoolProbe: Probe = { first: '[data-milestone-id]', fullSelector: 'p.summary', fullText: `共 ${M} 个里程碑`, fullCount: M };
	const pairProbe: Probe = { first: '[data-pairing-id]', fullSelector: '.muted[aria-live]', fullText: `共 ${P} 个进行中的结对`, fullCount: P };
	try {
		for (let round = 0; round < rounds; round++) {
			opts.log(`page: round ${round + 1} of ${rounds}`);
			if (only.has('tasks')) await tasksScenarios(round);
			if (only.has('school')) await schoolScenarios(round);
			if (only.has('pairings')) await pairingScenarios(round);
		}
	} finally {
		await browser.close();
		await server.stop();
		h.client.close();
		db.cleanup();
	}
	return { tasks: N, milestones: M, pairings: P, runs };

	async function tasksScenarios(round: number) {
		// Open a stored 10,000-task plan: cold, then warm, on the table; then the Gantt.
		const big = await newPlan(f, `万项任务 #${round}`);
		await storeRoom(h, planRoom(big), tasksDoc(N));
		record(`open ${N} tasks: table, cold room`, round, await openRun(browser, server, f.cookie, `/plans/${big}/tasks`, taskProbe));
		record(`open ${N} tasks: table, warm room`, round, await openRun(browser, server, f.cookie, `/plans/${big}/tasks`, taskProbe));
		record(`open ${N} tasks: Gantt, warm room`, round, await openRun(browser, server, f.cookie, `/plans/${big}/gantt`, ganttProbe));
		const gBig = await newPlan(f, `万项任务甘特 #${round}`);
		await storeRoom(h, planRoom(gBig), tasksDoc(N));
		record(`open ${N} tasks: Gantt, cold room`, round, await openRun(browser, server, f.cookie, `/plans/${gBig}/gantt`, ganttProbe));

		// Tasks arriving into an open table, in one transaction and in 100.
		for (const batches of [1, 100]) {
			const p = await newPlan(f, `导入 ${batches} #${round}`);
			record(`arrive ${N} tasks in ${batches} tx: table`, round, await arriveRun(browser, server, f.cookie, `/plans/${p}/tasks`, planRoom(p), taskProbe, (doc) => writeTasks(doc, N, batches)));
		}

	}

	async function schoolScenarios(round: number) {
		// A school room of 2,000 milestones: opened, and arriving into an open page (a fresh
		// school each time, so its room starts empty).
		const sp = await newPlan(f, `学校 #${round}`);
		const ms = makeMilestones(M);
		const school = (await makeSchoolOnly(f, sp, 'open')).id;
		const msDoc = new Y.Doc();
		writeMilestones(msDoc, ms, 1);
		await storeRoom(h, schoolRoom(sp, school), msDoc);
		record(`open ${M} milestones: school, cold room`, round, await openRun(browser, server, f.cookie, `/plans/${sp}/schools/${school}`, schoolProbe));
		record(`open ${M} milestones: school, warm room`, round, await openRun(browser, server, f.cookie, `/plans/${sp}/schools/${school}`, schoolProbe));
		for (const batches of [1, 100]) {
			const target = (await makeSchoolOnly(f, sp, `a${batches}`)).id;
			record(`arrive ${M} milestones in ${batches} tx: school`, round, await arriveRun(browser, server, f.cookie, `/plans/${sp}/schools/${target}`, schoolRoom(sp, target), schoolProbe, (doc) => writeMilestones(doc, ms, batches)));
		}

	}

	async function pairingScenarios(round: number) {
		// A pairings room of 500 pairings (500 weak schools, 250 strong).
		const pp = await newPlan(f, `结对 #${round}`);
		const ids = await makePairSchools(f, pp, P);
		const pairs = makePairings(ids);
		const pDoc = new Y.Doc();
		writePairings(pDoc, pairs, 1);
		await storeRoom(h, pairingsRoom(pp), pDoc);
		record(`open ${P} pairings: board, cold room`, round, await openRun(browser, server, f.cookie, `/plans/${pp}/pairings`, pairProbe));
		record(`open ${P} pairings: board, warm room`, round, await openRun(browser, server, f.cookie, `/plans/${pp}/pairings`, pairProbe));
		for (const batches of [1, 100]) {
			const ap = await newPlan(f, `结对导入 ${batches} #${round}`);
			const aids = await makePairSchools(f, ap, P);
			record(`arrive ${P} pairings in ${batches} tx: board`, round, await arriveRun(browser, server, f.cookie, `/plans/${ap}/pairings`, pairingsRoom(ap), pairProbe, (doc) => writePairings(doc, makePairings(aids), batches)));
		}
	}
}

/** One more school of the plan, without tier (a school room of its own). */
async function makeSchoolOnly(f: Fixture, planId: string, tag: string) {
	const id = `${planId.slice(0, 6)}x${tag}`;
	await f.h.db.insert(schools).values({ id, planId, name: `学校${tag}`, type: 'rural_center', tier: 'none', pilot: true });
	return { id };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** One row per scenario and figure: each run, then the mean against the target. */
export function pageRows(r: PageResults | undefined): Row[] {
	if (!r) return [];
	const rows: Row[] = [];
	const scenarios = [...new Set(r.runs.map((x) => x.scenario))];
	for (const s of scenarios) {
		const runs = r.runs.filter((x) => x.scenario === s);
		const open = s.startsWith('open');
		const each = (f: (x: PageRun) => number) => runs.map(f).map((v) => v.toFixed(0)).join(', ');
		if (open) {
			const first = mean(runs.map((x) => x.firstMs ?? Number.NaN));
			rows.push({ metric: `page ${s}: first`, ours: first, unit: 'ms', target: '< 1500 ms', pass: first < 1500, note: `runs ${each((x) => x.firstMs ?? Number.NaN)}` });
		}
		const full = mean(runs.map((x) => x.fullMs));
		rows.push({
			metric: `page ${s}: ${open ? 'all shown' : 'shown'}`,
			ours: full,
			unit: 'ms',
			target: open ? undefined : '< 3000 ms',
			pass: open ? undefined : full < 3000,
			note: `runs ${each((x) => x.fullMs)}`
		});
		rows.push({ metric: `page ${s}: longest task`, ours: mean(runs.map((x) => x.longestTaskMs)), unit: 'ms', note: `runs ${each((x) => x.longestTaskMs)}; long tasks ${runs.map((x) => x.longTasks).join(', ')}` });
	}
	return rows;
}

export { ROOT };
