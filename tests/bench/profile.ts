/**
 * Where our server's time goes during a bench run, read from its own `/metrics` (loopback, no
 * bench-only endpoint): scraped before and after a run, the cumulative histograms are diffed and
 * the event-loop delay quantiles cover the run (they restart at each scrape).
 */

export interface HistogramDelta {
	count: number;
	/** Mean, in ms. */
	meanMs: number;
	/** p99 as the upper bound of the bucket holding it, in ms (bucket resolution). */
	p99Ms: number | null;
	/** Upper bound of the highest non-empty bucket, in ms. */
	maxBucketMs: number | null;
	totalMs: number;
}

export interface RunProfile {
	eventLoopDelayMs: { p50: number; p99: number; max: number };
	/** A client edit from its arrival to the start of its broadcast (the server's share). */
	editWait: HistogramDelta;
	store: HistogramDelta;
	broadcast: HistogramDelta;
	gc: HistogramDelta;
	failedStores: number;
	/** Edit-path write batches committed inline on the event loop, on the database thread, and inline pauses. */
	batches: { inline: number; thread: number; pauses: number };
}

type Scrape = Map<string, number>;

export async function scrapeMetrics(httpUrl: string): Promise<Scrape> {
	const res = await fetch(`${httpUrl}/metrics`);
	if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
	const out: Scrape = new Map();
	for (const line of (await res.text()).split('\n')) {
		if (!line || line.startsWith('#')) continue;
		const at = line.lastIndexOf(' ');
		out.set(line.slice(0, at), Number(line.slice(at + 1)));
	}
	return out;
}

function histogramDelta(before: Scrape, after: Scrape, name: string): HistogramDelta {
	const d = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
	const count = d(`${name}_count`);
	const totalMs = d(`${name}_sum`) * 1000;
	const buckets = [...after.keys()]
		.filter((k) => k.startsWith(`${name}_bucket{`) && !k.includes('+Inf'))
		.map((k) => ({ le: Number(/le="([^"]+)"/.exec(k)![1]) * 1000, n: d(k) }))
		.sort((a, b) => a.le - b.le);
	const p99 = buckets.find((b) => b.n >= count * 0.99);
	let maxBucket: number | null = null;
	for (let i = 0; i < buckets.length; i++) if (buckets[i].n > (buckets[i - 1]?.n ?? 0)) maxBucket = buckets[i].le;
	if (count > (buckets.at(-1)?.n ?? 0)) maxBucket = Infinity;
	return { count, meanMs: count ? totalMs / count : 0, p99Ms: count ? (p99?.le ?? Infinity) : null, maxBucketMs: count ? maxBucket : null, totalMs };
}

export function profileOf(before: Scrape, after: Scrape): RunProfile {
	const d = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
	const loop = (q: string) => (after.get(`nodejs_eventloop_delay_seconds{quantile="${q}"}`) ?? NaN) * 1000;
	return {
		eventLoopDelayMs: { p50: loop('0.5'), p99: loop('0.99'), max: loop('1') },
		editWait: histogramDelta(before, after, 'sync_edit_wait_seconds'),
		store: histogramDelta(before, after, 'sync_store_seconds'),
		broadcast: histogramDelta(before, after, 'sync_broadcast_seconds'),
		gc: histogramDelta(before, after, 'nodejs_gc_pause_seconds'),
		failedStores: d('sync_failed_stores_total'),
		batches: { inline: d('sync_write_batches_total{path="inline"}'), thread: d('sync_write_batches_total{path="thread"}'), pauses: d('sync_inline_commit_pauses_total') }
	};
}
