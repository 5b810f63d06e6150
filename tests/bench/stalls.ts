/**
 * The stall table and the big rooms, ours only: the longest event-loop stall of our server
 * (`monitorEventLoopDelay` max from its /metrics, whose window restarts at each scrape) while
 *  - 200 clients join one room at once and all leave again (awareness join/leave work),
 *  - one writer edits a 5,000-task plan at 40 edits/s, its projection running (no fold),
 *  - a 5,000-task room folds its log (compaction) while being edited,
 *  - a 5,000-task plan has its first sync from a cold room, then a warm one,
 *  - a 20,000-task plan does the same; its first-sync times and the server's heap and RSS for
 *    the open document are reported too.
 * Target: no stall over 20 ms. The histogram samples every 5 ms, so a max includes up to one
 * sampling interval on top of the stall itself.
 */
import { ALL_CORES, Inspector, pinProcess, startOurs, type ServerUnderTest } from './servers';
import { profileOf, scrapeMetrics } from './profile';
import type { Row } from './table';
import type { WorkerCommand } from './client-worker';
import { planRoom } from '../../src/lib/shared/sync/protocol';

/** The client process as the stall runs use it. */
export interface StallWorker {
	readonly pid: number;
	call<T>(cmd: WorkerCommand): Promise<T>;
}

export interface Stall {
	scenario: string;
	/** Event-loop delay max during the scenario, ms. */
	loopMaxMs: number;
	loopP99Ms: number;
	/** What the scenario itself took or produced. */
	detail: Record<string, number>;
}

export interface BigRoom {
	tasks: number;
	coldSyncMs: number;
	warmSyncMs: number;
	coldAppliedMs: number;
	warmAppliedMs: number;
	heapBytes: number;
	rssBytes: number | null;
}

export interface StallResults {
	pinned: boolean;
	stalls: Stall[];
	big: BigRoom[];
}

export const STALL_TARGET_MS = 20;

/** A loaded large room projects once, `SYNC_PROJECT_LOAD_DELAY_MS` (1.5 s) after its load. */
const AFTER_LOAD_SETTLE_MS = 3000;

export interface StallPlans {
	/** A demo-sized plan whose room the churn joins. */
	churn: string;
	/** Members of `churn`, one cookie per client. */
	cookies: string[];
	/** 5,000-task plans: one for the first syncs and the edits, one for the fold. */
	big: string;
	bigFold: string;
	bigTasks: number;
	/** A 20,000-task plan. */
	huge: string;
	hugeTasks: number;
	/** A member of every plan above. */
	cookie: string;
}

type Started = ServerUnderTest & { done: () => Promise<void> };

export async function runStalls(o: {
	worker: StallWorker;
	databaseUrl: string;
	plans: StallPlans;
	pin: boolean;
	env: Record<string, string>;
	started: (s: Promise<ServerUnderTest>) => Promise<Started>;
	log: (msg: string) => void;
}): Promise<StallResults> {
	const { worker, plans, log } = o;
	const results: StallResults = { pinned: o.pin, stalls: [], big: [] };
	const pin = (server: ServerUnderTest) => {
		if (!o.pin) return;
		pinProcess(server.pid, '0');
		pinProcess(worker.pid, '1');
	};
	const measure = async <T extends Record<string, number>>(server: ServerUnderTest, scenario: string, fn: () => Promise<T>): Promise<T> => {
		const before = await scrapeMetrics(server.httpUrl);
		const detail = await fn();
		const p = profileOf(before, await scrapeMetrics(server.httpUrl));
		results.stalls.push({ scenario, loopMaxMs: p.eventLoopDelayMs.max, loopP99Ms: p.eventLoopDelayMs.p99, detail });
		log(`  ${scenario}: loop delay max ${p.eventLoopDelayMs.max.toFixed(1)} ms (p99 ${p.eventLoopDelayMs.p99.toFixed(1)}); GC ${p.gc.count}× ${p.gc.totalMs.toFixed(0)} ms, longest ≤ ${p.gc.maxBucketMs} ms; ${JSON.stringify(detail)}`);
		return detail;
	};
	/**
	 * Runs `fn` while a client holds the room open, loaded and past its after-load projection, so
	 * the scenario measures the edits, not the load (which the first-sync rows measure).
	 */
	const holdingRoom = async <T>(url: string, fn: () => Promise<T>): Promise<T> => {
		await worker.call({ cmd: 'open', clients: [{ url, cookie: plans.cookie }] });
		await new Promise((r) => setTimeout(r, AFTER_LOAD_SETTLE_MS));
		try {
			return await fn();
		} finally {
			await worker.call({ cmd: 'closeAll' });
		}
	};
	const firstSync = (url: string, tasks: number) =>
		worker.call<{ syncedMs: number; appliedMs: number; tasks: number }>({ cmd: 'firstSync', url, cookie: plans.cookie, expectTasks: tasks });

	// One server without folds (the edits' projection alone), inspected for heap samples.
	const a = await o.started(startOurs(o.databaseUrl, { inspect: true, env: { ...o.env, SYNC_COMPACT_AFTER: '1000000' } }));
	const inspector = await Inspector.attach(a);
	try {
		pin(a);
		const url = (plan: string) => a.wsBase + planRoom(plan);
		log(`stalls: first sync of ${plans.bigTasks} tasks, cold then warm`);
		// The cold window includes what the load sets off (the after-load projection, 1.5 s later).
		const cold = await measure(a, `first sync, ${plans.bigTasks}-task plan, cold room (+3 s after)`, async () => {
			const r = await firstSync(url(plans.big), plans.bigTasks);
			await new Promise((done) => setTimeout(done, AFTER_LOAD_SETTLE_MS));
			return r;
		});
		await measure(a, `first sync, ${plans.bigTasks}-task plan, warm room`, () => firstSync(url(plans.big), plans.bigTasks));
		if (cold.tasks !== plans.bigTasks) throw new Error(`first sync got ${cold.tasks} tasks, expected ${plans.bigTasks}`);
		log(`stalls: ${plans.cookies.length} clients join one room at once and leave (3×)`);
		for (let i = 0; i < 3; i++) {
			await measure(a, `${plans.cookies.length} clients join one room at once and leave (#${i + 1})`, () =>
				worker.call<Record<string, number>>({ cmd: 'churn', url: url(plans.churn), cookies: plans.cookies })
			);
		}
		log(`stalls: one writer edits the ${plans.bigTasks}-task plan at 40 edits/s`);
		await holdingRoom(url(plans.big), () =>
			measure(a, `${plans.bigTasks}-task plan edited at 40 edits/s, 10 s (projection, no fold)`, () =>
				worker.call<Record<string, number>>({ cmd: 'editTasks', url: url(plans.big), cookie: plans.cookie, edits: 400, intervalMs: 25, settleMs: 2500 })
			)
		);
		log(`big rooms: ${plans.hugeTasks} tasks`);
		const heap0 = await inspector.sample(a.pid);
		// The room stays open while a client holds it: heap and RSS are sampled with it loaded.
		const hugeCold = await measure(a, `first sync, ${plans.hugeTasks}-task plan, cold room`, () => firstSync(url(plans.huge), plans.hugeTasks));
		const hugeWarm = await measure(a, `first sync, ${plans.hugeTasks}-task plan, warm room`, () => firstSync(url(plans.huge), plans.hugeTasks));
		await worker.call({ cmd: 'open', clients: [{ url: url(plans.huge), cookie: plans.cookie }] });
		await new Promise((r) => setTimeout(r, 1500));
		const heap1 = await inspector.sample(a.pid);
		await worker.call({ cmd: 'closeAll' });
		results.big.push({
			tasks: plans.hugeTasks,
			coldSyncMs: hugeCold.syncedMs,
			warmSyncMs: hugeWarm.syncedMs,
			coldAppliedMs: hugeCold.appliedMs,
			warmAppliedMs: hugeWarm.appliedMs,
			heapBytes: heap1.heapUsed - heap0.heapUsed,
			rssBytes: heap1.rss !== null && heap0.rss !== null ? heap1.rss - heap0.rss : null
		});
	} finally {
		inspector.close();
		await a.done();
	}

	// A server with the default fold threshold (200 log entries): the edits cross it.
	const b = await o.started(startOurs(o.databaseUrl, { env: o.env }));
	try {
		pin(b);
		log(`stalls: a ${plans.bigTasks}-task room folds its log while edited`);
		const foldUrl = b.wsBase + planRoom(plans.bigFold);
		await holdingRoom(foldUrl, () =>
			measure(b, `${plans.bigTasks}-task room folding its log (compaction) while edited`, () =>
				worker.call<Record<string, number>>({ cmd: 'editTasks', url: foldUrl, cookie: plans.cookie, edits: 240, intervalMs: 25, settleMs: 4000 })
			)
		);
	} finally {
		await b.done();
	}
	if (o.pin) pinProcess(worker.pid, ALL_CORES);
	return results;
}

export function stallRows(r: StallResults | undefined, asked: boolean): Row[] {
	if (!asked) return [];
	if (!r) return [{ metric: 'stall table', ours: null, unit: 'ms', note: 'not measured (see errors)' }];
	const rows: Row[] = r.stalls.map((s) => ({
		metric: `loop stall max · ${s.scenario}`,
		ours: s.loopMaxMs,
		unit: 'ms',
		target: `≤ ${STALL_TARGET_MS} ms`,
		pass: s.loopMaxMs <= STALL_TARGET_MS,
		note: `${r.pinned ? 'pinned' : 'unpinned'}; p99 ${s.loopP99Ms.toFixed(1)} ms; ${Object.entries(s.detail)
			.map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(1)}`)
			.join(', ')}`
	}));
	for (const b of r.big) {
		rows.push({ metric: `${b.tasks}-task plan: first sync, cold room (step 2 arrived)`, ours: b.coldSyncMs, unit: 'ms', note: `applied by the client ${b.coldAppliedMs.toFixed(0)} ms` });
		rows.push({ metric: `${b.tasks}-task plan: first sync, warm room (step 2 arrived)`, ours: b.warmSyncMs, unit: 'ms', note: `applied by the client ${b.warmAppliedMs.toFixed(0)} ms` });
		rows.push({ metric: `${b.tasks}-task plan: server heap for the open room`, ours: b.heapBytes / 1024, unit: 'KiB', note: `RSS ${b.rssBytes === null ? '—' : (b.rssBytes / 1024).toFixed(0) + ' KiB'}; after − before, GC’d` });
	}
	return rows;
}
