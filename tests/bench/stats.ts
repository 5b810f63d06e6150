/** Summary statistics of latency samples (milliseconds), nearest-rank percentiles. */

export interface Summary {
	count: number;
	mean: number;
	p50: number;
	p99: number;
	max: number;
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: number[]): Summary {
	const sorted = Float64Array.from(samples).sort();
	const arr = Array.from(sorted);
	const sum = arr.reduce((a, b) => a + b, 0);
	return {
		count: arr.length,
		mean: arr.length ? sum / arr.length : NaN,
		p50: percentile(arr, 50),
		p99: percentile(arr, 99),
		max: arr.length ? arr[arr.length - 1] : NaN
	};
}

export function median(values: number[]): number {
	return percentile([...values].sort((a, b) => a - b), 50);
}

/** Runs `fn` `runs` times (after `warmups` unrecorded runs) and returns every timing in ms. */
export async function timeRuns(
	runs: number,
	fn: () => Promise<unknown> | unknown,
	warmups = 1
): Promise<number[]> {
	for (let i = 0; i < warmups; i++) await fn();
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn();
		out.push(performance.now() - t0);
	}
	return out;
}
