/**
 * What this browser keeps of a user's live documents while offline, and wiping it: a school
 * computer is shared, so signing out leaves no document, page or pending count behind.
 */

const PREFIX = 'qp';

/** The IndexedDB database of one user's copy of one room. */
export function cacheName(userId: string, room: string): string {
	return `${PREFIX}:${userId}:${room}`;
}

/** The localStorage key of the count of a room's unconfirmed changes. */
export function pendingKey(userId: string, room: string): string {
	return `${PREFIX}:pending:${userId}:${room}`;
}

/** The service worker's caches hold signed-in pages; their names start with this. */
export const PAGE_CACHE_PREFIX = 'qp-pages-';

/**
 * Deletes every cached document, pending count and cached page of this browser (all users:
 * whoever signs out of a shared computer wants nothing left). Resolves when done; never throws.
 */
export async function wipeOfflineData(): Promise<void> {
	const jobs: Promise<unknown>[] = [];
	try {
		const dbs = typeof indexedDB !== 'undefined' && indexedDB.databases ? await indexedDB.databases() : [];
		for (const { name } of dbs) {
			if (name?.startsWith(`${PREFIX}:`)) {
				jobs.push(
					new Promise<void>((resolve) => {
						const req = indexedDB.deleteDatabase(name);
						req.onsuccess = req.onerror = req.onblocked = () => resolve();
					})
				);
			}
		}
	} catch {
		// No IndexedDB listing: nothing was cached through it.
	}
	try {
		for (let i = localStorage.length - 1; i >= 0; i--) {
			const key = localStorage.key(i);
			if (key?.startsWith(`${PREFIX}:`)) localStorage.removeItem(key);
		}
	} catch {
		// Storage disabled.
	}
	try {
		if (typeof caches !== 'undefined') {
			for (const name of await caches.keys()) if (name.startsWith(PAGE_CACHE_PREFIX)) jobs.push(caches.delete(name));
		}
	} catch {
		// No Cache API (insecure context).
	}
	await Promise.all(jobs);
}
