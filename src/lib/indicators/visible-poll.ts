/**
 * [I5] Runs a task every few seconds while the page is visible, and at once when it becomes
 * visible again; never two at a time. The document and the clock are handed in, so tests drive
 * it with plain fakes.
 */
export interface PollHost {
	visible(): boolean;
	/** Calls `fn` whenever visibility changes; returns the unsubscribe. */
	onVisibilityChange(fn: () => void): () => void;
	every(ms: number, fn: () => void): () => void;
}

export const browserPollHost = (): PollHost => ({
	visible: () => document.visibilityState === 'visible',
	onVisibilityChange(fn) {
		document.addEventListener('visibilitychange', fn);
		return () => document.removeEventListener('visibilitychange', fn);
	},
	every(ms, fn) {
		const id = setInterval(fn, ms);
		return () => clearInterval(id);
	}
});

export class VisiblePoll {
	#running = false;
	#stops: (() => void)[] = [];

	constructor(
		private readonly task: () => Promise<void>,
		private readonly everyMs: number,
		private readonly host: PollHost
	) {}

	start(): void {
		this.stop();
		this.#stops = [
			this.host.every(this.everyMs, () => void this.tick()),
			this.host.onVisibilityChange(() => void this.tick())
		];
	}

	stop(): void {
		for (const stop of this.#stops) stop();
		this.#stops = [];
	}

	/** One round, skipped while hidden or while the previous one is still out. */
	async tick(): Promise<void> {
		if (this.#running || !this.host.visible()) return;
		this.#running = true;
		try {
			await this.task();
		} catch {
			// a failed round (offline, a restart) is retried on the next one
		} finally {
			this.#running = false;
		}
	}
}
