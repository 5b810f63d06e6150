/**
 * The rooms held in memory. A room loads on its first connection (concurrent first connections
 * share one load), stays while anyone holds it, and unloads after a grace period once the last
 * holder left, so a page reload does not reload the document. The number of rooms is capped: an
 * idle room is evicted early to make space, and when none is idle a new room is refused.
 */
import { errorText } from '../log';
import type { Room } from '../../src/lib/shared/sync/protocol';
import { LiveRoom, type RoomDeps } from './live-room';

/** Thrown by `acquire` when the cap is reached and no room is idle (HTTP 503). */
export class RoomsFullError extends Error {
	override name = 'RoomsFullError';
}

interface Entry {
	room: Promise<LiveRoom>;
	holders: number;
	unloadTimer: ReturnType<typeof setTimeout> | null;
}

export class RoomRegistry {
	readonly #entries = new Map<string, Entry>();
	/** Rooms being unloaded; a room re-opened meanwhile loads only after its writes are done. */
	readonly #unloading = new Map<string, Promise<void>>();

	constructor(private readonly deps: RoomDeps) {}

	get size(): number {
		return this.#entries.size;
	}

	/** The loaded room; the caller must `release` it exactly once. */
	async acquire(name: string, room: Room): Promise<LiveRoom> {
		let entry = this.#entries.get(name);
		if (!entry) {
			if (this.#entries.size >= this.deps.limits.maxRooms && !this.#evictOneIdle()) {
				throw new RoomsFullError(`at most ${this.deps.limits.maxRooms} rooms may be open`);
			}
			const unloading = this.#unloading.get(name);
			const load = (async () => {
				if (unloading) await unloading;
				return LiveRoom.load(name, room, this.deps);
			})();
			entry = { room: load, holders: 0, unloadTimer: null };
			this.#entries.set(name, entry);
			const created = entry;
			load.catch(() => {
				// A failed load must not leave a broken room behind for the next caller.
				if (this.#entries.get(name) === created) this.#entries.delete(name);
			});
		}
		entry.holders++;
		if (entry.unloadTimer) {
			clearTimeout(entry.unloadTimer);
			entry.unloadTimer = null;
		}
		return entry.room;
	}

	release(name: string): void {
		const entry = this.#entries.get(name);
		if (!entry || entry.holders === 0) return;
		entry.holders--;
		if (entry.holders === 0) {
			entry.unloadTimer = setTimeout(() => this.#unload(name, entry), this.deps.limits.unloadGraceMs);
		}
	}

	/** Rooms currently loaded (for stats and tests). */
	names(): string[] {
		return [...this.#entries.keys()];
	}

	/** A loaded room, or null while it loads or when it is not held. */
	async loaded(name: string): Promise<LiveRoom | null> {
		const entry = this.#entries.get(name);
		return entry ? entry.room.catch(() => null) : null;
	}

	/** Unloads every room (shutdown); holders must have released or been closed first. */
	async closeAll(): Promise<void> {
		for (const [name, entry] of [...this.#entries]) {
			if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
			this.#unload(name, entry);
		}
		await Promise.all(this.#unloading.values());
	}

	#evictOneIdle(): boolean {
		for (const [name, entry] of this.#entries) {
			if (entry.holders === 0) {
				if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
				this.#unload(name, entry);
				return true;
			}
		}
		return false;
	}

	#unload(name: string, entry: Entry): void {
		if (this.#entries.get(name) !== entry) return;
		this.#entries.delete(name);
		const done = entry.room
			.then((room) => room.close())
			.catch((err) => this.deps.log('unload-failed', { level: 'error', room: name, error: errorText(err) }))
			.finally(() => {
				if (this.#unloading.get(name) === done) this.#unloading.delete(name);
			});
		this.#unloading.set(name, done);
	}
}
