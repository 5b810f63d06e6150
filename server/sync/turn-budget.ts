/**
 * A share of one event-loop turn for work that arrives in bursts: a joining socket's handshake,
 * connection and first frames. Two hundred clients opening one room at once arrive as dozens of
 * upgrades per turn, and completing them all in that turn held the loop 25–40 ms (the stall
 * bench); past the budget, the rest run in the next turns, in order, so the sockets of every
 * room are served in between.
 */
export class TurnBudget {
	#turnStart = -1;
	readonly #queue: (() => void)[] = [];
	#draining = false;

	constructor(
		private readonly budgetMs = 4,
		private readonly now: () => number = () => performance.now()
	) {}

	/** Runs `work` now while this turn has budget (and nothing waits before it), else in a later turn. */
	run(work: () => void): void {
		if (this.#queue.length === 0 && this.#take()) return work();
		this.#queue.push(work);
		this.#drainLater();
	}

	#take(): boolean {
		const now = this.now();
		if (this.#turnStart < 0) {
			this.#turnStart = now;
			setImmediate(() => (this.#turnStart = -1));
			return true;
		}
		return now - this.#turnStart < this.budgetMs;
	}

	#drainLater(): void {
		if (this.#draining) return;
		this.#draining = true;
		setImmediate(() => {
			this.#draining = false;
			// The turn that queued the work has ended: this is a fresh turn's budget.
			this.#turnStart = -1;
			while (this.#queue.length > 0 && this.#take()) this.#queue.shift()!();
			if (this.#queue.length > 0) this.#drainLater();
		});
	}
}
