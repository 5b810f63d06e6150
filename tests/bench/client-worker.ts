/**
 * The client side of the benchmarks, run as its own process (`fork`) so client load never shares
 * the server's event loop. The parent sends one command at a time over IPC and gets one reply.
 */
import * as Y from 'yjs';
import { BenchClient, currentFrameAt, openClients, type ClientOptions } from './clients';
import { tasksMap, writeTask } from '../../src/lib/shared/plan/doc';

export type WorkerCommand =
	| {
			cmd: 'latency';
			urls: string[];
			cookies: (string | null)[];
			/** Base64 state for the first client (the reference server starts every room empty). */
			seedState?: string;
			taskId: string;
			warmup: number;
			edits: number;
			intervalMs: number;
	  }
	| { cmd: 'open'; clients: (Omit<ClientOptions, 'initialState'> & { initialState?: string })[] }
	| { cmd: 'closeAll' }
	| { cmd: 'firstSync'; url: string; cookie: string | null; expectTasks: number }
	| { cmd: 'exit' };

export interface LatencyResult {
	/** Frame arrival − send time, ms, one per (edit, receiving client). */
	samples: number[];
	/** Applied-and-observed in the receiver's Y.Doc − send time, ms (includes client CPU). */
	observed: number[];
	expected: number;
	connectMs: number;
	closedEarly: number;
}

const TITLE = /^bench:(\d+):([\d.]+)$/;

let open: BenchClient[] = [];

async function latency(c: Extract<WorkerCommand, { cmd: 'latency' }>): Promise<LatencyResult> {
	const t0 = performance.now();
	const clients = await openClients(
		c.urls.map((url, i) => ({
			url,
			cookie: c.cookies[i],
			initialState: i === 0 && c.seedState ? Buffer.from(c.seedState, 'base64') : null,
			user: { name: `bench ${i}`, color: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}` }
		}))
	);
	const connectMs = performance.now() - t0;
	const n = clients.length;
	try {
		// The task every edit touches; created by the first writer if the room does not have it.
		if (!tasksMap(clients[0].doc).has(c.taskId)) {
			writeTask(clients[0].doc, {
				id: c.taskId,
				title: 'bench task',
				workstream: 'bench',
				phase: 'pilot',
				unit: 'bench',
				lead: 'bench',
				start: '2026-03-01',
				due: '2026-06-30',
				status: 'doing',
				progress: 0,
				deps: [],
				order: 'a0'
			});
		}
		await waitFor(() => clients.every((cl) => tasksMap(cl.doc).get(c.taskId) instanceof Y.Map), 10_000, 'bench task to reach every client');

		const samples: number[] = [];
		const observed: number[] = [];
		const total = c.warmup + c.edits;
		let got = 0;
		for (const cl of clients) {
			tasksMap(cl.doc).observeDeep((events, tr) => {
				if (tr.local) return;
				for (const e of events) {
					if (!(e.target instanceof Y.Map) || !(e as Y.YMapEvent<unknown>).keysChanged.has('title')) continue;
					const m = TITLE.exec(String(e.target.get('title')));
					if (!m) continue;
					got++;
					if (Number(m[1]) < c.warmup) continue;
					const sent = Number(m[2]);
					samples.push(currentFrameAt - sent);
					observed.push(performance.now() - sent);
				}
			});
		}

		const start = performance.now() + 50;
		for (let k = 0; k < total; k++) {
			const wait = start + k * c.intervalMs - performance.now();
			if (wait > 0) await sleep(wait);
			const writer = clients[k % n];
			const task = tasksMap(writer.doc).get(c.taskId)!;
			const sent = performance.now();
			task.set('title', `bench:${k}:${sent.toFixed(3)}`);
		}
		await waitFor(() => got >= total * (n - 1), 5_000, '').catch(() => {});
		return {
			samples,
			observed,
			expected: c.edits * (n - 1),
			connectMs,
			closedEarly: clients.filter((cl) => cl.closeCode !== null).length
		};
	} finally {
		await Promise.all(clients.map((cl) => cl.close()));
	}
}

async function firstSync(c: Extract<WorkerCommand, { cmd: 'firstSync' }>) {
	const t0 = performance.now();
	const client = new BenchClient({ url: c.url, cookie: c.cookie });
	try {
		await client.whenSynced(30_000);
		const appliedMs = performance.now() - t0;
		const tasks = tasksMap(client.doc).size;
		return { syncedMs: client.syncedAt - t0, appliedMs, tasks };
	} finally {
		await client.close();
	}
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
