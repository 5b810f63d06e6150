/**
 * Compaction's CPU work on a worker thread, and a big room's load ([Y36]). Folding a room means
 * applying its snapshot and log tail to a fresh document, encoding the snapshot and decoding it
 * again to prove it: for a 5,000-task plan hundreds of milliseconds, during which the event loop
 * served no socket of any room. Here the event loop only reads the entries (on the database
 * thread), hands them over and writes the result; one fold runs at a time.
 *
 * The same module is the thread's entry (`workerData.foldThread`).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WorkerCalls, type WorkerReply } from '../../src/lib/server/worker-calls';
import { workerEntry } from '../../src/lib/server/worker-entry';
import { foldStored, type Folded } from '../../src/lib/server/docs/compaction';
import { rebuildAsChunks, type ChunkedRebuild } from '../../src/lib/server/docs/load';
import type { StoredRoom } from '../../src/lib/server/docs/storage';

type Job = Pick<StoredRoom, 'snapshot' | 'tail'>;

/** Folds on the thread; a fold rejects when the thread fails (the next one starts a new thread). */
export class FoldThread {
	readonly #calls = new WorkerCalls<string>(
		() => new Worker(workerEntry(import.meta.url), { eval: true, workerData: { foldThread: true } }),
		(error) => new Error(error),
		'fold thread'
	);

	fold = (job: Job): Promise<Folded> => this.#calls.call({ job }) as Promise<Folded>;

	/** A big room's load: rebuilt here, applied by the caller in slices ([Y36]). */
	rebuild = (job: Job): Promise<ChunkedRebuild> => this.#calls.call({ job, rebuild: true }) as Promise<ChunkedRebuild>;

	/**
	 * Starts the thread now rather than at the first fold: its start-up (loading and compiling
	 * the modules) is a few hundred milliseconds of CPU, better spent at boot than mid-edit.
	 */
	start(): void {
		this.#calls.start();
	}

	close(): void {
		this.#calls.close();
	}
}

if (!isMainThread && (workerData as { foldThread?: boolean } | null)?.foldThread) {
	parentPort!.on('message', ({ id, job, rebuild }: { id: number; job: Job; rebuild?: boolean }) => {
		let reply: WorkerReply<string>;
		try {
			reply = { id, ok: true, result: rebuild ? rebuildAsChunks(job) : foldStored(job) };
		} catch (err) {
			reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
		}
		parentPort!.postMessage(reply);
	});
}
