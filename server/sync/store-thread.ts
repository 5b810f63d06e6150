/**
 * The update log's appends on a worker thread. libsql's `file:` client is synchronous underneath:
 * an fsync'd batch blocked the event loop for its whole duration (0.3–3 ms on this machine, far
 * more when other processes fill the disk queue), and every socket of every room waited behind
 * it. Here the thread owns its own connection to the same database file (WAL, synchronous FULL)
 * and the event loop only posts the batch and awaits the answer, so it keeps serving sockets
 * while the disk syncs. Store-before-broadcast is unchanged: the room broadcasts when the
 * thread has answered that the batch is durable.
 *
 * The same module is the thread's entry (`workerData.storeThread`) and, on the main thread, the
 * `ThreadedStore` that talks to it. A thread that dies fails its in-flight batches (the writer
 * retries them) and is started again for the next one.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openDb } from '../../src/lib/server/db/index';
import { LibsqlDocStorage } from '../../src/lib/server/docs/libsql-storage';
import type { AuditEntry, ClientOwner, StoredUpdate } from '../../src/lib/server/docs/storage';

interface Request {
	id: number;
	updates: StoredUpdate[];
	audit: AuditEntry[];
	owners: ClientOwner[];
}
type Reply = { id: number; ok: true } | { id: number; ok: false; error: string };

interface ThreadConfig {
	storeThread: true;
	url: string;
	authToken?: string;
}

/** Appends batches through a worker thread; `append` resolves once the batch is durable. */
export class ThreadedStore {
	#worker: Worker | null = null;
	#nextId = 1;
	#pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
	#closed = false;

	constructor(
		private readonly url: string,
		private readonly authToken?: string
	) {}

	/** Whether a database URL is a local file, the case where the thread pays off. */
	static suits(url: string): boolean {
		return url.startsWith('file:') && !url.includes(':memory:');
	}

	append(updates: StoredUpdate[], audit: AuditEntry[], owners: ClientOwner[]): Promise<void> {
		if (this.#closed) return Promise.reject(new Error('store thread closed'));
		const worker = this.#ensure();
		const id = this.#nextId++;
		return new Promise<void>((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			worker.postMessage({ id, updates, audit, owners } satisfies Request);
		});
	}

	async close(): Promise<void> {
		this.#closed = true;
		const w = this.#worker;
		this.#worker = null;
		if (w) await w.terminate();
	}

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const config: ThreadConfig = { storeThread: true, url: this.url, authToken: this.authToken };
		const worker = new Worker(threadEntry(), { eval: true, workerData: config });
		worker.unref();
		worker.on('message', (reply: Reply) => {
			const p = this.#pending.get(reply.id);
			if (!p) return;
			this.#pending.delete(reply.id);
			if (reply.ok) p.resolve();
			else p.reject(new Error(reply.error));
		});
		const fail = (err: Error) => {
			if (this.#worker === worker) this.#worker = null;
			const pending = [...this.#pending.values()];
			this.#pending.clear();
			for (const p of pending) p.reject(err);
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`store thread exited with ${code}`)));
		this.#worker = worker;
		return worker;
	}
}

/**
 * The thread's bootstrap. On Node 20 a worker does not inherit the hooks of `--import tsx`, so
 * when this module runs as TypeScript the thread registers tsx before importing it.
 */
function threadEntry(): string {
	const self = JSON.stringify(import.meta.url);
	if (!import.meta.url.endsWith('.ts')) return `import(${self});`;
	const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
	return `import(${tsx}).then(({ register }) => { register(); return import(${self}); });`;
}

async function serve(config: ThreadConfig): Promise<void> {
	const { db } = await openDb(config.url, config.authToken);
	const storage = new LibsqlDocStorage(db);
	// One batch at a time, in arrival order: the writer sends the next only after this answers.
	let chain = Promise.resolve();
	parentPort!.on('message', (req: Request) => {
		chain = chain.then(async () => {
			let reply: Reply;
			try {
				await storage.append(req.updates, req.audit, req.owners);
				reply = { id: req.id, ok: true };
			} catch (err) {
				reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
			}
			parentPort!.postMessage(reply);
		});
	});
}

if (!isMainThread && (workerData as Partial<ThreadConfig> | null)?.storeThread) {
	void serve(workerData as ThreadConfig);
}
