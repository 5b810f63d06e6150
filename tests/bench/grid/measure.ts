/**
 * The measurements of the grid bench, run inside the page (ours or the peer's): the same code
 * times both sides. Each side says how to mount itself, where its scroller and rows are, what a
 * cell shows and how a remote edit reaches it; everything else is shared.
 */

export interface GridSide {
	/** Mounts the grid into `target` with the bench's 10,000 tasks (already loaded). */
	mount(target: HTMLElement): void;
	/** The element that scrolls the rows. */
	scroller(): HTMLElement;
	/** The row elements in the DOM (task rows only). */
	rows(): Element[];
	/** Prepares a remote edit of the title of the task on row `index` (out of the timing). */
	prepareEdit(index: number, title: string): { id: string; apply: () => void };
	/** The title cell of a task as displayed, or null when its row is not in the DOM. */
	titleText(id: string): string | null;
}

export interface GridRun {
	firstRenderMs: number;
	domRowsAfterMount: number;
	scroll: { frames: number; deltas: number[]; p50: number; p95: number; max: number; longFrames: number; workP50: number; workP95: number };
	domRowsMax: number;
	viewportRows: number;
	remoteEdit: { samples: number[]; p50: number; p95: number; max: number };
	heapMiB: number | null;
}

const raf = () => new Promise<number>((r) => requestAnimationFrame(r));

/** Resolves after the frame that is being produced now has been painted (rAF, then a task). */
function afterPaint(): Promise<number> {
	return new Promise((resolve) =>
		requestAnimationFrame(() => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => resolve(performance.now());
			ch.port2.postMessage(0);
		})
	);
}

function pct(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function visibleRows(side: GridSide): number {
	const box = side.scroller().getBoundingClientRect();
	return side.rows().filter((r) => {
		const b = r.getBoundingClientRect();
		return b.bottom > box.top && b.top < box.bottom && b.height > 0;
	}).length;
}

export async function runGrid(side: GridSide, opts: { frames: number; step: number; edits: number }): Promise<GridRun> {
	const target = document.getElementById('app')!;
	await raf();
	await raf();

	// First render: mount → the first painted frame that has rows.
	performance.mark('grid:mount');
	const t0 = performance.now();
	side.mount(target);
	let t1 = 0;
	for (;;) {
		const painted = afterPaint();
		await raf();
		const has = side.rows().length > 0;
		t1 = await painted;
		if (has) break;
		if (t1 - t0 > 30_000) throw new Error('no rows after 30 s');
	}
	performance.mark('grid:painted');
	performance.measure('grid:first-render', 'grid:mount', 'grid:painted');
	const domRowsAfterMount = side.rows().length;
	for (let i = 0; i < 10; i++) await raf();

	// Scrolling: one step per frame, driven from rAF; frame time is the delta between frames.
	const sc = side.scroller();
	const deltas: number[] = [];
	let domRowsMax = 0;
	// The main thread's work per frame, less bound to vsync: scroll event → that frame painted.
	const work: number[] = [];
	let scrolledAt = 0;
	const onScroll = () => (scrolledAt = performance.now());
	sc.addEventListener('scroll', onScroll, { passive: true });
	let last = await raf();
	let y = sc.scrollTop;
	for (let f = 0; f < opts.frames; f++) {
		// Written, never read back: a read would force this frame's layout inside the harness.
		y += opts.step;
		sc.scrollTop = y;
		const painted = afterPaint();
		const ts = await raf();
		const from = scrolledAt;
		void painted.then((t) => work.push(t - from));
		deltas.push(ts - last);
		last = ts;
		if (f % 10 === 0) domRowsMax = Math.max(domRowsMax, side.rows().length);
	}
	await raf();
	sc.removeEventListener('scroll', onScroll);
	const viewportRows = visibleRows(side);
	domRowsMax = Math.max(domRowsMax, side.rows().length);
	sc.scrollTop = 0;
	for (let i = 0; i < 20; i++) await raf();

	// Remote edit: apply an update that arrived, then wait for the frame that shows it.
	const samples: number[] = [];
	for (let k = 0; k < opts.edits; k++) {
		const title = `远程修改 ${k} · ${Math.random().toString(36).slice(2, 8)}`;
		const edit = side.prepareEdit(2 + (k % 8), title);
		await raf();
		const s0 = performance.now();
		edit.apply();
		for (;;) {
			const painted = afterPaint();
			await raf();
			const shows = side.titleText(edit.id) === title;
			const s1 = await painted;
			if (shows) {
				samples.push(s1 - s0);
				break;
			}
			if (s1 - s0 > 5000) throw new Error(`edit ${k} not shown after 5 s`);
		}
		for (let i = 0; i < 3; i++) await raf();
	}

	const sd = [...deltas].sort((a, b) => a - b);
	const se = [...samples].sort((a, b) => a - b);
	const sw = work.filter((w) => w > 0 && w < 1000).sort((a, b) => a - b);
	const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
	return {
		firstRenderMs: t1 - t0,
		domRowsAfterMount,
		scroll: {
			frames: deltas.length,
			deltas,
			p50: pct(sd, 50),
			p95: pct(sd, 95),
			max: sd.at(-1) ?? NaN,
			longFrames: deltas.filter((d) => d > 16.7 * 1.5).length,
			workP50: pct(sw, 50),
			workP95: pct(sw, 95)
		},
		domRowsMax,
		viewportRows,
		remoteEdit: { samples, p50: pct(se, 50), p95: pct(se, 95), max: se.at(-1) ?? NaN },
		heapMiB: mem ? mem.usedJSHeapSize / 2 ** 20 : null
	};
}

declare global {
	interface Window {
		gridBench?: { ready: boolean; run: (opts: { frames: number; step: number; edits: number }) => Promise<GridRun> };
	}
}

export function expose(side: GridSide): void {
	window.gridBench = { ready: true, run: (opts) => runGrid(side, opts) };
}
