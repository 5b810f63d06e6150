/**
 * The client side of the benchmarks, run as its own process (`fork`) so client load never shares
 * the server's event loop. The parent sends one command at a time over IPC and gets one reply.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { currentFrameAt, openClients, type ClientOptions, type LiveClient } from './clients';
import { tasksMap, writeTask } from '../../src/lib/shared/plan/doc';

export type WorkerCommand =
	| {
			cmd: 'latency';
			/** One per client; clients with the same URL share a room (several rooms per run are fine). */
			urls: string[];
			provider?: ClientOptions['provider'];
			cookies: (string | null)[];
			/** Base64 state for the first client (the reference server starts every room empty). */
			seedState?: string;
			/** Prefix of the per-client task ids (`<prefix>-<i>`). */
			taskId: string;
			warmup: number;
			edits: number;
			intervalMs: number;
			/** Edits rotate among the first `writers` clients; every client receives. */
			writers: number;
	  }
	| { cmd: 'open'; clients: (Omit<ClientOptions, 'initialState'> & { initialState?: string })[] }
	| { cmd: 'closeAll' }
	/** Per open client: its URL and a digest of its tasks (to compare documents across servers). */
	| { cmd: 'digest' }
	| { cmd: 'firstSync'; url: string; cookie: string | null; expectTasks: number; provider?: ClientOptions['provider'] }
	/** `clients` clients open one room all at once, sync, and all leave: awareness join/leave churn. */
	| { cmd: 'churn'; url: string; cookies: (string | null)[]; provider?: ClientOptions['provider'] }
	/** One writer edits random existing tasks of a (large) plan: `edits` edits every `intervalMs`. */
	| { cmd: 'editTasks'; url: string; cookie: string | null; edits: number; intervalMs: number; settleMs: number }
	| { cmd: 'exit' };

export interface LatencyResult {
	/** Frame arrival − send time, ms, one per (edit, receiving client). */
	samples: number[];
	/** Applied-and-observed in the receiver's Y.Doc − send time, ms (includes client CPU). */
	observed: number[];
	/** Per measured edit, in send order: the slowest receiver's latency (ms), to spot backlogs. */
	perEditMax: number[];
	/** The fastest receiver per edit, ms: the server's time to its first send. */
	perEditMin: number[];
	expected: number;
	connectMs: number;
	/** This client process's CPU time / wall time over the edits (1 = one core busy). */
	clientCpu: number;
	closedEarly: number;
}

const TITLE = /^bench:(\d+):([\d.]+)$/;

let open: LiveClient[] = [];

async function latency(c: Extract<WorkerCommand, { cmd: 'latency' }>): Promise<LatencyResult> {
	const t0 = performance.now();
	const clients = await openClients(
		c.urls.map((url, i) => ({
			url,
			provider: c.provider,
			cookie: c.cookies[i],
			// The first client of each room brings the seed (peers without our storage start empty).
			initialState: c.urls.indexOf(url) === i && c.seedState ? Buffer.from(c.seedState, 'base64') : null,
			user: { name: `bench ${i}`, color: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}` }
		}))
	);
	const connectMs = performance.now() - t0;
	const n = clients.length;
	try {
		// Each client edits its own task, so no two edits ever race for the same key: with one
		// shared task, an edit that arrives after a newer one loses the last-writer-wins race, is
		// never observed, and the newer one gets counted twice.
		const taskOf = (i: number) => `${c.taskId}-${i}`;
		const w = Math.max(1, Math.min(c.writers, n));
		// Who shares a room with whom: a writer's edit is expected at every other client of its room.
		const roomOf = c.urls;
		const peersOf = (i: number) => roomOf.filter((u) => u === roomOf[i]).length - 1;
		const writersIn = (url: string) => [...Array(w).keys()].filter((i) => roomOf[i] === url);
		clients.slice(0, w).forEach((cl, i) => {
			if (tasksMap(cl.doc).has(taskOf(i))) return;
			writeTask(cl.doc, {
				id: taskOf(i),
				title: `压测任务 ${i}`,
				workstream: '压测',
				phase: 'pilot',
				unit: '压测',
				lead: `bench ${i}`,
				start: '2026-03-01',
				due: '2026-06-30',
				status: 'doing',
				progress: 0,
				deps: [],
				order: `z${String(i).padStart(4, '0')}`
			});
		});
		await waitFor(
			() => clients.every((cl, j) => writersIn(roomOf[j]).every((i) => tasksMap(cl.doc).get(taskOf(i)) instanceof Y.Map)),
			20_000,
			'every bench task to reach every client'
		);
		// Connected and set up: the parent scrapes our server's metrics from here on.
		process.send!({ progress: 'edits-start' });

		const samples: number[] = [];
		const observed: number[] = [];
		const perEditMax: number[] = Array(c.edits).fill(0);
		const perEditMin: number[] = Array(c.edits).fill(Infinity);
		const total = c.warmup + c.edits;
		let got = 0;
		for (const cl of clients) {
			const seen = new Set<number>();
			tasksMap(cl.doc).observeDeep((events, tr) => {
				if (tr.local) return;
				for (const e of events) {
					if (!(e.target instanceof Y.Map) || !(e as Y.YMapEvent<unknown>).keysChanged.has('title')) continue;
					const m = TITLE.exec(String(e.target.get('title')));
					if (!m || seen.has(Number(m[1]))) continue;
					seen.add(Number(m[1]));
					got++;
					if (Number(m[1]) < c.warmup) continue;
					const sent = Number(m[2]);
					const k = Number(m[1]) - c.warmup;
					perEditMax[k] = Math.max(perEditMax[k], currentFrameAt - sent);
					perEditMin[k] = Math.min(perEditMin[k], currentFrameAt - sent);
					samples.push(currentFrameAt - sent);
					observed.push(performance.now() - sent);
				}
			});
		}

		const start = performance.now() + 50;
		const cpu0 = process.cpuUsage();
		for (let k = 0; k < total; k++) {
			const wait = start + k * c.intervalMs - performance.now();
			if (wait > 0) await sleep(wait);
			const writer = clients[k % w];
			const task = tasksMap(writer.doc).get(taskOf(k % w))!;
			const sent = performance.now();
			task.set('title', `bench:${k}:${sent.toFixed(3)}`);
		}
		let expectedAll = 0;
		let expected = 0;
		for (let k = 0; k < total; k++) {
			expectedAll += peersOf(k % w);
			if (k >= c.warmup) expected += peersOf(k % w);
		}
		await waitFor(() => got >= expectedAll, 5_000, '').catch(() => {});
		const cpu = process.cpuUsage(cpu0);
		const clientCpu = (cpu.user + cpu.system) / 1000 / (performance.now() - start);
		return {
			samples,
			observed,
			perEditMax: perEditMax.map((x) => +x.toFixed(2)),
			perEditMin: perEditMin.map((x) => +x.toFixed(2)),
			expected,
			connectMs,
			clientCpu,
			closedEarly: clients.filter((cl) => cl.closeCode !== null).length
		};
	} finally {
		await Promise.all(clients.map((cl) => cl.close()));
	}
}

async function churn(c: Extract<WorkerCommand, { cmd: 'churn' }>) {
	const t0 = performance.now();
	const clients = await openClients(
		c.cookies.map((cookie, i) => ({ url: c.url, cookie, provider: c.provider, user: { name: `churn ${i}`, color: '#3366aa' } })),
		c.cookies.length
	);
	const joinedMs = performance.now() - t0;
	await Promise.all(clients.map((cl) => cl.close()));
	return { clients: clients.length, joinedMs, totalMs: performance.now() - t0 };
}

async function editTasks(c: Extract<WorkerCommand, { cmd: 'editTasks' }>) {
	const [client] = await openClients([{ url: c.url, cookie: c.cookie, user: { name: 'typist', color: '#aa3366' } }], 1, 30_000);
	try {
		const tasks = tasksMap(client.doc);
		const ids = [...tasks.keys()];
		if (ids.length === 0) throw new Error('the plan has no tasks to edit');
		const start = performance.now() + 20;
		for (let k = 0; k < c.edits; k++) {
			const wait = start + k * c.intervalMs - performance.now();
			if (wait > 0) await sleep(wait);
			const task = tasks.get(ids[(k * 7919) % ids.length]) as Y.Map<unknown>;
			client.doc.transact(() => {
				task.set('progress', k % 101);
				task.set('title', `压测编辑 ${k}`);
			});
		}
		// Let the server's debounced projection (and a fold, when one is due) run inside the window.
		await sleep(c.settleMs);
		return { tasks: ids.length, edits: c.edits, ms: performance.now() - start };
	} finally {
		await client.close();
	}
}

async function firstSync(c: Extract<WorkerCommand, { cmd: 'firstSync' }>) {
	const t0 = performance.now();
	const [client] = await openClients([{ url: c.url, cookie: c.cookie, provider: c.provider }], 1, 30_000);
	try {
		await client.whenSynced(30_000);
		const appliedMs = performance.now() - t0;
		const tasks = tasksMap(client.doc).size;
		return { syncedMs: client.syncedAt - t0, appliedMs, tasks };
	} finally {
		await client.close();
	}
}

/** The tasks of a document, keys sorted (replicas order map keys differently), hashed. */
function digestOf(doc: Y.Doc): string {
	const tasks = tasksMap(doc).toJSON() as Record<string, Record<string, unknown>>;
	const canonical = Object.keys(tasks)
		.sort()
		.map((id) => [id, Object.entries(tasks[id]).sort(([a], [b]) => (a < b ? -1 : 1))]);
	return createHash('sha1').update(JSON.stringify(canonical)).digest('hex');
}

function sleep(ms: number) {
	return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(cond: () => boolean, timeoutMs: number, what: string) {
	const until = performance.now() + timeoutMs;
	while (!cond()) {
		if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
		await sleep(5);
	}
}

async function handle(c: WorkerCommand): Promise<unknown> {
	switch (c.cmd) {
		case 'latency':
			return latency(c);
		case 'open': {
			const t0 = performance.now();
			const more = await openClients(
				c.clients.map((o) => ({
					...o,
					initialState: o.initialState ? Buffer.from(o.initialState, 'base64') : null
				})),
				10
			);
			open.push(...more);
			return { ms: performance.now() - t0, open: open.length };
		}
		case 'closeAll': {
			await Promise.all(open.map((cl) => cl.close()));
			open = [];
			return { open: 0 };
		}
		case 'firstSync':
			return firstSync(c);
		case 'churn':
			return churn(c);
		case 'editTasks':
			return editTasks(c);
		case 'digest':
			return open.map((cl) => ({ url: cl.url, tasks: tasksMap(cl.doc).size, digest: digestOf(cl.doc) }));
		case 'exit':
			setImmediate(() => process.exit(0));
			return {};
	}
}

process.on('message', (c: WorkerCommand) => {
	handle(c).then(
		(result) => process.send!({ ok: true, result }),
		(e: Error) => process.send!({ ok: false, error: String(e?.stack ?? e) })
	);
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
