/**
 * How many items of a long, not virtualized list to render: the first `initial` at once, then
 * `step` more each animation frame until all are there. A school page of 2,000 milestone cards
 * rendered in one go held the main thread for over a second; in steps, taps and scrolls are
 * answered between them. Create it while a component initialises (it owns an effect).
 */
/** One frame's growth: `step` more items, never past the count. */
export const nextBudget = (shown: number, count: number, step: number): number => Math.max(shown, Math.min(count, shown + step));

export class RenderBudget {
	#shown = $state(0);

	constructor(
		count: () => number,
		opts: { initial?: number; step?: number; schedule?: (run: () => void) => () => void } = {}
	) {
		const step = opts.step ?? 150;
		const schedule =
			opts.schedule ??
			((run: () => void) => {
				const id = requestAnimationFrame(run);
				return () => cancelAnimationFrame(id);
			});
		this.#shown = opts.initial ?? 60;
		$effect(() => {
			const n = count();
			if (this.#shown >= n) return;
			return schedule(() => (this.#shown = nextBudget(this.#shown, n, step)));
		});
	}

	/** Items to render now. */
	get shown(): number {
		return this.#shown;
	}
}
