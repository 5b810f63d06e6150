/**
 * Starts the real server (`server/index.ts`, the built SvelteKit handler plus /sync) as a child
 * process on port 0 against a libsql file, and waits for its "Listening on" line.
 * Requires `npm run build` to have produced build/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningServer {
	url: string;
	wsUrl: string;
	port: number;
	databaseUrl: string;
	proc: ChildProcess;
	/** Everything the server printed, for assertions and for debugging a failure. */
	output: () => string;
	/** SIGTERM and wait for exit. */
	stop: () => Promise<void>;
	/** SIGKILL: the crash case. */
	kill: () => Promise<void>;
}

/** A loopback port free right now (for a process that must know its port before it starts). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

export function tempDatabaseUrl(): { url: string; dir: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'qp-test-'));
	return {
		url: `file:${join(dir, 'test.db')}`,
		dir,
		cleanup: () => rmSync(dir, { recursive: true, force: true })
	};
}

export async function startServer(opts: {
	databaseUrl: string;
	env?: Record<string, string>;
	script?: string;
	timeoutMs?: number;
	/** Extra node flags, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
	nodeArgs?: string[];
}): Promise<RunningServer> {
	const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script ?? 'server/index.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_URL: opts.databaseUrl,
			ORIGIN: '',
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));

	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`server did not start in time:\n${out}`)),
			opts.timeoutMs ?? 20_000
		);
		const check = () => {
			const m = /Listening on http:\/\/[^:]+:(\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolvePort(Number(m[1]));
			}
		};
		proc.stdout!.on('data', check);
		proc.stderr!.on('data', check);
		proc.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${out}`));
		});
	});

	const stopWith = async (signal: NodeJS.Signals) => {
		if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
		await exited;
	};
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		port,
		databaseUrl: opts.databaseUrl,
		proc,
		output: () => out,
		stop: () => stopWith('SIGTERM'),
		kill: () => stopWith('SIGKILL')
	};
}
