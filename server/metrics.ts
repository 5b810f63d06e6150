/**
 * `/metrics` in the Prometheus text format (version 0.0.4): live rooms and sockets, the store's
 * latency histogram and failures, and the event loop's delay. Served by `server/app.ts` before
 * the SvelteKit handler, to the loopback address or to a bearer `METRICS_TOKEN`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import type { WriteBatchCounts } from '../src/lib/server/db/thread-client';

/** Upper bounds of the latency buckets (edit wait, store, broadcast, GC pauses), in seconds. */
const STORE_BUCKETS = [0.0001, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A cumulative histogram as Prometheus draws it. */
export class Histogram {
	readonly counts = STORE_BUCKETS.map(() => 0);
	count = 0;
	sum = 0;

	observe(seconds: number): void {
		this.count++;
		this.sum += seconds;
		for (let i = 0; i < STORE_BUCKETS.length; i++) if (seconds <= STORE_BUCKETS[i]) this.counts[i]++;
	}

	lines(name: string): string[] {
		return [
			...STORE_BUCKETS.map((le, i) => `${name}_bucket{le="${le}"} ${this.counts[i]}`),
			`${name}_bucket{le="+Inf"} ${this.count}`,
			`${name}_sum ${this.sum}`,
			`${name}_count ${this.count}`
		];
	}
}

export interface SyncGauges {
	rooms: number;
	connections: number;
	pendingWrites: number;
	failingRooms: number;
	/** Where the edit path's write batches committed; absent when the database is not on a thread. */
	writeBatches?: WriteBatchCounts;
}

/** What the sync server counts; `SyncMetrics.render` adds the gauges read at scrape time. */
export class SyncMetrics {
	readonly editWaitSeconds = new Histogram();
	readonly storeSeconds = new Histogram();
	readonly broadcastSeconds = new Histogram();
	readonly gcSeconds = new Histogram();
	storedUpdates = 0;
	failedStores = 0;
	readonly #loop: IntervalHistogram;
	readonly #gc: PerformanceObserver;

	constructor() {
		this.#loop = monitorEventLoopDelay({ resolution: 5 });
		this.#loop.enable();
		this.#gc = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) this.gcSeconds.observe(e.duration / 1000);
		});
		this.#gc.observe({ entryTypes: ['gc'] });
	}

	/**
	 * A client's edit, from its frame's arrival to the start of its broadcast: apply, audit, the
	 * store with its queueing, and the event loop picking up the result. What the server adds to
	 * the latency others see.
	 */
	recordEditWait(ms: number): void {
		this.editWaitSeconds.observe(ms / 1000);
	}

	/** One stored update's broadcast: encoding the frame and handing it to every peer's socket. */
	recordBroadcast(ms: number): void {
		this.broadcastSeconds.observe(ms / 1000);
	}

	recordStore(ms: number, updates: number, ok: boolean): void {
		this.storeSeconds.observe(ms / 1000);
		if (ok) this.storedUpdates += updates;
		else this.failedStores++;
	}

	dispose(): void {
		this.#loop.disable();
		this.#gc.disconnect();
	}

	/**
	 * The exposition. The event-loop delay quantiles cover the time since the previous scrape (the
	 * histogram restarts after each, as prom-client's lag metrics do); the rest are cumulative.
	 */
	render(g: SyncGauges): string {
		const loop = this.#loop;
		const s = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
		const metric = (name: string, type: string, help: string, lines: string[]) => [
			`# HELP ${name} ${help}`,
			`# TYPE ${name} ${type}`,
			...lines
		];
		const text = [
			...metric('sync_rooms', 'gauge', 'Live documents held in memory.', [`sync_rooms ${g.rooms}`]),
			...metric('sync_sockets', 'gauge', 'Open sync WebSockets.', [`sync_sockets ${g.connections}`]),
			...metric('sync_pending_writes', 'gauge', 'Accepted updates not yet durable.', [`sync_pending_writes ${g.pendingWrites}`]),
			...metric('sync_failing_rooms', 'gauge', 'Rooms whose last store failed (retrying with backoff).', [`sync_failing_rooms ${g.failingRooms}`]),
			...metric('sync_edit_wait_seconds', 'histogram', 'A client edit from arrival to the start of its broadcast (apply, store, queueing).', this.editWaitSeconds.lines('sync_edit_wait_seconds')),
			...metric('sync_store_seconds', 'histogram', 'Duration of one group-commit store (batch append, fsync).', this.storeSeconds.lines('sync_store_seconds')),
			...metric('sync_broadcast_seconds', 'histogram', 'Encoding and sending one stored update to the room.', this.broadcastSeconds.lines('sync_broadcast_seconds')),
			...metric('nodejs_gc_pause_seconds', 'histogram', 'Garbage-collection pauses (PerformanceObserver gc entries).', this.gcSeconds.lines('nodejs_gc_pause_seconds')),
			...metric('sync_stored_updates_total', 'counter', 'Updates stored.', [`sync_stored_updates_total ${this.storedUpdates}`]),
			...metric('sync_failed_stores_total', 'counter', 'Store attempts that failed.', [`sync_failed_stores_total ${this.failedStores}`]),
			...(g.writeBatches
				? [
						...metric('sync_write_batches_total', 'counter', 'Edit-path write batches, by where they committed (inline on the event loop, or on the database thread).', [
							`sync_write_batches_total{path="inline"} ${g.writeBatches.inline}`,
							`sync_write_batches_total{path="thread"} ${g.writeBatches.thread}`
						]),
						...metric('sync_inline_commit_pauses_total', 'counter', 'Times inline commits paused because commits turned slow.', [`sync_inline_commit_pauses_total ${g.writeBatches.inlinePauses}`])
					]
				: []),
			...metric('nodejs_eventloop_delay_seconds', 'summary', 'Event-loop delay since start (perf_hooks.monitorEventLoopDelay, 5 ms resolution).', [
				`nodejs_eventloop_delay_seconds{quantile="0.5"} ${s(loop.percentile(50))}`,
				`nodejs_eventloop_delay_seconds{quantile="0.99"} ${s(loop.percentile(99))}`,
				`nodejs_eventloop_delay_seconds{quantile="1"} ${s(loop.max)}`,
				`nodejs_eventloop_delay_seconds_sum ${s(loop.mean * loop.count)}`,
				`nodejs_eventloop_delay_seconds_count ${loop.count}`
			]),
			''
		].join('\n');
		loop.reset();
		return text;
	}
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Answers `GET /metrics` when the caller may see it: a request with `Authorization: Bearer
 * <METRICS_TOKEN>`, or, without a token configured, one from the loopback address that no proxy
 * forwarded (a proxy on the same host would make every client look local). Returns false for
 * any other path, so the caller hands the request on.
 */
export function serveMetrics(
	req: IncomingMessage,
	res: ServerResponse,
	render: () => string,
	token: string | undefined
): boolean {
	const path = (req.url ?? '').split('?')[0];
	if (path !== '/metrics') return false;
	const allowed = token
		? sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)
		: LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'] && !req.headers['x-real-ip'];
	if (!allowed) {
		res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden\n');
		return true;
	}
	res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(render());
	return true;
}
