/**
 * The edit path's write transactions (`ThreadClient.writeBatch`): a connection with statements
 * prepared once and kept, and, in front of it, `InlineCommits`, which commits on the calling
 * thread while that is quick.
 *
 * Why commit on the event loop at all: the database thread exists so that no fsync and no lock
 * wait ever blocks the sockets, but a hop to it and back costs more than the commit itself where
 * the disk is fast (measured here: an fsync'd one-row commit 0.08 ms at the median, the round trip
 * to the thread 0.25–1 ms once the machine is busy), and every edit waits for that hop before it
 * is broadcast. So a batch is first tried on the main thread's own connection with no busy wait:
 * when another connection holds the write lock (the thread's, another instance's) it fails at
 * once and goes to the thread as before, and when commits turn slow (a disk that syncs in
 * milliseconds) inline commits pause, longer each time they are still slow.
 */
import type { Config } from '@libsql/client';
import Database from 'libsql';

/** A statement of `writeBatch`: plain SQL text and positional values (no named arguments). */
export interface PositionalStatement {
	sql: string;
	args: (string | number | bigint | null | Uint8Array)[];
}

/**
 * WAL pages after which a commit checkpoints by itself: far above what the checkpoint thread lets
 * accumulate, so it is only a safety net should that thread stop.
 */
export const COMMIT_CHECKPOINT_PAGES = 20_000;

/**
 * A connection for `writeBatch`, with statements prepared once and kept, and the settings
 * `openDb` gives the client's connections. It waits up to `busyTimeoutMs` while another
 * connection holds the write lock (0: fails at once with SQLITE_BUSY).
 */
export class PreparedWriter {
	readonly #db: Database.Database;
	readonly #statements = new Map<string, Database.Statement>();
	readonly #begin: Database.Statement;
	readonly #commit: Database.Statement;
	readonly #rollback: Database.Statement;

	constructor(config: Config, busyTimeoutMs = config.timeout ?? 5000) {
		const path = config.url.slice('file:'.length).split('?')[0];
		this.#db = new Database(path, { timeout: busyTimeoutMs } as Database.Options);
		for (const pragma of ['synchronous = FULL', 'foreign_keys = ON', `wal_autocheckpoint = ${COMMIT_CHECKPOINT_PAGES}`]) {
			this.#db.prepare(`PRAGMA ${pragma}`).run();
		}
		this.#begin = this.#db.prepare('BEGIN IMMEDIATE');
		this.#commit = this.#db.prepare('COMMIT');
		this.#rollback = this.#db.prepare('ROLLBACK');
	}

	run(stmts: PositionalStatement[]): void {
		this.#begin.run();
		try {
			for (const { sql, args } of stmts) {
				let stmt = this.#statements.get(sql);
				if (!stmt) this.#statements.set(sql, (stmt = this.#db.prepare(sql)));
				stmt.run(...args.map((a) => (a instanceof Uint8Array && !Buffer.isBuffer(a) ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : a)));
			}
			this.#commit.run();
		} catch (err) {
			if (this.#db.inTransaction) this.#rollback.run();
			throw err;
		}
	}

	close(): void {
		this.#db.close();
	}
}

export interface InlineOptions {
	/** Mean commit time (moving average) above which inline commits pause, ms. */
	slowMeanMs?: number;
	/** One commit above this pauses inline commits at once, ms. */
	slowOneMs?: number;
	/** First pause, ms; doubled while commits are still slow after it, up to `maxPauseMs`. */
	pauseMs?: number;
	maxPauseMs?: number;
	now?: () => number;
	/** The connection (tests pass a fake). */
	open?: () => Pick<PreparedWriter, 'run' | 'close'>;
}

/** Commits a batch on the calling thread when that is quick and uncontended; see the module. */
export class InlineCommits {
	#writer: Pick<PreparedWriter, 'run' | 'close'> | null = null;
	#meanMs = 0;
	#pausedUntil = 0;
	#pauseMs: number;
	#closed = false;
	/** How batches went, for `/metrics`: committed here, handed back (busy, error, paused), pauses begun. */
	readonly counts = { inline: 0, declined: 0, pauses: 0 };
	readonly #o: Required<Omit<InlineOptions, 'open'>> & Pick<InlineOptions, 'open'>;

	constructor(
		private readonly config: Config,
		opts: InlineOptions = {}
	) {
		this.#o = { slowMeanMs: 1, slowOneMs: 5, pauseMs: 10_000, maxPauseMs: 300_000, now: () => performance.now(), ...opts };
		this.#pauseMs = this.#o.pauseMs;
	}

	/** Whether inline commits are paused now (commits were slow). */
	get paused(): boolean {
		return this.#o.now() < this.#pausedUntil;
	}

	/**
	 * Commits `stmts` here and returns true, or returns false having changed nothing (paused, the
	 * write lock is held elsewhere, or any error: the thread then runs the batch and reports it).
	 */
	tryRun(stmts: PositionalStatement[]): boolean {
		if (this.#closed || this.paused) return this.#declined();
		try {
			this.#writer ??= this.#o.open ? this.#o.open() : new PreparedWriter(this.config, 0);
		} catch {
			this.#pause();
			return this.#declined();
		}
		const t0 = this.#o.now();
		try {
			this.#writer.run(stmts);
		} catch {
			return this.#declined();
		}
		this.counts.inline++;
		const ms = this.#o.now() - t0;
		this.#meanMs = this.#meanMs * 0.9 + ms * 0.1;
		if (ms > this.#o.slowOneMs || this.#meanMs > this.#o.slowMeanMs) this.#pause();
		else if (this.#meanMs < this.#o.slowMeanMs / 2) this.#pauseMs = this.#o.pauseMs;
		return true;
	}

	close(): void {
		this.#closed = true;
		this.#writer?.close();
		this.#writer = null;
	}

	#declined(): false {
		this.counts.declined++;
		return false;
	}

	#pause(): void {
		this.counts.pauses++;
		this.#pausedUntil = this.#o.now() + this.#pauseMs;
		this.#pauseMs = Math.min(this.#o.maxPauseMs, this.#pauseMs * 2);
		// After the pause the average starts again from the next commits.
		this.#meanMs = 0;
	}
}
