/**
 * Keeps a room's SQL projection fresh without rewriting it on every keystroke: a trailing debounce
 * with a maximum wait, so a steady stream of edits still reaches the JSON API within
 * `maxWaitMs` + one projection, and never two projections of one room run at once.
 */

export interface ProjectionOptions {
	debounceMs: number;
	maxWaitMs: number;
	log: (line: string) => void;
	/** For log lines. */
	label: string;
}

export class ProjectionScheduler {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#firstRequestAt: number | null = null;
	#running: Promise<void> | null = null;
	#again = false;

	constructor(
		private readonly project: () => Promise<void>,
		private readonly opts: ProjectionOptions
	) {}

	/** Asks for a projection soon. */
	schedule(): void {
		const now = Date.now();
		this.#firstRequestAt ??= now;
		if (this.#timer) clearTimeout(this.#timer);
		const latest = this.#firstRequestAt + this.opts.maxWaitMs;
		const delay = Math.max(0, Math.min(this.opts.debounceMs, latest - now));
		this.#timer = setTimeout(() => this.#fire(), delay);
	}

	/** Runs a requested projection now and waits for any projection in flight. */
	async flush(): Promise<void> {
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#fire();
		}
		while (this.#running) await this.#running;
	}

	dispose(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#fire(): void {
		this.#timer = null;
		this.#firstRequestAt = null;
		if (this.#running) {
			this.#again = true; // edits arrived while projecting: project once more afterwards
			return;
		}
		this.#running = this.project()
			.catch((err) =>
				this.opts.log(
					`sync: projection of ${this.opts.label} failed: ${err instanceof Error ? err.message : String(err)}`
				)
			)
			.finally(() => {
				this.#running = null;
				if (this.#again) {
					this.#again = false;
					this.#fire();
				}
			});
	}
}
