// Over 400 lines: the sync sections (latency, memory, cold, load, scale, cluster) share one harness of servers, client processes and interleaved runs; the grid, Gantt and page benches live in their own folders.
/**
 * `npm run bench`: the benchmarks of the live-document stack, ours against two peers where a
 * comparison means something: the reference `@y/websocket-server` 0.1.1 (memory only) and
 * Hocuspocus 4 (`@hocuspocus/server` with `@hocuspocus/extension-sqlite`, its default 2 s store
 * debounce, driven by its own `@hocuspocus/provider`). Prints a table and writes
 * `tests/bench/results/bench-<timestamp>.json` and `tests/bench/results/latest.json`.
 *
 * Run:   npm run bench                      (every sync section, ~5 min on 2 cores; builds first if
 *                                            build/ is missing)
 *        npm run bench -- --only=sync        (every sync section; `--only gantt` the Gantt alone)
 *        npm run bench -- --only=latency,load (sync sections: latency, memory, cold, load, scale, cluster)
 *        npm run bench -- --peers=reference  (peers beside ours in the latency section)
 *        npm run bench -- --scale=500x25 --cluster=100x10   (clients x plans of those sections)
 *        npm run bench -- --only grid --grid-frames=300 --grid-edits=20   (the task grid
 *                                            against @svar-ui/svelte-grid in Chromium; see
 *                                            tests/bench/grid/bench.ts for what it measures)
 *        npm run bench -- --only page        (the real pages over the real server at real sizes;
 *                                            see tests/bench/page/bench.ts; --page-tasks=10000
 *                                            --page-milestones=2000 --page-pairings=500)
 *        npm run bench -- --quick            (fewer edits and clients, for trying the harness)
 *        npm run bench -- --ours-env=SYNC_COMMIT_DELAY_MS=0   (try a server tuning)
 *        BENCH_BUILD_LOCK=/tmp/build.lock npm run bench   (hold a shared flock on the file the
 *                                            team's rebuilds take exclusively)
 *        BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench   (node flags of our
 *                                            server, e.g. a CPU profile of each of its threads;
 *                                            BENCH_PEER_ARGS the same for the peers, which
 *                                            write a profile only when they exit cleanly: add
 *                                            `--import` of a module that exits on SIGTERM)
 *        BENCH_CLIENT_PROF=/tmp/prof npm run bench        (--cpu-prof of the client process, to
 *                                            check the harness is not what is being measured)
 *        npm run bench -- --clients=50,200 --edits=300 --warmup=60 --interval=40 --writers=20
 *
 * What each number means:
 * - edit latency p50/p99/mean/max @N: N clients in one `plan:` room, each with its own Y.Doc and
 *   awareness state (renewed every 15 s, echoed by every peer, as y-websocket's provider does),
 *   all in one client process separate from the servers. Writers take turns (edit k by client
 *   k mod W, W = `--writers` = 20), one edit every `--interval` = 40 ms, each setting the
 *   `title` of the writer's own task to `bench:<k>:<performance.now() at send>`; own tasks, so
 *   no two edits race for one key. Every other client, on observing the change in its Y.Doc,
 *   records (arrival of the frame that carried it) − (send time). Arrival is stamped when the
 *   socket delivers the frame, before any client decodes anything, so the number is server +
 *   loopback, not client CPU (the decode-inclusive figure is `observed` in the JSON). W < N
 *   because each Yjs transaction walks the doc's state vector (one entry per client that ever
 *   wrote): 200 writers × 200 docs in one process saturated the client process, which then
 *   measured itself. Warm-up edits (60, 2.4 s: the servers' JIT and heaps settle) are dropped;
 *   samples = edits × (N−1) when none is lost. All receivers of one edit move together, so a
 *   p99 is set by the slowest 1 % of edits: 300 edits a run (150 left it to the worst one or
 *   two, and identical runs differed by 2×).
 *   All servers run side by side, measured reference, hocuspocus, ours, ours, hocuspocus,
 *   reference for each N (a fresh room each time), and the table pools the two runs of each
 *   (2 × 300 edits); the per-run p99s are shown too. Hocuspocus clients are
 *   `@hocuspocus/provider`s on sockets whose frames go through the same arrival-stamped queue.
 *   The JSON also has per-run summaries, the slowest and the fastest receiver per edit
 *   (`perEditMax`, `perEditMin`: the latter is the server's time to its first send plus loopback,
 *   printed per run as "first receiver"), and
 *   server/client CPU use. Ours stores every update in libsql (fsync'd) before broadcasting it;
 *   the reference keeps memory only; Hocuspocus broadcasts first and stores seconds later.
 *   Target: p99 at every N, ours ≤ the better peer.
 * - ours profile: our server's own /metrics, scraped once the clients are set up and after the
 *   last edit: edit wait (a client edit from arrival to the start of its broadcast), event-loop
 *   delay (perf_hooks.monitorEventLoopDelay; quantiles over the run), store time (one group-commit
 *   batch on the database thread, fsync included), broadcast time (encode + hand to every
 *   socket) and GC pauses (PerformanceObserver), all in the JSON under `profile`.
 * - many rooms (`scale`): 500 clients over 25 plans (20 a room) on ours, 2 writers a plan.
 *   Target: p99 ≤ 50 ms with no sample lost.
 * - two instances (`cluster`): two of our servers on one database file behind nginx with the
 *   README's config (`server/nginx/quality-plan.conf`), 100 clients over 10 plans; then one
 *   client per plan records its document, one instance gets kill -9, and every plan is opened
 *   afresh through nginx: time until all synced via the survivor, and how many differ.
 * - connect+sync @N: time for N clients to open (20 at a time) and finish sync step 2.
 * - cold start: spawn of `node --import tsx server/index.ts` → first `GET /healthz` 200, median
 *   of 3, against a database holding the demo workspace (`seedDemo`, already migrated); the
 *   empty-database figure (one run) includes running the migrations. Target: < 2 s.
 * - memory per open plan doc: the server process after a forced GC (via the V8 inspector, no
 *   product endpoint), before and after K more rooms holding the demo plan document are opened
 *   with one client each, (after − before) / K for V8 heap and for RSS (`/proc/<pid>/status`).
 *   A warm-up room is opened first so lazily loaded code is not counted.
 * - in-process Y.Doc: heapUsed delta per decoded demo plan doc (50 copies, after GC), and per
 *   decoded 5,000-task doc (3 copies).
 * - 5,000-task load: `loadDocState` (snapshot + 100-update log tail, merged) + `Y.applyUpdate`
 *   into a fresh doc, median of 7 after one warm-up (target: < 300 ms); `projectPlanDoc` of
 *   it, median of 5.
 * - first sync 5,000 tasks: a client's connect → sync step 2 applied through our server, for a
 *   room not yet in memory (cold: the server loads it from libsql) and then a loaded one (warm);
 *   the JSON's `syncedMs` is the step 2's arrival (server and network only), `appliedMs` adds
 *   the client's own decode of the 1.7 MB state. Targets: cold < 300 ms, warm < 100 ms.
 * - memory per open 5,000-task document: the server's heap and RSS before and after one
 *   client opens it (after the demo-plan rooms of the memory section).
 *
 * Exit status: non-zero only when the harness could not measure something (a server that did
 * not start, a client that could not connect); a missed target is reported, not fatal.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as Y from 'yjs';
import { ROOT, tempDatabaseUrl } from '../helpers/start-server';
import { openTestDb } from '../helpers/factories';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { todayInShanghai } from '../../src/lib/shared/plan/dates';
import { loadDocState } from '../../src/lib/server/docs/store';
import { projectPlanDoc } from '../../src/lib/server/services/projection';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import {
	appendLogTail,
	demoPlanDoc,
	makePlanDoc,
	makeStoredPlan,
	makeUsers
} from './fixtures';
import { ALL_CORES, coldStartMs, cpuMs, freePort, haveTaskset, Inspector, pinProcess, startHocuspocus, startOurs, startReference, type PeerName, type ServerUnderTest } from './servers';
import { latencyRows, type LatencyRun, type Pinning, type PooledLatency, type Workload } from './latency-rows';
import { runStalls, stallRows, type StallPlans, type StallResults } from './stalls';
import { profileOf, scrapeMetrics, type RunProfile } from './profile';
import { haveNginx, startNginx } from '../helpers/nginx';
import { median, summarize, timeRuns, type Summary } from './stats';
import { renderTable, type Row } from './table';
import { ganttRows, runGanttBench, type GanttResults } from './gantt/bench';
import type { LatencyResult, WorkerCommand } from './client-worker';
import { gridRows, runGridBench, type GridResults } from './grid/bench';
import { pageRows, runPageBench, type PageResults } from './page/bench';

// ─── A shared build tree ────────────────────────────────────────────────────────────────────────

// Where several people share one work tree and rebuild `build/` under an exclusive
// `flock <file> npm run build`, BENCH_BUILD_LOCK=<file> reruns this script under a shared lock on
// the same file, so no rebuild pulls `build/` from under a running server.
if (process.env.BENCH_BUILD_LOCK && !process.env.BENCH_BUILD_LOCK_HELD) {
	const r = spawnSync(
		'flock',
		['-s', process.env.BENCH_BUILD_LOCK, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
		{ stdio: 'inherit', env: { ...process.env, BENCH_BUILD_LOCK_HELD: '1' } }
	);
	process.exit(r.status ?? 1);
}

/** Waits out a concurrent rebuild (up to 2 min), or builds when nobody is. */
async function ensureBuild(): Promise<void> {
	const handler = join(ROOT, 'build/handler.js');
	for (let i = 0; i < 120 && !existsSync(handler); i++) {
		if (i === 0) log('build/handler.js missing; waiting for a build in progress');
		await new Promise((r) => setTimeout(r, 1000));
		if (i === 10 && !existsSync(join(ROOT, 'build'))) break;
	}
	if (existsSync(handler)) return;
	log('building: npm run build');
	const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (b.status !== 0) throw new Error('npm run build failed');
}

// ─── Options ────────────────────────────────────────────────────────────────────────────────────

// `--key=value`, `--key value` (a value never starts with `--`) or a bare `--flag`.
const argv = process.argv.slice(2);
const args = new Map<string, string>();
for (let i = 0; i < argv.length; i++) {
	const [k, ...v] = argv[i].replace(/^--/, '').split('=');
	if (v.length) args.set(k, v.join('='));
	else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.set(k, argv[++i]);
	else args.set(k, 'true');
}
const quick = args.has('quick');
/** The sync sections; `--only=sync` selects them all (other areas add their own sections). */
const SYNC_SECTIONS = ['latency', 'memory', 'cold', 'load', 'scale', 'cluster', 'stalls'];
const SECTIONS = new Set(
	(args.get('only') ?? 'sync,gantt,grid,page').split(',').flatMap((s) => (s === 'sync' ? SYNC_SECTIONS : [s]))
);
/** Peers measured beside ours in the latency section. */
const PEERS = (args.get('peers') ?? 'reference,hocuspocus').split(',').filter(Boolean) as Exclude<PeerName, 'ours'>[];
/** The many-rooms run: `<clients>x<plans>`, ours only (the target is absolute). */
const [SCALE_CLIENTS, SCALE_PLANS] = (args.get('scale') ?? (quick ? '100x5' : '500x25')).split('x').map(Number);
const SCALE_WRITERS = Number(args.get('scale-writers') ?? SCALE_PLANS * 2);
/** The two-instance run: `<clients>x<plans>` through nginx. */
const [CLUSTER_CLIENTS, CLUSTER_PLANS] = (args.get('cluster') ?? (quick ? '40x4' : '100x10')).split('x').map(Number);
/** Sections that need the seeded database, the servers and the client process. */
const SERVER_SECTIONS = [...SECTIONS].some((s) => SYNC_SECTIONS.includes(s));
const CLIENT_COUNTS = (args.get('clients') ?? (quick ? '10,50' : '50,200')).split(',').map(Number);
/** Measured edits per run; each server runs twice per client count, so twice this in the table. */
const EDITS = Number(args.get('edits') ?? (quick ? 60 : 300));
const WARMUP = Number(args.get('warmup') ?? (quick ? 10 : 60));
const INTERVAL_MS = Number(args.get('interval') ?? 40);
const WRITERS = Number(args.get('writers') ?? 20);
/**
 * The latency workloads: `writers` (edits rotate among `--writers` clients every `--interval`
 * ms, on the lightweight protocol client) and `typist` (one writer typing at 40 edits/s, every
 * client on the `y-websocket` package's own provider; Hocuspocus on its own provider).
 */
const WORKLOADS = (args.get('workloads') ?? 'writers,typist').split(',').filter(Boolean) as Workload[];
/**
 * `pinned`: each server on core 0 and the client process on core 1 (`taskset`); `unpinned`: the
 * scheduler decides. Both by default where taskset exists; the table says when it does not.
 */
const CAN_PIN = haveTaskset() && cpus().length >= 2;
const PINNINGS = (args.get('pinning') ?? (CAN_PIN ? 'pinned,unpinned' : 'unpinned')).split(',').filter((p) => p === 'unpinned' || CAN_PIN) as Pinning[];
/** Extra environment for our server, e.g. `--ours-env=SYNC_COMMIT_DELAY_MS=0` to try a tuning. */
const OURS_ENV: Record<string, string> = Object.fromEntries(
	(args.get('ours-env') ?? '')
		.split(',')
		.filter(Boolean)
		.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
);
const MEMORY_ROOMS = Number(args.get('rooms') ?? 20);
const BIG_TASKS = 5000;
/** The plan the issue asks to have measured beyond the 5,000-task targets. */
const HUGE_TASKS = Number(args.get('huge-tasks') ?? (quick ? 10_000 : 20_000));
/** Tasks in the demo plan document; set once it is built. */
let DEMO_TASKS = 0;
const LOG_TAIL = 100;

// ─── Cleanup of everything we start ─────────────────────────────────────────────────────────────

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanupAll() {
	while (cleanups.length) {
		try {
			await cleanups.pop()!();
		} catch (e) {
			console.error('cleanup:', e);
		}
	}
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.once(sig, () => {
		console.error(`\n${sig}: stopping children and removing temp files`);
		cleanupAll().finally(() => process.exit(130));
	});
}

/** Starts a server and registers its stop so an error anywhere still stops it. */
async function started(s: Promise<ServerUnderTest>): Promise<ServerUnderTest & { done: () => Promise<void> }> {
	const server = await s;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await server.stop();
	};
	cleanups.push(stop);
	return { ...server, done: stop };
}

// ─── The client process ─────────────────────────────────────────────────────────────────────────

class ClientProcess {
	private constructor(private proc: ChildProcess) {}

	get pid(): number {
		return this.proc.pid!;
	}

	static async start(): Promise<ClientProcess> {
		const proc = fork(join(import.meta.dirname, 'client-worker.ts'), [], {
			cwd: ROOT,
			execArgv: ['--import', 'tsx', ...(process.env.BENCH_CLIENT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROF}`] : [])],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		await new Promise<void>((resolve, reject) => {
			proc.once('message', () => resolve());
			proc.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
		});
		const cp = new ClientProcess(proc);
		cleanups.push(() => cp.stop());
		return cp;
	}

	/** Runs one command; `onProgress` hears the steps the command announces before its result. */
	call<T>(cmd: WorkerCommand, onProgress?: (step: string) => void): Promise<T> {
		return new Promise((resolve, reject) => {
			const onExit = (code: number) => reject(new Error(`client process exited with ${code}`));
			const onMessage = (m: { ok: boolean; result?: T; error?: string; progress?: string }) => {
				if (m.progress !== undefined) return onProgress?.(m.progress);
				this.proc.off('message', onMessage);
				this.proc.off('exit', onExit);
				if (m.ok) resolve(m.result as T);
				else reject(new Error(`client process: ${m.error}`));
			};
			this.proc.once('exit', onExit);
			this.proc.on('message', onMessage);
			this.proc.send(cmd);
		});
	}

	async stop() {
		if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
		const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
		// After an `exit` command it leaves on its own (and can write a --cpu-prof); else SIGTERM.
		const timer = setTimeout(() => this.proc.kill('SIGTERM'), 1000);
		await exited;
		clearTimeout(timer);
	}
}

// ─── Results ────────────────────────────────────────────────────────────────────────────────────

const pooledSamples: Record<string, { samples: number[]; expected: number }> = {};

const results: {
	startedAt: string;
	machine: Record<string, unknown>;
	options: Record<string, unknown>;
	latency: LatencyRun[];
	latencyPooled: PooledLatency[];
	coldStart?: { existingDbMs: number[]; existingDbMedianMs: number; emptyDbMs?: number };
	memory: Record<string, unknown>;
	load?: Record<string, unknown>;
	gantt?: GanttResults;
	scale?: LatencyRun;
	cluster?: Record<string, unknown>;
	stalls?: StallResults;
	grid?: GridResults;
	page?: PageResults;
	errors: string[];
} = {
	startedAt: new Date().toISOString(),
	machine: {
		node: process.version,
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model,
		memGiB: +(totalmem() / 2 ** 30).toFixed(1),
		loadavgAtStart: loadavg()
	},
	options: { quick, sections: [...SECTIONS], clientCounts: CLIENT_COUNTS, edits: EDITS, warmup: WARMUP, intervalMs: INTERVAL_MS, writers: WRITERS, workloads: WORKLOADS, pinnings: PINNINGS, tasksetAvailable: CAN_PIN, oursEnv: OURS_ENV, memoryRooms: MEMORY_ROOMS, bigTasks: BIG_TASKS, logTail: LOG_TAIL },
	latency: [],
	latencyPooled: [],
	memory: {},
	errors: []
};

function log(msg: string) {
	console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}
const t0 = performance.now();

/** Runs one section; an error is recorded and the other sections still run. */
async function section(name: string, fn: () => Promise<void>) {
	try {
		await fn();
	} catch (e) {
		const msg = `${name}: ${(e as Error)?.stack ?? e}`;
		results.errors.push(msg);
		console.error(`[bench] ${msg}`);
	}
}

function enableGc(): () => void {
	v8.setFlagsFromString('--expose-gc');
	return vm.runInNewContext('gc') as () => void;
}

/** What one latency run returns besides the pooled samples. */
type RunResult = Omit<LatencyRun, 'clients' | 'repetition' | 'workload' | 'pinning'> & { samples: number[] };

/** How a workload's clients connect and edit. */
interface WorkloadSpec {
	writers: number;
	intervalMs: number;
	/** The client of ours and the reference (Hocuspocus always gets its own provider). */
	provider: 'y-websocket' | 'y-websocket-official';
}

const WORKLOAD_SPECS: Record<Workload, WorkloadSpec> = {
	writers: { writers: WRITERS, intervalMs: INTERVAL_MS, provider: 'y-websocket' },
	typist: { writers: 1, intervalMs: 25, provider: 'y-websocket-official' }
};

/**
 * One latency run against `server`: client i joins the plan `plans[i]` (several plans: several
 * rooms), edits rotate among the first `writers` clients. Ours is profiled through its /metrics.
 */
async function latencyRun(
	worker: ClientProcess,
	server: ServerUnderTest,
	plans: string[],
	cookies: string[],
	writers: number,
	profiled = server.name === 'ours',
	spec: Omit<WorkloadSpec, 'writers'> = { intervalMs: INTERVAL_MS, provider: 'y-websocket' }
): Promise<RunResult> {
	const ours = server.name === 'ours';
	// Scraped once the clients are connected and set up, so the profile covers the edits (warm-up
	// included), not 200 joins.
	let before: Promise<Awaited<ReturnType<typeof scrapeMetrics>>> | null = null;
	const cpu0 = cpuMs(server.pid);
	const wall0 = performance.now();
	const r = await worker.call<LatencyResult>({
		cmd: 'latency',
		urls: plans.map((p) => server.wsBase + planRoom(p)),
		provider: server.name === 'hocuspocus' ? 'hocuspocus' : spec.provider,
		cookies: ours ? cookies : cookies.map(() => null),
		seedState: ours ? undefined : Buffer.from(demoStateForPeers).toString('base64'),
		taskId: 'bench-task',
		warmup: WARMUP,
		edits: EDITS,
		intervalMs: spec.intervalMs,
		writers
	}, (step) => {
		if (step === 'edits-start' && profiled) before = scrapeMetrics(server.httpUrl);
	});
	const cpu1 = cpuMs(server.pid);
	const serverCpu = cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / (performance.now() - wall0) : null;
	const profile = before ? profileOf(await before, await scrapeMetrics(server.httpUrl)) : undefined;
	const run: RunResult = {
		server: server.name,
		samples: r.samples,
		latency: summarize(r.samples),
		observed: summarize(r.observed),
		perEditMax: r.perEditMax,
		perEditMin: r.perEditMin,
		expected: r.expected,
		connectMs: r.connectMs,
		serverCpu,
		clientCpu: r.clientCpu,
		closedEarly: r.closedEarly,
		profile
	};
	const prof = profile
		? `; edit wait in server mean ${profile.editWait.meanMs.toFixed(2)} p99 ≤ ${profile.editWait.p99Ms} ms; loop delay p99 ${profile.eventLoopDelayMs.p99.toFixed(1)} max ${profile.eventLoopDelayMs.max.toFixed(1)} ms, store mean ${profile.store.meanMs.toFixed(2)} ms ×${profile.store.count} (batches inline ${profile.batches.inline} / thread ${profile.batches.thread}, ${profile.batches.pauses} pauses), broadcast mean ${profile.broadcast.meanMs.toFixed(3)} ms, GC ${profile.gc.count}× ${profile.gc.totalMs.toFixed(0)} ms`
		: '';
	const first = summarize(r.perEditMin.filter(Number.isFinite));
	log(`  p50 ${run.latency.p50.toFixed(2)} ms, p99 ${run.latency.p99.toFixed(2)} ms, max ${run.latency.max.toFixed(1)} ms, ${run.latency.count}/${run.expected} samples; first receiver p50 ${first.p50.toFixed(2)} p99 ${first.p99.toFixed(2)} ms; CPU server ${((serverCpu ?? NaN) * 100).toFixed(0)}% client ${(run.clientCpu * 100).toFixed(0)}%${prof}`);
	return run;
}

/** The demo plan's state, brought by the first client of a room on servers without our storage. */
let demoStateForPeers: Uint8Array = new Uint8Array();

// ─── Main ───────────────────────────────────────────────────────────────────────────────────────

async function main() {
	if (SECTIONS.has('gantt')) {
		await section('gantt', async () => {
			results.gantt = await runGanttBench(log);
		});
	}
	if (SECTIONS.has('grid')) {
		await section('grid', async () => {
			log('grid: 10,000 tasks, ours against @svar-ui/svelte-grid, in Chromium');
			results.grid = await runGridBench({
				tasks: 10_000,
				frames: Number(args.get('grid-frames') ?? (quick ? 120 : 300)),
				step: Number(args.get('grid-step') ?? 120),
				edits: Number(args.get('grid-edits') ?? (quick ? 8 : 20)),
				log
			});
		});
	}
	if (SECTIONS.has('page')) {
		await section('page', async () => {
			log('page: the real pages over the real server, in Chromium (10,000 tasks, 2,000 milestones, 500 pairings)');
			await ensureBuild();
			results.page = await runPageBench({
				log,
				tasks: Number(args.get('page-tasks') ?? 10_000),
				milestones: Number(args.get('page-milestones') ?? 2_000),
				pairings: Number(args.get('page-pairings') ?? 500),
				rounds: quick ? 1 : 2,
				only: args.get('page-only')?.split(',')
			});
		});
	}
	if (!SERVER_SECTIONS) return;
	const tmp = tempDatabaseUrl();
	cleanups.push(tmp.cleanup);
	const emptyTmp = tempDatabaseUrl();
	cleanups.push(emptyTmp.cleanup);
	const demoTmp = tempDatabaseUrl();
	cleanups.push(demoTmp.cleanup);

	const needsOurs = ['latency', 'memory', 'cold'].some((s) => SECTIONS.has(s));
	const haveServer = existsSync(join(ROOT, 'server/index.ts'));
	if (needsOurs && haveServer) await ensureBuild();

	// ── Data ──
	log('seeding the bench database');
	const h = await openTestDb(tmp.url);
	const maxClients = Math.max(...CLIENT_COUNTS, SECTIONS.has('scale') ? SCALE_CLIENTS : 0, SECTIONS.has('cluster') ? CLUSTER_CLIENTS : 0);
	const people = await makeUsers(h, maxClients);
	const demoDoc = demoPlanDoc();
	const demoState = Y.encodeStateAsUpdate(demoDoc);
	demoStateForPeers = demoState;
	DEMO_TASKS = demoDoc.getMap('tasks').size;
	const latencyPlans = new Map<string, string>();
	for (const workload of SECTIONS.has('latency') ? WORKLOADS : []) {
		for (const pinning of PINNINGS) {
			for (const n of CLIENT_COUNTS) {
				for (const rep of [0, 1]) {
					latencyPlans.set(`${workload}:${pinning}:${n}:${rep}`, await makeStoredPlan(h, people.ids.slice(0, n), demoDoc, `压测方案 ${workload} ${pinning} ${n} 人 #${rep}`));
				}
			}
		}
	}
	const clusterPlans: string[] = [];
	if (SECTIONS.has('cluster')) {
		for (let i = 0; i < CLUSTER_PLANS; i++) {
			const members = people.ids.filter((_, j) => j % CLUSTER_PLANS === i).slice(0, Math.ceil(CLUSTER_CLIENTS / CLUSTER_PLANS));
			clusterPlans.push(await makeStoredPlan(h, members, demoDoc, `双实例方案 ${i}`));
		}
	}
	const scalePlans: string[] = [];
	if (SECTIONS.has('scale')) {
		for (let i = 0; i < SCALE_PLANS; i++) {
			const members = people.ids.filter((_, j) => j % SCALE_PLANS === i).slice(0, Math.ceil(SCALE_CLIENTS / SCALE_PLANS));
			scalePlans.push(await makeStoredPlan(h, members, demoDoc, `多房间方案 ${i}`));
		}
	}
	const memoryPlans: string[] = [];
	for (let i = 0; i <= MEMORY_ROOMS; i++) {
		memoryPlans.push(await makeStoredPlan(h, [people.ids[0]], demoDoc, `内存方案 ${i}`));
	}
	const bigDoc = makePlanDoc(BIG_TASKS, 42);
	const bigPlan = await makeStoredPlan(h, [people.ids[0]], bigDoc, '五千任务方案');
	await appendLogTail(h, bigPlan, bigDoc, people.ids[0], LOG_TAIL);
	let stallPlans: StallPlans | null = null;
	let hugePlan = '';
	if (SECTIONS.has('stalls') || SECTIONS.has('load')) {
		const hugeDoc = makePlanDoc(HUGE_TASKS, 43);
		hugePlan = await makeStoredPlan(h, [people.ids[0]], hugeDoc, '两万任务方案');
		await appendLogTail(h, hugePlan, hugeDoc, people.ids[0], LOG_TAIL);
		results.options.hugeStateBytes = Y.encodeStateAsUpdate(hugeDoc).byteLength;
		hugeDoc.destroy();
	}
	if (SECTIONS.has('stalls')) {
		const churnClients = Math.min(200, people.ids.length);
		const bigFold = await makeStoredPlan(h, [people.ids[0]], bigDoc, '五千任务方案（折叠）');
		await appendLogTail(h, bigFold, bigDoc, people.ids[0], LOG_TAIL);
		// Edit and fold plans apart from `bigPlan`, whose first syncs the latency section times.
		const bigEdit = await makeStoredPlan(h, [people.ids[0]], bigDoc, '五千任务方案（编辑）');
		await appendLogTail(h, bigEdit, bigDoc, people.ids[0], LOG_TAIL);
		stallPlans = {
			churn: await makeStoredPlan(h, people.ids.slice(0, churnClients), demoDoc, '进出压测方案'),
			cookies: people.cookies.slice(0, churnClients),
			big: bigEdit,
			bigFold,
			bigTasks: BIG_TASKS,
			huge: hugePlan,
			hugeTasks: HUGE_TASKS,
			cookie: people.cookies[0]
		};
	}
	results.options.demoStateBytes = demoState.byteLength;
	results.options.bigStateBytes = Y.encodeStateAsUpdate(bigDoc).byteLength;

	// ── In-process: 5,000-task load and projection, Y.Doc heap ──
	if (SECTIONS.has('load')) {
		await section('load', async () => {
			log(`in-process: load + apply of ${BIG_TASKS} tasks`);
			let tasks = 0;
			const loadMs = await timeRuns(7, async () => {
				const { state } = await loadDocState(h.db, planRoom(bigPlan));
				const doc = new Y.Doc();
				Y.applyUpdate(doc, state!);
				tasks = doc.getMap('tasks').size;
				doc.destroy();
			});
			if (tasks !== BIG_TASKS) throw new Error(`loaded ${tasks} tasks, expected ${BIG_TASKS}`);
			const { state } = await loadDocState(h.db, planRoom(bigPlan));
			const doc = new Y.Doc();
			Y.applyUpdate(doc, state!);
			const projectMs = await timeRuns(5, () => projectPlanDoc(h.db, bigPlan, doc));
			const onlyApplyMs = await timeRuns(7, () => Y.applyUpdate(new Y.Doc(), state!));
			const hugeLoadMs = await timeRuns(3, async () => {
				const { state: s } = await loadDocState(h.db, planRoom(hugePlan));
				const d = new Y.Doc();
				Y.applyUpdate(d, s!);
				d.destroy();
			});
			results.load = {
				tasks,
				stateBytes: state!.byteLength,
				loadAndApplyMs: loadMs,
				loadAndApplyMedianMs: median(loadMs),
				applyOnlyMedianMs: median(onlyApplyMs),
				projectMs,
				projectMedianMs: median(projectMs),
				hugeTasks: HUGE_TASKS,
				hugeLoadAndApplyMedianMs: median(hugeLoadMs)
			};
		});
	}
	if (SECTIONS.has('memory')) {
		await section('memory (in-process)', async () => {
			const gc = enableGc();
			const copies = 50;
			const bigState = Y.encodeStateAsUpdate(bigDoc);
			const measure = (state: Uint8Array, count: number) => {
				const keep: Y.Doc[] = [];
				gc();
				gc();
				const before = process.memoryUsage().heapUsed;
				for (let i = 0; i < count; i++) {
					const d = new Y.Doc();
					Y.applyUpdate(d, state);
					keep.push(d);
				}
				gc();
				gc();
				const per = (process.memoryUsage().heapUsed - before) / count;
				keep.length = 0;
				return per;
			};
			results.memory.inProcessDemoDocBytes = measure(demoState, copies);
			results.memory.inProcessBigDocBytes = measure(bigState, 3);
		});
	}
	h.client.close();

	const worker = await ClientProcess.start();

	// ── Latency: every server up, measured interleaved (peers, ours, ours, peers reversed per
	// client count) so background load that drifts during the run weighs on all alike; each run a
	// fresh room ──
	const firstSync: Record<string, unknown> = {};
	if (SECTIONS.has('latency')) {
		await section('latency', async () => {
			if (!haveServer) results.errors.push('latency ours: server/index.ts does not exist yet');
			else await ensureBuild();
			log(`latency: starting the servers (ours, ${PEERS.join(', ')})`);
			const servers: Partial<Record<PeerName, ServerUnderTest & { done: () => Promise<void> }>> = {};
			for (const peer of PEERS) servers[peer] = await started(peer === 'reference' ? startReference() : startHocuspocus());
			if (haveServer) servers.ours = await started(startOurs(tmp.url, { env: OURS_ENV }));
			try {
				for (const pinning of PINNINGS) {
					// Pinned: every server on core 0 (one runs at a time) and the load generator on core 1.
					for (const s of Object.values(servers)) pinProcess(s.pid, pinning === 'pinned' ? '0' : ALL_CORES);
					pinProcess(worker.pid, pinning === 'pinned' ? '1' : ALL_CORES);
					for (const workload of WORKLOADS) {
						const spec = WORKLOAD_SPECS[workload];
						for (const n of CLIENT_COUNTS) {
							const order: [PeerName, number][] = [
								...PEERS.map((p) => [p, 0] as [PeerName, number]),
								['ours', 0],
								['ours', 1],
								...[...PEERS].reverse().map((p) => [p, 1] as [PeerName, number])
							];
							for (const [which, rep] of order) {
								const server = servers[which];
								if (!server) continue;
								const planId = latencyPlans.get(`${workload}:${pinning}:${n}:${rep}`)!;
								log(`latency: ${which}, ${workload}, ${pinning}, ${n} clients, ${WARMUP}+${EDITS} edits every ${spec.intervalMs} ms by ${Math.min(spec.writers, n)} writer(s)`);
								const run = await latencyRun(worker, server, Array(n).fill(planId), people.cookies.slice(0, n), spec.writers, which === 'ours', spec);
								results.latency.push({ ...run, clients: n, repetition: rep, workload, pinning });
								const pooled = (pooledSamples[`${workload}:${pinning}:${which}:${n}`] ??= { samples: [], expected: 0 });
								pooled.samples.push(...run.samples);
								pooled.expected += run.expected;
							}
						}
					}
				}
				for (const s of Object.values(servers)) pinProcess(s.pid, ALL_CORES);
				pinProcess(worker.pid, ALL_CORES);
				if (servers.ours) {
					const url = servers.ours.wsBase + planRoom(bigPlan);
					const cold = await worker.call<{ syncedMs: number; appliedMs: number; tasks: number }>({ cmd: 'firstSync', url, cookie: people.cookies[0], expectTasks: BIG_TASKS });
					const warm = await worker.call<{ syncedMs: number; appliedMs: number; tasks: number }>({ cmd: 'firstSync', url, cookie: people.cookies[0], expectTasks: BIG_TASKS });
					Object.assign(firstSync, { cold, warm });
					if (cold.tasks !== BIG_TASKS) results.errors.push(`first sync: got ${cold.tasks} tasks, expected ${BIG_TASKS}`);
				}
			} finally {
				for (const s of Object.values(servers)) await s.done();
			}
		});
		for (const [key, p] of Object.entries(pooledSamples)) {
			const [workload, pinning, server, n] = key.split(':');
			results.latencyPooled.push({ workload: workload as Workload, pinning: pinning as Pinning, server: server as PeerName, clients: Number(n), latency: summarize(p.samples), expected: p.expected });
		}
	}

	// ── Two instances on one database behind nginx (the README's config), then kill -9 one ──
	if (SECTIONS.has('cluster') && haveServer) {
		await section('cluster', async () => {
			if (!haveNginx()) throw new Error('nginx is not installed (/usr/sbin/nginx)');
			await ensureBuild();
			const nginxPort = await freePort();
			const env = { ...OURS_ENV, ORIGIN: `http://127.0.0.1:${nginxPort}` };
			const a = await started(startOurs(tmp.url, { env }));
			const b = await started(startOurs(tmp.url, { env }));
			const proxy = await startNginx(nginxPort, [a, b].map((s) => Number(new URL(s.httpUrl).port)));
			cleanups.push(proxy.stop);
			try {
				const front: ServerUnderTest = { ...a, wsBase: `${proxy.wsUrl}/sync/`, httpUrl: proxy.url };
				const plans = Array.from({ length: CLUSTER_CLIENTS }, (_, i) => clusterPlans[i % CLUSTER_PLANS]);
				log(`cluster: two instances behind nginx, ${CLUSTER_CLIENTS} clients over ${CLUSTER_PLANS} plans`);
				const run = await latencyRun(worker, front, plans, people.cookies.slice(0, CLUSTER_CLIENTS), CLUSTER_PLANS * 2, false);
				// One client per plan holds the document as every peer saw it; then instance a dies.
				const urls = clusterPlans.map((p) => front.wsBase + planRoom(p));
				const openAll = () => worker.call<{ ms: number }>({ cmd: 'open', clients: urls.map((url, i) => ({ url, cookie: people.cookies[i % CLUSTER_CLIENTS] })) });
				await openAll();
				const before = await worker.call<{ url: string; digest: string }[]>({ cmd: 'digest' });
				await worker.call({ cmd: 'closeAll' });
				process.kill(a.pid, 'SIGKILL');
				const { ms: reconnectMs } = await openAll();
				const after = await worker.call<{ url: string; digest: string }[]>({ cmd: 'digest' });
				await worker.call({ cmd: 'closeAll' });
				const lost = before.filter((x) => after.find((y) => y.url === x.url)?.digest !== x.digest).length;
				results.cluster = {
					plans: CLUSTER_PLANS,
					clients: CLUSTER_CLIENTS,
					latency: run.latency,
					expected: run.expected,
					perEditMax: run.perEditMax,
					failover: { reconnectMs, lost, edits: CLUSTER_PLANS, note: 'every plan opened afresh through nginx after kill -9 of one instance; lost = plans whose tasks differ from before' }
				};
				log(`  failover: ${CLUSTER_PLANS} plans synced through the survivor in ${reconnectMs.toFixed(0)} ms, ${lost} plan(s) differ`);
			} finally {
				await proxy.stop();
				await a.done();
				await b.done();
			}
		});
	}

	// ── Many rooms: SCALE_CLIENTS clients over SCALE_PLANS plans on ours ──
	if (SECTIONS.has('scale') && haveServer) {
		await section('scale', async () => {
			await ensureBuild();
			const server = await started(startOurs(tmp.url, { env: OURS_ENV }));
			try {
				log(`scale: ours, ${SCALE_CLIENTS} clients over ${SCALE_PLANS} plans, ${SCALE_WRITERS} writers`);
				const planOf = (i: number) => scalePlans[i % SCALE_PLANS];
				const plans = Array.from({ length: SCALE_CLIENTS }, (_, i) => planOf(i));
				const run = await latencyRun(worker, server, plans, people.cookies.slice(0, SCALE_CLIENTS), SCALE_WRITERS);
				results.scale = { ...run, samples: undefined } as unknown as LatencyRun;
				(results.scale as LatencyRun & { plans: number }).plans = SCALE_PLANS;
			} finally {
				await server.done();
			}
		});
	}

	results.load = { ...results.load, firstSync };

	// ── Stalls and big rooms: ours alone, pinned where possible ──
	if (SECTIONS.has('stalls') && haveServer && stallPlans) {
		await section('stalls', async () => {
			await ensureBuild();
			results.stalls = await runStalls({ worker, databaseUrl: tmp.url, plans: stallPlans!, pin: CAN_PIN, env: OURS_ENV, started, log });
		});
	}

	// ── Memory per open plan document, in the server process ──
	if (SECTIONS.has('memory')) {
		for (const which of ['reference', 'ours'] as const) {
			if (which === 'ours' && !haveServer) continue;
			await section(`memory ${which}`, async () => {
				log(`memory: ${which}, ${MEMORY_ROOMS} rooms of ${DEMO_TASKS} tasks`);
				if (which === 'ours') await ensureBuild();
				const server = await started(which === 'ours' ? startOurs(tmp.url, { inspect: true, env: OURS_ENV }) : startReference({ inspect: true }));
				const inspector = await Inspector.attach(server);
				try {
					const open = (plans: string[]) =>
						worker.call({
							cmd: 'open',
							clients: plans.map((p, i) => ({
								url: server.wsBase + planRoom(p),
								cookie: which === 'ours' ? people.cookies[0] : null,
								user: { name: `mem ${i}`, color: '#336699' },
								// The reference has no persistence: the client brings the same content.
								initialState: which === 'reference' ? Buffer.from(demoState).toString('base64') : undefined
							}))
						});
					await open([memoryPlans[0]]);
					await new Promise((r) => setTimeout(r, 500));
					const before = await inspector.sample(server.pid);
					await open(memoryPlans.slice(1));
					// Let stores, projections and debounced work settle before sampling.
					await new Promise((r) => setTimeout(r, 1500));
					const after = await inspector.sample(server.pid);
					if (which === 'ours') {
						// One open 5,000-task plan: its Y.Doc, awareness, cached sync frames, owners.
						await open([bigPlan]);
						await new Promise((r) => setTimeout(r, 1500));
						const withBig = await inspector.sample(server.pid);
						results.memory.oursBig = {
							heapPerDocBytes: withBig.heapUsed - after.heapUsed,
							rssPerDocBytes: withBig.rss !== null && after.rss !== null ? withBig.rss - after.rss : null
						};
					}
					await worker.call({ cmd: 'closeAll' });
					results.memory[which] = {
						rooms: MEMORY_ROOMS,
						before,
						after,
						heapPerDocBytes: (after.heapUsed - before.heapUsed) / MEMORY_ROOMS,
						externalPerDocBytes: (after.external - before.external) / MEMORY_ROOMS,
						rssPerDocBytes:
							after.rss !== null && before.rss !== null ? (after.rss - before.rss) / MEMORY_ROOMS : null
					};
				} finally {
					inspector.close();
					await server.done();
				}
			});
		}
	}

	// ── Cold start ──
	if (SECTIONS.has('cold') && haveServer) {
		await section('cold start', async () => {
			log('cold start: 3× against the seeded demo database, 1× against an empty one');
			const d = await openTestDb(demoTmp.url);
			await seedDemo(d.db, todayInShanghai());
			d.client.close();
			await ensureBuild();
			const runs: number[] = [];
			for (let i = 0; i < 3; i++) runs.push(await coldStartMs(demoTmp.url));
			const emptyDbMs = await coldStartMs(emptyTmp.url);
			results.coldStart = { existingDbMs: runs, existingDbMedianMs: median(runs), emptyDbMs };
		});
	} else if (SECTIONS.has('cold')) {
		results.errors.push('cold start: server/index.ts does not exist yet');
	}

	await worker.call({ cmd: 'exit' }).catch(() => {});
	await worker.stop();
}

// ─── Table ──────────────────────────────────────────────────────────────────────────────────────

function buildRows(): Row[] {
	const rows: Row[] = SECTIONS.has('latency') ? latencyRows(results.latency, results.latencyPooled, { clientCounts: CLIENT_COUNTS, workloads: WORKLOADS, pinnings: PINNINGS, peers: PEERS, canPin: CAN_PIN }) : [];
	const sc = results.scale;
	if (SECTIONS.has('scale')) {
		const lostNone = sc ? sc.latency.count === sc.expected : null;
		rows.push({ metric: `edit latency p50 @${SCALE_CLIENTS} clients / ${SCALE_PLANS} plans`, ours: sc?.latency.p50 ?? null, unit: 'ms' });
		rows.push({ metric: `edit latency p99 @${SCALE_CLIENTS} clients / ${SCALE_PLANS} plans`, ours: sc?.latency.p99 ?? null, unit: 'ms', target: '≤ 50 ms, none lost', pass: sc ? sc.latency.p99 <= 50 && !!lostNone : null, note: sc ? `${sc.latency.count}/${sc.expected} samples; max ${sc.latency.max.toFixed(1)} ms; loop delay p99 ${sc.profile?.eventLoopDelayMs.p99.toFixed(1)} ms` : '' });
	}
	const cl = results.cluster as
		| { latency?: Summary; expected?: number; failover?: { reconnectMs: number; lost: number; edits: number } }
		| undefined;
	if (SECTIONS.has('cluster')) {
		rows.push({ metric: `two instances behind nginx: edit latency p50`, ours: cl?.latency?.p50 ?? null, unit: 'ms', note: cl?.latency ? `${cl.latency.count}/${cl.expected} samples` : '' });
		rows.push({ metric: `two instances behind nginx: edit latency p99`, ours: cl?.latency?.p99 ?? null, unit: 'ms' });
		rows.push({ metric: `  kill -9 one: its clients resynced via the other`, ours: cl?.failover?.reconnectMs ?? null, unit: 'ms', note: cl?.failover ? `${cl.failover.lost} of ${cl.failover.edits} plans differ from before the kill (0 = nothing lost)` : '' });
	}
	const c = results.coldStart;
	rows.push({ metric: 'cold start → /healthz 200 (median of 3)', ours: c?.existingDbMedianMs, unit: 'ms', target: '< 2000 ms', pass: c ? c.existingDbMedianMs < 2000 : null, note: c ? `runs ${c.existingDbMs.map((x) => x.toFixed(0)).join(', ')}` : '' });
	rows.push({ metric: 'cold start, empty db (migrations)', ours: c?.emptyDbMs, unit: 'ms' });
	const mem = results.memory as Record<string, { heapPerDocBytes: number; rssPerDocBytes: number | null; externalPerDocBytes: number } | number | undefined>;
	const mo = mem.ours as { heapPerDocBytes: number; rssPerDocBytes: number | null } | undefined;
	const mr = mem.reference as { heapPerDocBytes: number; rssPerDocBytes: number | null } | undefined;
	const kib = (b?: number | null) => (b == null ? null : b / 1024);
	rows.push({ metric: `server heap per open plan doc (${DEMO_TASKS} tasks)`, ours: kib(mo?.heapPerDocBytes), reference: kib(mr?.heapPerDocBytes), unit: 'KiB', note: `(after − before) / ${MEMORY_ROOMS}` });
	rows.push({ metric: `server RSS per open plan doc (${DEMO_TASKS} tasks)`, ours: kib(mo?.rssPerDocBytes), reference: kib(mr?.rssPerDocBytes), unit: 'KiB', note: 'noisy: allocator granularity' });
	const big = mem.oursBig as { heapPerDocBytes: number; rssPerDocBytes: number | null } | undefined;
	rows.push({ metric: `server heap per open ${BIG_TASKS}-task doc`, ours: kib(big?.heapPerDocBytes), unit: 'KiB', note: 'one room, after − before, GC’d' });
	rows.push({ metric: `server RSS per open ${BIG_TASKS}-task doc`, ours: kib(big?.rssPerDocBytes), unit: 'KiB' });
	rows.push({ metric: `in-process Y.Doc heap, ${DEMO_TASKS}-task plan`, ours: kib(mem.inProcessDemoDocBytes as number | undefined), unit: 'KiB', note: 'yjs itself, per decoded doc' });
	rows.push({ metric: `in-process Y.Doc heap, ${BIG_TASKS}-task plan`, ours: kib(mem.inProcessBigDocBytes as number | undefined), unit: 'KiB' });
	const l = results.load as
		| { loadAndApplyMedianMs?: number; applyOnlyMedianMs?: number; projectMedianMs?: number; firstSync?: { cold?: { appliedMs: number; syncedMs: number }; warm?: { appliedMs: number; syncedMs: number } } }
		| undefined;
	rows.push({ metric: `${BIG_TASKS}-task load: loadDocState + applyUpdate`, ours: l?.loadAndApplyMedianMs, unit: 'ms', target: '< 300 ms', pass: l?.loadAndApplyMedianMs != null ? l.loadAndApplyMedianMs < 300 : null, note: `median of 7; ${LOG_TAIL}-update log tail` });
	rows.push({ metric: `  of which Y.applyUpdate`, ours: l?.applyOnlyMedianMs, unit: 'ms' });
	const hugeLoad = (results.load as { hugeLoadAndApplyMedianMs?: number } | undefined)?.hugeLoadAndApplyMedianMs;
	if (SECTIONS.has('load')) rows.push({ metric: `${HUGE_TASKS}-task load: loadDocState + applyUpdate`, ours: hugeLoad ?? null, unit: 'ms', note: `median of 3; ${LOG_TAIL}-update log tail` });
	rows.push({ metric: `${BIG_TASKS}-task projectPlanDoc`, ours: l?.projectMedianMs, unit: 'ms', note: 'median of 5' });
	rows.push({ metric: `${BIG_TASKS}-task first sync via server, cold room`, ours: l?.firstSync?.cold?.appliedMs, unit: 'ms', target: '< 300 ms', pass: l?.firstSync?.cold ? l.firstSync.cold.appliedMs < 300 : null, note: 'connect → step 2 applied' });
	rows.push({ metric: `${BIG_TASKS}-task first sync via server, warm room`, ours: l?.firstSync?.warm?.appliedMs, unit: 'ms', target: '< 100 ms', pass: l?.firstSync?.warm ? l.firstSync.warm.appliedMs < 100 : null });
	rows.push({ metric: `  cold: step 2 arrived (server + network)`, ours: l?.firstSync?.cold?.syncedMs, unit: 'ms', target: '< 300 ms', pass: l?.firstSync?.cold ? l.firstSync.cold.syncedMs < 300 : null });
	rows.push({ metric: `  warm: step 2 arrived (server + network)`, ours: l?.firstSync?.warm?.syncedMs, unit: 'ms', target: '< 100 ms', pass: l?.firstSync?.warm ? l.firstSync.warm.syncedMs < 100 : null });
	rows.push(...stallRows(results.stalls, SECTIONS.has('stalls')));
	// A metric of ours that produced no number was not measured (—), not inapplicable (blank).
	for (const r of rows) if (r.unit && r.ours === undefined) r.ours = null;
	return rows;
}

let failed = false;
try {
	await main();
} catch (e) {
	failed = true;
	results.errors.push(`harness: ${(e as Error)?.stack ?? e}`);
	console.error(e);
} finally {
	await cleanupAll();
}

const rows = [
	...(SERVER_SECTIONS ? buildRows() : []),
	...(SECTIONS.has('gantt') ? ganttRows(results.gantt) : []),
	...gridRows(results.grid),
	...pageRows(results.page)
];
results.machine.loadavgAtEnd = loadavg();
console.log('\n' + renderTable(rows) + '\n');
const busy = Math.max((results.machine.loadavgAtStart as number[])[0], loadavg()[0]);
if (busy > cpus().length * 0.5) {
	console.log(`note: 1-min load average reached ${busy.toFixed(1)} on ${cpus().length} cores; other work competed with the servers, timings are pessimistic`);
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const out = { ...results, finishedAt: new Date().toISOString(), table: rows };
const stamp = results.startedAt.replace(/[:.]/g, '-');
writeFileSync(join(dir, `bench-${stamp}.json`), JSON.stringify(out, null, 2));
writeFileSync(join(dir, 'latest.json'), JSON.stringify(out, null, 2));
console.log(`results: tests/bench/results/bench-${stamp}.json (and latest.json)`);
if (results.errors.length) {
	console.error(`\n${results.errors.length} measurement error(s):\n- ${results.errors.join('\n- ')}`);
	failed = true;
}
process.exit(failed ? 1 : 0);
