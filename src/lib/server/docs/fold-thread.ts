/**
 * Compaction's CPU work on a worker thread. Folding a room means applying its snapshot and log
 * tail to a fresh document, encoding the snapshot and decoding it again to prove it: for a
 * 5,000-task plan hundreds of milliseconds, during which the event loop served no socket of any
 * room. Here the event loop only reads the entries (on the database thread), hands them over and
 * writes the result; one fold runs at a time.
 *
 * The same module is the thread's entry (`workerData.foldThread`).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import { foldStored, type Folded } from './compaction';
import type { StoredRoom } from './storage';

type Job = Pick<StoredRoom, 'snapshot' | 'tail'>;
type Reply = { id: number; ok: true; folded: Folded } | { id: number; ok: false; error: string };

export class FoldThread {
	#worker: Worker | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, { resolve: (f: Folded) => void; reject: (e: Error) => void }>();

	/** Folds on the thread; rejects when the thread fails (the next call starts a new one). */
	fold = (job: Job): Promise<Folded> => {
		const worker = this.#ensure();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			worker.postMessage({ id, job });
		});
	};

	/**
	 * Starts the thread now rather than at the first fold: its start-up (loading and compiling
	 * the modules) is a few hundred milliseconds of CPU, better spent at boot than mid-edit.
	 */
	start(): void {
		this.#ensure();
	}

	close(): void {
		void this.#worker?.terminate();
		this.#worker = null;
	}

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(workerEntry(import.meta.url), { eval: true, workerData: { foldThread: true } });
		// An idle thread must not keep the process alive.
		worker.unref();
		worker.on('message', (reply: Reply) => {
			const p = this.#pending.get(reply.id);
			if (!p) return;
			this.#pending.delete(reply.id);
			if (reply.ok) p.resolve(reply.folded);
			else p.reject(new Error(reply.error));
		});
		const fail = (err: Error) => {
			if (this.#worker === worker) this.#worker = null;
			const pending = [...this.#pending.values()];
			this.#pending.clear();
			for (const p of pending) p.reject(err);
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`fold thread exited with ${code}`)));
		this.#worker = worker;
		return worker;
	}
}

if (!isMainThread && (workerData as { foldThread?: boolean } | null)?.foldThread) {
	parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
		let reply: Reply;
		try {
			reply = { id, ok: true, folded: foldStored(job) };
		} catch (err) {
			reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
		}
		parentPort!.postMessage(reply);
	});
}
