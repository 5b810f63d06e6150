/**
 * In-page measurement helpers shared by both harnesses: the moment a frame has been painted, and
 * frame-to-frame times while something is driven once per frame. Each harness exposes the same
 * `window.bench` (see `GanttBenchPage`) so the Node side drives both alike.
 */

export interface GanttBenchPage {
	/** Mounts the chart; resolves with ms from the mount call to the first painted frame with bars. */
	mount(): Promise<number>;
	/** Elements inside the chart's root. */
	domNodes(): number;
	/** Bars, arrows and row labels in the DOM (what virtualization leaves in). */
	counts(): Record<string, number>;
	/** Scrolls `px` a frame for `frames` frames; resolves with the frame times (ms). */
	scroll(axis: 'x' | 'y', frames: number, px: number): Promise<number[]>;
	/** One zoom step a frame (in, then out) for `frames` frames; resolves with the frame times. */
	zoom(frames: number): Promise<number[]>;
	/** Moves a task in view by a few days in the data source; ms to the painted frame showing it. */
	remoteEdit(): Promise<number>;
}

declare global {
	interface Window {
		bench: GanttBenchPage;
	}
}

/** Resolves after the frame in which `ready()` first held has been produced. */
export function untilPainted(ready: () => boolean, timeoutMs = 30_000): Promise<number> {
	const t0 = performance.now();
	return new Promise((resolve, reject) => {
		const step = () => {
			if (ready()) {
				// A task queued from inside rAF runs after that frame's style, layout and paint.
				const ch = new MessageChannel();
				ch.port1.onmessage = () => resolve(performance.now());
				ch.port2.postMessage(0);
			} else if (performance.now() - t0 > timeoutMs) reject(new Error('not painted in time'));
			else requestAnimationFrame(step);
		};
		requestAnimationFrame(step);
	});
}

/** Calls `drive(i)` once a frame for `frames` frames; returns the deltas between frame timestamps. */
export function frameTimes(frames: number, drive: (i: number) => void): Promise<number[]> {
	return new Promise((resolve) => {
		const stamps: number[] = [];
		const step = (t: number) => {
			stamps.push(t);
			if (stamps.length > frames) {
				resolve(stamps.slice(1).map((s, i) => s - stamps[i]));
				return;
			}
			drive(stamps.length - 1);
			requestAnimationFrame(step);
		};
		// Two settling frames first, so the first delta does not include earlier work.
		requestAnimationFrame(() => requestAnimationFrame(step));
	});
}
