/**
 * When a room's log is folded into a snapshot: once `compactAfter` entries have joined it since
 * the last fold, one fold at a time, and a last one when the room closes. The fold itself
 * (`compactRoom`) runs where `fold` says: the server gives it a worker thread, since folding a
 * large plan is long CPU work.
 */
import { compactRoom, type Fold } from '../../src/lib/server/docs/compaction';
import type { DocStorage } from '../../src/lib/server/docs/storage';
import { errorText, type Log } from '../log';

export class RoomCompaction {
	#tailLength: number;
	#running: Promise<void> | null = null;

	constructor(
		private readonly storage: DocStorage,
		private readonly name: string,
		private readonly compactAfter: number,
		private readonly log: Log,
		tailLength: number,
		private readonly fold?: Fold
	) {
		this.#tailLength = tailLength;
	}

	/** Log entries not folded yet. */
	get tailLength(): number {
		return this.#tailLength;
	}

	/** One more entry joined the log; `own` ones (stored by this room) may start a fold. */
	logged(own: boolean): void {
		this.#tailLength++;
		if (own) this.maybeCompact();
	}

	maybeCompact(): void {
		if (this.#tailLength >= this.compactAfter) this.#compact();
	}

	/** Waits for a running fold, then folds what is left. */
	async close(): Promise<void> {
		if (this.#running) await this.#running;
		if (this.#tailLength > 0) this.#compact();
		if (this.#running) await this.#running;
	}

	#compact(): void {
		if (this.#running) return;
		const log = (message: string) => this.log('storage', { level: 'warn', room: this.name, message });
		this.#running = compactRoom(this.storage, this.name, log, Date.now(), this.fold)
			.then((folded) => {
				// Entries stored while compacting were not folded and stay counted.
				this.#tailLength = Math.max(0, this.#tailLength - folded);
			})
			.catch((err) => this.log('compaction-failed', { level: 'warn', room: this.name, error: errorText(err) }))
			.finally(() => (this.#running = null));
	}
}
