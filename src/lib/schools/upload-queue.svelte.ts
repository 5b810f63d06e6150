/**
 * Evidence picked while offline (or whose upload failed on a weak connection) waits in IndexedDB
 * and is sent when the connection returns. Each entry keeps the Idempotency-Key it was given when
 * picked, so a retry after a lost answer never stores the file twice. The database name starts
 * with `qp:` so signing out deletes it with the other offline copies.
 */
import * as m from '$lib/paraglide/messages';
import { failureMessage, type Wording } from '$lib/components/failure';

export interface QueuedUpload {
	key: string;
	planId: string;
	schoolId: string;
	milestoneId: string;
	name: string;
	blob: Blob;
}

/** A file the server did not take: its status (0: no answer) and error code. */
export type UploadRefusal = { ok: false; status: number; error: string };

export type UploadResult = { ok: true; file: { id: string; name: string; size: number; type: string } } | UploadRefusal;

/** Evidence's own words for the kinds of [C3] it names; the rest read as everywhere. */
const EVIDENCE_WORDING: Wording = {
	too_large: m.evidence_too_large,
	unsupported: m.evidence_type_not_allowed,
	fallback: m.evidence_failed
};

/** [C3] Why the server refused a file, in the user's language. */
export const refusalMessage = (r: UploadRefusal): string => failureMessage({ status: r.status, body: { code: r.error } }, EVIDENCE_WORDING);

const STORE = 'uploads';

function openDb(userId: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(`qp:uploads:${userId}`, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

function tx<T>(db: IDBDatabase, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		const req = run(db.transaction(STORE, mode).objectStore(STORE));
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

/** Sends one file to the files API (contract v2). A network failure is `status: 0`. */
export async function sendUpload(u: QueuedUpload): Promise<UploadResult> {
	const form = new FormData();
	form.set('file', new File([u.blob], u.name, { type: u.blob.type }));
	form.set('schoolId', u.schoolId);
	form.set('milestoneId', u.milestoneId);
	let res: Response;
	try {
		res = await fetch(`/api/plans/${encodeURIComponent(u.planId)}/files`, {
			method: 'POST',
			headers: { 'idempotency-key': u.key },
			body: form
		});
	} catch {
		return { ok: false, status: 0, error: 'offline' };
	}
	const body = await res.json().catch(() => ({}));
	if (res.ok) return { ok: true, file: body };
	return { ok: false, status: res.status, error: String(body.code ?? body.error ?? res.status) };
}

export class UploadQueue {
	#items = $state.raw<QueuedUpload[]>([]);
	#db: Promise<IDBDatabase> | null = null;
	#flushing = false;
	readonly #onOnline = () => void this.flush();

	constructor(
		private readonly userId: string,
		/** Called for each queued file once the server took it. */
		private readonly onSent: (u: QueuedUpload, file: { id: string }) => void,
		/** Called for a queued file the server refused (too large, wrong type): it leaves the queue. */
		private readonly onRefused: (u: QueuedUpload, refusal: UploadRefusal) => void
	) {}

	get items(): QueuedUpload[] {
		return this.#items;
	}

	/** Browser only. */
	async start(): Promise<void> {
		if (typeof indexedDB === 'undefined') return;
		this.#db = openDb(this.userId);
		window.addEventListener('online', this.#onOnline);
		this.#items = await tx(await this.#db, 'readonly', (s) => s.getAll() as IDBRequest<QueuedUpload[]>);
		void this.flush();
	}

	stop(): void {
		window.removeEventListener('online', this.#onOnline);
		void this.#db?.then((db) => db.close());
	}

	async enqueue(u: QueuedUpload): Promise<void> {
		if (!this.#db) throw new Error('upload queue not started');
		await tx(await this.#db, 'readwrite', (s) => s.put(u));
		this.#items = [...this.#items.filter((x) => x.key !== u.key), u];
	}

	/** Sends what is queued, oldest first; stops at the first network failure. */
	async flush(): Promise<void> {
		if (this.#flushing || !this.#db) return;
		this.#flushing = true;
		try {
			for (const u of [...this.#items]) {
				const res = await sendUpload(u);
				if (!res.ok && (res.status === 0 || res.status >= 500)) break;
				await tx(await this.#db, 'readwrite', (s) => s.delete(u.key));
				this.#items = this.#items.filter((x) => x.key !== u.key);
				if (res.ok) this.onSent(u, res.file);
				else this.onRefused(u, res);
			}
		} finally {
			this.#flushing = false;
		}
	}
}
