/**
 * Keeps a room's SQL projection fresh without rewriting it on every keystroke: a trailing debounce
 * with a maximum wait, so a steady stream of edits still reaches the JSON API within
 * `maxWaitMs` + one projection, and never two projections of one room run at once.
 */
import { errorText, type Log } from '../log';

export interface ProjectionOptions {
	debounceMs: number;
	maxWaitMs: number;
	log: Log;
	/** For log lines. */
	label: string;
	/** First retry after a failed projection, doubling up to `retryMaxMs`. */
	retryBaseMs?: number;
	retryMaxMs?: number;
}

export class ProjectionScheduler {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#firstRequestAt: number | null = null;
	#running: Promise<void> | null = null;
	#again = false;
	#failures = 0;
	#disposed = false;

	constructor(
		private readonly project: () => Promise<void>,
		private readonly opts: ProjectionOptions
	) {}

	/** Asks for a projection soon. */
	schedule(): void {
		if (this.#disposed) return;
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
		this.#disposed = true;
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
			.then(
				() => {
					this.#failures = 0;
				},
				(err) => {
					// The projection is stale until one succeeds: try again, backing off.
					const wait = Math.min(
						this.opts.retryMaxMs ?? 30_000,
						(this.opts.retryBaseMs ?? 500) * 2 ** this.#failures++
					);
					this.opts.log('projection-failed', {
						level: 'warn',
						room: this.opts.label,
						retryInMs: wait,
						error: errorText(err)
					});
					if (!this.#disposed && !this.#timer) this.#timer = setTimeout(() => this.#fire(), wait);
				}
			)
			.finally(() => {
				this.#running = null;
				if (this.#again && !this.#disposed) {
					this.#again = false;
					this.#fire();
				}
			});
	}
}
