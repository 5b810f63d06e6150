/**
 * Answers to sync step 1 on one connection, bounded ([Y21]): at most one answer is in flight, a
 * request arriving meanwhile waits and a later one replaces it (the client only needs the newest
 * answer), and answers are rate-limited. A flood of three-byte requests thus draws a handful of
 * replies instead of one full document each.
 */
import { TokenBucket } from './limits';

/** Answers a connection may draw at once, and per second after that. */
export const SYNC_REPLY_BURST = 4;
export const SYNC_REPLY_RATE_PER_SEC = 2;

export class SyncReplyQueue {
	#waiting: Uint8Array | null = null;
	#inFlight = false;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#disposed = false;
	readonly #bucket: TokenBucket;

	constructor(
		private readonly answer: (stateVector: Uint8Array) => Promise<void>,
		private readonly log: (event: string, fields: { level: 'warn'; error: string }) => void,
		readonly ratePerSec = SYNC_REPLY_RATE_PER_SEC,
		burst = SYNC_REPLY_BURST,
		now?: () => number
	) {
		this.#bucket = new TokenBucket(ratePerSec, burst, now);
	}

	/** Queues a request; replaces one that is still waiting. */
	request(stateVector: Uint8Array): void {
		this.#waiting = stateVector;
		this.#pump();
	}

	/** Drops what waits (the connection closed). */
	dispose(): void {
		this.#disposed = true;
		this.#waiting = null;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#pump(): void {
		if (this.#disposed || this.#inFlight || this.#timer || !this.#waiting) return;
		if (!this.#bucket.take()) {
			this.#timer = setTimeout(() => {
				this.#timer = null;
				this.#pump();
			}, Math.ceil(1000 / this.ratePerSec));
			return;
		}
		const sv = this.#waiting;
		this.#waiting = null;
		this.#inFlight = true;
		this.answer(sv)
			.catch((err) => this.log('sync-reply-failed', { level: 'warn', error: String(err) }))
			.finally(() => {
				this.#inFlight = false;
				this.#pump();
			});
	}
}
