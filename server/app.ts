/**
 * The one Node server: SvelteKit's built handler for HTTP and the live-sync rooms on the
 * `/sync/<room>` upgrade of the same `http.Server`. `server/index.ts` (production) and
 * `server/demo.ts` both start it through `startApp`.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ensureFirstRunSetup } from '../src/lib/server/auth/setup';
import { getDbHandle } from '../src/lib/server/db/index';
import { thisRuntime, type RuntimeCarrier } from '../src/lib/server/runtime';
import { uploadConfig } from '../src/lib/server/files/config';
import { sweepTemporary } from '../src/lib/server/files/store';
import { errorText, jsonLogger, type Log } from './log';
import { closeIfBodyUnread } from './early-refusal';
import { serveMetrics } from './metrics';
import { limitsFromEnv } from './sync/limits';
import { createSyncServer } from './sync/server';

/** The listening URL as a person can open it: a wildcard address becomes localhost. */
export function displayUrl(url: string): string {
	return url.replace(/^http:\/\/(0\.0\.0\.0|\[::\]|::)(?=:)/, 'http://localhost');
}

export interface StartOptions {
	port?: number;
	host?: string;
	/** Structured events (JSON lines on stdout by default). */
	log?: Log;
	/** Human-readable lines a person or a test waits for ("Listening on …"); stdout by default. */
	say?: (line: string) => void;
}

export interface RunningApp {
	url: string;
	port: number;
	close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function portFromEnv(): number {
	const raw = process.env.PORT;
	if (raw === undefined || raw === '') return 3000;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`);
	}
	return port;
}

async function loadHandler(): Promise<Handler> {
	// A computed URL keeps the generated bundle out of type-checking (see TOOLCHAIN.md).
	const url = new URL('../build/handler.js', import.meta.url);
	if (!existsSync(fileURLToPath(url))) {
		throw new Error(`${fileURLToPath(url)} is missing: run npm run build first`);
	}
	const mod = (await import(url.href)) as { handler: Handler };
	return mod.handler;
}

/**
 * The process's database as the server runs it: a `file:` database on its own thread, so no
 * statement or slow fsync blocks the event loop (`SYNC_DB_THREAD=0` keeps it inline, for
 * comparison); the edit path's quick commits run inline (`SYNC_INLINE_COMMITS=0`: on the thread).
 */
export function appDbHandle() {
	return getDbHandle({ thread: process.env.SYNC_DB_THREAD !== '0', inlineCommits: process.env.SYNC_INLINE_COMMITS !== '0' });
}

export async function startApp(opts: StartOptions = {}): Promise<RunningApp> {
	const log = opts.log ?? jsonLogger();
	const say = opts.say ?? ((line: string) => console.log(line));
	const port = opts.port ?? portFromEnv();
	const host = opts.host ?? (process.env.HOST || '0.0.0.0');
	const limits = limitsFromEnv();
	// An empty ORIGIN means "not configured"; adapter-node would reject it as an invalid URL.
	if (process.env.ORIGIN === '') delete process.env.ORIGIN;
	// This server speaks plain HTTP. Without ORIGIN or PROTOCOL_HEADER adapter-node assumes https:
	// it would refuse same-origin form posts (CSRF check) and mark the session cookie Secure.
	const plainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (plainHttp) process.env.PROTOCOL_HEADER = 'x-forwarded-proto';

	// Evidence uploads need more than adapter-node's 512 KiB default body; the route itself
	// answers 413 past UPLOAD_MAX_BYTES (a little room is left for the multipart envelope).
	const uploads = uploadConfig();
	process.env.BODY_SIZE_LIMIT ??= String(uploads.maxBytes + 1024 * 1024);
	const swept = await sweepTemporary(uploads);
	if (swept) log('uploads-swept', { files: swept });

	// Migrate before the handler loads: its hooks then find the schema in place.
	const { db } = await appDbHandle();
	// A database without users gets a one-time setup token (never a default password).
	const setupToken = await ensureFirstRunSetup(db);
	const handler = await loadHandler();

	const sync = createSyncServer({ db, limits, log });
	// The one runtime of the process, handed to the SvelteKit bundle on every request.
	const runtime = thisRuntime();
	const metricsToken = process.env.METRICS_TOKEN || undefined;
	const server = createServer((req, res) => {
		closeIfBodyUnread(req, res);
		if (serveMetrics(req, res, () => sync.metrics(), metricsToken)) return;
		// Only fill it in: a TLS proxy in front (with ORIGIN unset) says https, and that must stand.
		if (plainHttp) req.headers['x-forwarded-proto'] ??= 'http';
		(req as IncomingMessage & RuntimeCarrier).runtime = runtime;
		return handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	// After start-up an error (EMFILE on accept, say) is logged; without a listener it would end
	// the process and every open room with it.
	server.on('error', (err) => log('server-error', { level: 'error', error: err.message }));
	const actualPort = (server.address() as AddressInfo).port;
	const url = `http://${host}:${actualPort}`;
	log('listening', { url, pid: process.pid });
	say(`Listening on ${url}`);
	if (setupToken) {
		const base = (process.env.ORIGIN || displayUrl(url)).replace(/\/$/, '');
		say(`First-run setup: ${base}/setup?token=${setupToken}`);
	}

	let closing: Promise<void> | null = null;
	return {
		url,
		port: actualPort,
		close() {
			closing ??= (async () => {
				const t0 = performance.now();
				log('draining', sync.stats());
				const stopped = new Promise<void>((r) => server.close(() => r()));
				server.closeIdleConnections();
				await sync.close();
				// Requests still open after the sync shutdown get a moment, then are cut.
				const timer = setTimeout(() => server.closeAllConnections(), 2000);
				await stopped;
				clearTimeout(timer);
				log('stopped', { ms: Math.round(performance.now() - t0) });
			})();
			return closing;
		}
	};
}

/**
 * Exits cleanly on SIGTERM/SIGINT: every accepted edit is stored and sockets are closed with
 * GoingAway before the process ends (a second signal while closing is ignored).
 */
export function closeOnSignals(app: RunningApp): void {
	let stopping = false;
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.on(signal, () => {
			if (stopping) return;
			stopping = true;
			app.close().then(
				() => process.exit(0),
				(err) => {
					console.error(`Shutdown failed: ${errorText(err)}`);
					process.exit(1);
				}
			);
		});
	}
}
