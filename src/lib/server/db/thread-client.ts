/**
 * A libsql `Client` whose `file:` database lives on a worker thread. libsql's file client is
 * synchronous underneath: every statement, an fsync'd commit included, ran on the event loop, and
 * a second connection on another thread only traded the fsync for lock waits (SQLite's busy
 * handler sleeps synchronously, up to tens of milliseconds at a time, while the other holds the
 * write lock). Here one thread owns every connection of the process to the file, statements run
 * there in arrival order, and the event loop only posts a message and awaits the answer: it
 * keeps serving sockets while the disk syncs. Results come back as the client's own `ResultSet`s
 * (rows indexed by position and by column name), errors as `LibsqlError`s with their codes.
 *
 * The same module is the thread's entry (`workerData.dbThread`). A thread that dies fails the
 * calls in flight; the next call starts a new one.
 */
import {
	createClient,
	LibsqlError,
	type Client,
	type InArgs,
	type InStatement,
	type ResultSet,
	type Transaction,
	type TransactionMode,
	type Config
} from '@libsql/client';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WorkerCalls, type WorkerReply } from '../worker-calls';
import { workerEntry } from '../worker-entry';
import { COMMIT_CHECKPOINT_PAGES, InlineCommits, PreparedWriter, type PositionalStatement } from './prepared-writer';

/** What crosses the thread boundary for a result set: rows as plain arrays. */
interface WireResult {
	columns: string[];
	columnTypes: string[];
	rows: unknown[][];
	rowsAffected: number;
	lastInsertRowid: bigint | undefined;
}

export type { PositionalStatement } from './prepared-writer';

type Op =
	| { op: 'writeBatch'; stmts: PositionalStatement[] }
	| { op: 'execute'; stmt: InStatement }
	| { op: 'batch'; stmts: InStatement[]; mode?: TransactionMode }
	| { op: 'migrate'; stmts: InStatement[] }
	| { op: 'executeMultiple'; sql: string }
	| { op: 'txBegin'; mode?: TransactionMode }
	| { op: 'txExecute'; tx: number; stmt: InStatement }
	| { op: 'txBatch'; tx: number; stmts: InStatement[] }
	| { op: 'txExecuteMultiple'; tx: number; sql: string }
	| { op: 'txCommit'; tx: number }
	| { op: 'txRollback'; tx: number }
	| { op: 'txClose'; tx: number };

type Request = Op & { id: number };
interface WireError {
	name: string;
	message: string;
	code?: string;
	extendedCode?: string;
	rawCode?: number;
}
type Reply = WorkerReply<WireError>;

interface ThreadConfig {
	dbThread: true;
	config: Config;
	/** Statements run on every connection the thread's client opens first (PRAGMAs). */
	setup: string[];
	/** `checkpoint`: the second thread, which only folds the WAL into the database file. */
	role?: 'statements' | 'checkpoint';
}

export { COMMIT_CHECKPOINT_PAGES } from './prepared-writer';
/** How often the checkpoint thread folds the WAL into the database file, in ms. */
const CHECKPOINT_EVERY_MS = 1000;

function toResultSet(w: WireResult): ResultSet {
	const rows = w.rows.map((values) => {
		// The shape libsql gives a row: values by position (not enumerable) and by column name.
		const row: Record<string | number, unknown> = {};
		Object.defineProperty(row, 'length', { value: values.length });
		values.forEach((value, i) => {
			Object.defineProperty(row, i, { value });
			const column = w.columns[i];
			if (!Object.hasOwn(row, column)) {
				Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
			}
		});
		return row;
	});
	return {
		columns: w.columns,
		columnTypes: w.columnTypes,
		rows: rows as unknown as ResultSet['rows'],
		rowsAffected: w.rowsAffected,
		lastInsertRowid: w.lastInsertRowid,
		toJSON: () => ({ ...w, lastInsertRowid: w.lastInsertRowid?.toString() })
	};
}

function fromResultSet(r: ResultSet): WireResult {
	return {
		columns: r.columns,
		columnTypes: r.columnTypes,
		rows: r.rows.map((row) => Array.from({ length: row.length }, (_, i) => row[i])),
		rowsAffected: r.rowsAffected,
		lastInsertRowid: r.lastInsertRowid
	};
}

function toError(e: WireError): Error {
	if (e.code !== undefined) {
		const prefix = `${e.code}: `;
		const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
		return new LibsqlError(message, e.code, e.extendedCode, e.rawCode);
	}
	const err = new Error(e.message);
	err.name = e.name;
	return err;
}

/** Where the edit path's write batches committed (`ThreadClient.writeBatchCounts`). */
export interface WriteBatchCounts {
	inline: number;
	thread: number;
	inlinePauses: number;
}

/** A `Client` for a `file:` URL whose statements run on a worker thread. */
export class ThreadClient implements Client {
	readonly protocol = 'file';
	readonly #calls: WorkerCalls<WireError>;
	#checkpointer: Worker | null = null;
	/** `writeBatch` on this thread while commits are quick (`./prepared-writer`); null: off. */
	readonly #inline: InlineCommits | null;
	#closed = false;
	#threadBatches = 0;

	constructor(
		private readonly config: Config,
		private readonly setup: string[],
		opts: { inlineCommits?: boolean } = {}
	) {
		const data: ThreadConfig = { dbThread: true, config, setup };
		this.#calls = new WorkerCalls(() => new Worker(workerEntry(import.meta.url), { eval: true, workerData: data }), toError, 'database thread');
		this.#inline = opts.inlineCommits ? new InlineCommits(config) : null;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** `writeBatch` calls committed inline and on the thread, and inline pauses, since start. */
	get writeBatchCounts(): WriteBatchCounts {
		const inline = this.#inline?.counts;
		return { inline: inline?.inline ?? 0, thread: this.#threadBatches, inlinePauses: inline?.pauses ?? 0 };
	}

	async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
		const stmt: InStatement = typeof stmtOrSql === 'string' ? (args ? { sql: stmtOrSql, args } : stmtOrSql) : stmtOrSql;
		return toResultSet((await this.call({ op: 'execute', stmt })) as WireResult);
	}

	/**
	 * One write transaction of positional statements, each prepared once per SQL text on the
	 * thread and kept: the edit path's append, where the client's batch (a fresh prepare, and a
	 * thrown probe for columns, per statement, plus BEGIN and COMMIT as statements of their own)
	 * cost twice the commit itself. Rejects, rolled back, with the failing statement's error.
	 * With inline commits on, a quick uncontended batch commits here instead, and anything else
	 * (busy, slow, an error) goes to the thread as before.
	 */
	async writeBatch(stmts: PositionalStatement[]): Promise<void> {
		if (this.#closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
		if (this.#inline?.tryRun(stmts)) return;
		this.#threadBatches++;
		await this.call({ op: 'writeBatch', stmts });
	}

	async batch(stmts: InStatement[], mode?: TransactionMode): Promise<ResultSet[]> {
		return ((await this.call({ op: 'batch', stmts, mode })) as WireResult[]).map(toResultSet);
	}

	async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
		return ((await this.call({ op: 'migrate', stmts })) as WireResult[]).map(toResultSet);
	}

	async executeMultiple(sql: string): Promise<void> {
		await this.call({ op: 'executeMultiple', sql });
	}

	async transaction(mode?: TransactionMode): Promise<Transaction> {
		const tx = (await this.call({ op: 'txBegin', mode })) as number;
		let closed = false;
		const end = async (op: 'txCommit' | 'txRollback' | 'txClose') => {
			if (closed) return;
			closed = true;
			await this.call({ op, tx });
		};
		return {
			execute: async (stmt: InStatement) => toResultSet((await this.call({ op: 'txExecute', tx, stmt })) as WireResult),
			batch: async (stmts: InStatement[]) =>
				((await this.call({ op: 'txBatch', tx, stmts })) as WireResult[]).map(toResultSet),
			executeMultiple: async (sql: string) => void (await this.call({ op: 'txExecuteMultiple', tx, sql })),
			commit: () => end('txCommit'),
			rollback: () => end('txRollback'),
			close: () => void end('txClose').catch(() => {}),
			get closed() {
				return closed;
			}
		} as Transaction;
	}

	async sync(): Promise<undefined> {
		return undefined;
	}

	async reconnect(): Promise<void> {}

	close(): void {
		this.#closed = true;
		this.#inline?.close();
		this.#calls.close();
		if (this.#checkpointer) void this.#checkpointer.terminate();
		this.#checkpointer = null;
	}

	/**
	 * Moves WAL checkpoints off the commit path: a commit that crosses SQLite's auto-checkpoint
	 * threshold copies the WAL into the database file and fsyncs it before it returns, and every
	 * edit waiting on that commit (store before broadcast) waited with it. A second thread with its
	 * own connection runs a PASSIVE checkpoint every second instead, which never blocks writers,
	 * while this client's connection checkpoints only past `COMMIT_CHECKPOINT_PAGES`.
	 */
	startCheckpoints(): void {
		if (this.#checkpointer || this.#closed) return;
		const data: ThreadConfig = { dbThread: true, config: this.config, setup: [], role: 'checkpoint' };
		const worker = new Worker(workerEntry(import.meta.url), { eval: true, workerData: data });
		worker.unref();
		worker.on('error', () => {});
		worker.on('exit', () => {
			if (this.#checkpointer === worker) this.#checkpointer = null;
		});
		this.#checkpointer = worker;
	}

	call(op: Op): Promise<unknown> {
		if (this.#closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
		return this.#calls.call(op);
	}
}

function wireError(err: unknown): WireError {
	// libsql's own SqliteError (from `writeBatch`'s connection) carries the same codes.
	if (err instanceof Error && err.name === 'SqliteError' && typeof (err as { code?: unknown }).code === 'string') {
		const e = err as Error & { code: string; rawCode?: number };
		return { name: 'LibsqlError', message: `${e.code}: ${e.message}`, code: e.code, rawCode: e.rawCode };
	}
	if (err instanceof LibsqlError) {
		return { name: err.name, message: err.message, code: err.code, extendedCode: err.extendedCode, rawCode: err.rawCode };
	}
	return { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
}

async function checkpointLoop(config: Config): Promise<void> {
	const client = createClient(config);
	await client.execute('PRAGMA busy_timeout = 5000');
	for (;;) {
		await new Promise((r) => setTimeout(r, CHECKPOINT_EVERY_MS));
		try {
			await client.execute('PRAGMA wal_checkpoint(PASSIVE)');
		} catch {
			// Busy or closing: the next tick tries again, and commits checkpoint past the net.
		}
	}
}

async function serve({ config, setup, role }: ThreadConfig): Promise<void> {
	if (role === 'checkpoint') return checkpointLoop(config);
	const client = createClient(config);
	for (const sql of setup) await client.execute(sql);
	let writer: PreparedWriter | null = null;
	const txs = new Map<number, Transaction>();
	let nextTx = 1;
	const tx = (id: number) => {
		const t = txs.get(id);
		if (!t) throw new Error(`no open transaction ${id}`);
		return t;
	};
	const run = async (req: Request): Promise<unknown> => {
		switch (req.op) {
			case 'writeBatch':
				(writer ??= new PreparedWriter(config)).run(req.stmts);
				return null;
			case 'execute':
				return fromResultSet(await client.execute(req.stmt));
			case 'batch':
				return (await client.batch(req.stmts, req.mode)).map(fromResultSet);
			case 'migrate':
				return (await client.migrate(req.stmts)).map(fromResultSet);
			case 'executeMultiple':
				return client.executeMultiple(req.sql);
			case 'txBegin': {
				const id = nextTx++;
				txs.set(id, await client.transaction(req.mode));
				return id;
			}
			case 'txExecute':
				return fromResultSet(await tx(req.tx).execute(req.stmt));
			case 'txBatch':
				return (await tx(req.tx).batch(req.stmts)).map(fromResultSet);
			case 'txExecuteMultiple':
				return tx(req.tx).executeMultiple(req.sql);
			case 'txCommit':
			case 'txRollback':
			case 'txClose': {
				const t = tx(req.tx);
				txs.delete(req.tx);
				if (req.op === 'txCommit') await t.commit();
				else if (req.op === 'txRollback') await t.rollback();
				else t.close();
				return null;
			}
		}
	};
	parentPort!.on('message', (req: Request) => {
		run(req).then(
			(result) => parentPort!.postMessage({ id: req.id, ok: true, result } satisfies Reply),
			(err) => parentPort!.postMessage({ id: req.id, ok: false, error: wireError(err) } satisfies Reply)
		);
	});
}

if (!isMainThread && (workerData as Partial<ThreadConfig> | null)?.dbThread) {
	void serve(workerData as ThreadConfig);
}
