/**
 * The servers under test, each in its own child process: ours (`server/index.ts` via the test
 * helper), the reference `@y/websocket-server` 0.1.1, started from its own unmodified bin
 * (no persistence: `YPERSISTENCE` unset), and Hocuspocus 4 with its SQLite extension
 * (`hocuspocus-server.ts`). Memory is read from outside the product: `/proc/<pid>`
 * for RSS and, for heap figures after a forced GC, the V8 inspector (`--inspect=127.0.0.1:0`),
 * so the product needs no benchmark endpoint.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freePort, ROOT, startServer } from '../helpers/start-server';

export type PeerName = 'ours' | 'reference' | 'hocuspocus';

export interface ServerUnderTest {
	name: PeerName;
	/** Base for room URLs: `${wsBase}${room}`. */
	wsBase: string;
	httpUrl: string;
	pid: number;
	output: () => string;
	stop: () => Promise<void>;
}

export { freePort };

/** Node flags from an environment variable, space-separated (`--cpu-prof --cpu-prof-dir=…`). */
const nodeFlags = (name: string): string[] => (process.env[name] ?? '').split(' ').filter(Boolean);

function inspectEnv(inspect: boolean): Record<string, string> {
	if (!inspect) return {};
	const prior = process.env.NODE_OPTIONS ?? '';
	return { NODE_OPTIONS: `${prior} --inspect=127.0.0.1:0`.trim() };
}

export async function startOurs(
	databaseUrl: string,
	opts: { inspect?: boolean; env?: Record<string, string> } = {}
): Promise<ServerUnderTest> {
	// ORIGIN is set because adapter-node rejects an empty one; the port is not known yet, and
	// nothing here depends on it (WebSocket clients send no Origin header, as Node clients don't).
	const s = await startServer({
		databaseUrl,
		env: { ORIGIN: 'http://127.0.0.1', ...opts.env, ...inspectEnv(!!opts.inspect) },
		nodeArgs: nodeFlags('BENCH_SERVER_ARGS'),
		timeoutMs: 60_000
	});
	return {
		name: 'ours',
		wsBase: `${s.wsUrl}/sync/`,
		httpUrl: s.url,
		pid: s.proc.pid!,
		output: s.output,
		stop: async () => {
			await s.stop();
			// What the server printed (its JSON log lines, a --trace-gc), for looking into a run.
			if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, s.output());
		}
	};
}

export async function startReference(opts: { inspect?: boolean } = {}): Promise<ServerUnderTest> {
	const port = await freePort();
	const bin = join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
	const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...inspectEnv(!!opts.inspect) };
	delete env.YPERSISTENCE;
	delete env.CALLBACK_URL;
	return spawnPeer('reference', [bin], env, port);
}

/**
 * Hocuspocus 4 with `@hocuspocus/extension-sqlite` on a fresh file (its default debounce). Its
 * clients are `@hocuspocus/provider`s: `wsBase + room` is split back into the socket URL and the
 * document name by the bench client.
 */
export async function startHocuspocus(opts: { inspect?: boolean } = {}): Promise<ServerUnderTest> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'qp-hocuspocus-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOCUSPOCUS_DB: join(dir, 'hocuspocus.sqlite'),
		...inspectEnv(!!opts.inspect)
	};
	const script = ['--import', 'tsx', join(import.meta.dirname, 'hocuspocus-server.ts')];
	return spawnPeer('hocuspocus', script, env, port, () => rmSync(dir, { recursive: true, force: true }));
}

/** `taskset` (util-linux) is on PATH, so runs can be pinned to cores. */
export function haveTaskset(): boolean {
	return spawnSync('taskset', ['-V']).status === 0;
}

/** Every core of this machine, as a taskset list. */
export const ALL_CORES = `0-${cpus().length - 1}`;

/**
 * Sets the CPU affinity of every thread of a process (`cores`: a taskset list such as `0` or
 * `0-1`); threads it starts later inherit it from the thread that starts them.
 */
export function pinProcess(pid: number, cores: string): void {
	const r = spawnSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`taskset -a -p -c ${cores} ${pid}: ${r.stderr || r.error}`);
}

/** A peer server in its own process, ready once it prints `running at`. */
async function spawnPeer(
	name: PeerName,
	args: string[],
	env: NodeJS.ProcessEnv,
	port: number,
	cleanup: () => void = () => {}
): Promise<ServerUnderTest> {
	const proc = spawn(process.execPath, [...nodeFlags('BENCH_PEER_ARGS'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	await waitForOutput(proc, () => out, /running at/, 20_000);
	return {
		name,
		wsBase: `ws://127.0.0.1:${port}/`,
		httpUrl: `http://127.0.0.1:${port}`,
		pid: proc.pid!,
		output: () => out,
		stop: async () => {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
			await exited;
			cleanup();
		}
	};
}

function waitForOutput(proc: ChildProcess, out: () => string, re: RegExp, timeoutMs: number) {
	return new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${re} in time:\n${out()}`)), timeoutMs);
		const check = () => {
			if (re.test(out())) {
				clearTimeout(timer);
				resolve();
			}
		};
		proc.stdout!.on('data', check);
		proc.stderr!.on('data', check);
		proc.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`exited with ${code}:\n${out()}`));
		});
		check();
	});
}

/** Resident set size of a process in bytes, from `/proc/<pid>/status` (Linux only). */
export function rssBytes(pid: number): number | null {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/** CPU time (user + system) a process has used so far, in ms, from `/proc/<pid>/stat`. */
export function cpuMs(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}

export interface MemorySample {
	rss: number | null;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
}

/** A Chrome DevTools Protocol session to a server started with `inspect: true`. */
export class Inspector {
	private nextId = 1;
	private pending = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
	private constructor(private ws: WebSocket) {
		ws.on('message', (data) => {
			const msg = JSON.parse(String(data));
			const done = this.pending.get(msg.id);
			if (done) {
				this.pending.delete(msg.id);
				done(msg);
			}
		});
	}

	static async attach(server: ServerUnderTest): Promise<Inspector> {
		const deadline = Date.now() + 10_000;
		let m: RegExpExecArray | null = null;
		while (!(m = /Debugger listening on (ws:\/\/\S+)/.exec(server.output()))) {
			if (Date.now() > deadline) throw new Error(`no inspector URL:\n${server.output()}`);
			await new Promise((r) => setTimeout(r, 20));
		}
		const ws = new WebSocket(m[1]);
		await new Promise<void>((res, rej) => {
			ws.once('open', () => res());
			ws.once('error', rej);
		});
		return new Inspector(ws);
	}

	call(method: string, params: Record<string, unknown> = {}): Promise<any> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, (msg) => (msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result)));
			this.ws.send(JSON.stringify({ id, method, params }));
		});
	}

	/** Full GC (twice, so weak callbacks run), then `process.memoryUsage()` and RSS. */
	async sample(pid: number): Promise<MemorySample> {
		await this.call('HeapProfiler.collectGarbage');
		await new Promise((r) => setTimeout(r, 50));
		await this.call('HeapProfiler.collectGarbage');
		const r = await this.call('Runtime.evaluate', {
			expression: 'JSON.stringify(process.memoryUsage())',
			returnByValue: true
		});
		const mu = JSON.parse(r.result.value);
		return { rss: rssBytes(pid), heapUsed: mu.heapUsed, external: mu.external, arrayBuffers: mu.arrayBuffers };
	}

	close() {
		this.ws.close();
	}
}

/** Spawns our server on a known port and times spawn → first `GET /healthz` 200. */
export async function coldStartMs(databaseUrl: string): Promise<number> {
	const port = await freePort();
	const t0 = performance.now();
	const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	try {
		while (true) {
			if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${out}`);
			if (performance.now() - t0 > 30_000) throw new Error(`no /healthz 200 in 30 s:\n${out}`);
			try {
				const res = await fetch(`http://127.0.0.1:${port}/healthz`);
				await res.arrayBuffer();
				if (res.status === 200) return performance.now() - t0;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 10));
		}
	} finally {
		if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
		await exited;
	}
}
