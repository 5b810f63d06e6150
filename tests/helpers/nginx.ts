/**
 * A real nginx (Debian's `/usr/sbin/nginx`) in front of test instances, with the README's config
 * (`server/nginx/quality-plan.conf`) rewritten only where a test must differ: the upstream
 * addresses become the instances' loopback ports and `listen` a free loopback port. It runs as
 * the current user in the foreground (`daemon off`, one process) with its pid, logs and
 * temporary files under a fresh directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './start-server';

export const NGINX = '/usr/sbin/nginx';

export interface RunningNginx {
	url: string;
	wsUrl: string;
	port: number;
	/** The generated nginx.conf, for a failure message. */
	config: string;
	errorLog: () => string;
	stop: () => Promise<void>;
}

/** The README's config with the test's upstreams and listen port. */
export function nginxConfig(port: number, upstreamPorts: number[], dir: string): string {
	const site = readFileSync(join(ROOT, 'server/nginx/quality-plan.conf'), 'utf8');
	// Each upstream block's list of servers becomes the test instances, with the same parameters.
	const withUpstreams = site.replace(
		/(upstream \w+ \{[^}]*?)((?:\n\s*server [^;]+;)+)/g,
		(_, head: string, servers: string) => {
			const params = /server \S+ ?([^;]*);/.exec(servers)?.[1] ?? '';
			return head + upstreamPorts.map((p) => `\n    server 127.0.0.1:${p} ${params};`).join('');
		}
	);
	const site2 = withUpstreams.replace(/listen 80;/, `listen 127.0.0.1:${port};`);
	const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
	return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} notice;
events { worker_connections 2048; }
http {
    access_log off;
    ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n    ')}
${site2}
}
`;
}

export function haveNginx(): boolean {
	return existsSync(NGINX);
}

/** Starts nginx on `port` in front of `upstreamPorts` and waits until it answers. */
export async function startNginx(port: number, upstreamPorts: number[]): Promise<RunningNginx> {
	const dir = mkdtempSync(join(tmpdir(), 'qp-nginx-'));
	const config = nginxConfig(port, upstreamPorts, dir);
	const file = join(dir, 'nginx.conf');
	writeFileSync(file, config);
	const test = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-c', file], { encoding: 'utf8' });
	if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}\n${config}`);
	const proc: ChildProcess = spawn(NGINX, ['-p', dir, '-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout!.on('data', (d) => (out += d));
	proc.stderr!.on('data', (d) => (out += d));
	const exited = new Promise<void>((r) => proc.once('exit', () => r()));
	const errorLog = () => {
		try {
			return out + readFileSync(join(dir, 'error.log'), 'utf8');
		} catch {
			return out;
		}
	};
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}:\n${errorLog()}`);
		try {
			await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.arrayBuffer());
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`nginx did not answer:\n${errorLog()}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		port,
		config,
		errorLog,
		stop: async () => {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGQUIT');
			const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
			await exited;
			clearTimeout(timer);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
