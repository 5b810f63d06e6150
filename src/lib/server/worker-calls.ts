/**
 * Request and reply with a worker thread: each call posts `{ id, ...request }` and resolves with
 * the reply carrying the same id (`{ id, ok: true, result }` or `{ id, ok: false, error }`). The
 * thread starts on the first call (or `start()`); when it dies, the calls in flight reject and the
 * next call starts a new one. An idle thread does not keep the process alive.
 */
import type { Worker } from 'node:worker_threads';

export type WorkerReply<E> = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: E };

export class WorkerCalls<E> {
	#worker: Worker | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

	constructor(
		private readonly spawn: () => Worker,
		private readonly toError: (error: E) => Error,
		private readonly label: string
	) {}

	call(request: object): Promise<unknown> {
		const worker = this.start();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			worker.postMessage({ ...request, id });
		});
	}

	start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.spawn();
		worker.unref();
		worker.on('message', (reply: WorkerReply<E>) => {
			const p = this.#pending.get(reply.id);
			if (!p) return;
			this.#pending.delete(reply.id);
			if (reply.ok) p.resolve(reply.result);
			else p.reject(this.toError(reply.error));
		});
		const fail = (err: Error) => {
			if (this.#worker === worker) this.#worker = null;
			const pending = [...this.#pending.values()];
			this.#pending.clear();
			for (const p of pending) p.reject(err);
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`${this.label} exited with ${code}`)));
		this.#worker = worker;
		return worker;
	}

	close(): void {
		void this.#worker?.terminate();
		this.#worker = null;
	}
}
