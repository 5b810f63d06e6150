/**
 * Bounds of the sync server, read once from the environment so tests and small machines can tune
 * them, and the per-connection token bucket that enforces the message rate.
 */

export interface SyncLimits {
	/**
	 * Largest accepted frame in bytes (`SYNC_MAX_MESSAGE_BYTES`, 16 MiB). An import from another
	 * tool writes the whole plan in one transaction, and y-websocket sends it as one frame: a
	 * 10,000-task plan is about 3.5 MB (2 MiB refused it with 4413, and the provider's reconnect
	 * sent the same frame again, so the tasks never reached the room).
	 */
	maxMessageBytes: number;
	/** Sustained messages per second per connection (`SYNC_RATE_PER_SEC`, 100). */
	ratePerSec: number;
	/** Burst of messages a connection may send at once (`SYNC_RATE_BURST`, 300). */
	rateBurst: number;
	/** Rooms held in memory at once; beyond it new rooms get HTTP 503 (`SYNC_MAX_ROOMS`, 1000). */
	maxRooms: number;
	/** How long an empty room stays loaded, in ms (`SYNC_UNLOAD_GRACE_MS`, 5000). */
	unloadGraceMs: number;
	/** Log entries of a room before a background compaction (`SYNC_COMPACT_AFTER`, 200). */
	compactAfter: number;
	/** Group-commit window in ms (`SYNC_COMMIT_DELAY_MS`, 0: adaptive, no fixed wait). */
	commitDelayMs: number;
	/** Update bytes in one group-commit batch (`SYNC_MAX_BATCH_BYTES`, 4 MiB); one larger update goes alone. */
	maxBatchBytes: number;
	/** Projection debounce and maximum wait in ms (`SYNC_PROJECT_DEBOUNCE_MS` 250, `SYNC_PROJECT_MAX_WAIT_MS` 1000). */
	projectDebounceMs: number;
	projectMaxWaitMs: number;
	/**
	 * Delay of a large loaded room's first projection (500 records or more) when nobody edits
	 * before it, in ms (`SYNC_PROJECT_LOAD_DELAY_MS`, 1500): a room loads because someone joins,
	 * and others join right after; the check of a large plan's rows waits for that burst to pass.
	 * A smaller room is checked after the usual debounce.
	 */
	projectLoadDelayMs: number;
	/**
	 * Session re-validation interval in ms (`SYNC_REVALIDATE_MS`, 15000; 0 disables). Within one
	 * instance a sign-out or membership change acts at once; this bounds how long another
	 * instance's sockets outlive it.
	 */
	revalidateMs: number;
	/** Ping interval in ms; a peer silent for a whole interval is dropped (`SYNC_PING_MS`, 30000). */
	pingMs: number;
	/**
	 * How often loaded rooms take in updates another instance stored for them, in ms
	 * (`SYNC_PEER_POLL_MS`, 2000; 0 disables): two instances holding one room (around a failover,
	 * [Y25]) converge within this.
	 */
	peerPollMs: number;
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < min) {
		// Fail fast: a typo in a bound must not silently become "unbounded".
		throw new Error(`${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}`);
	}
	return n;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncLimits {
	return {
		maxMessageBytes: envNumber(env, 'SYNC_MAX_MESSAGE_BYTES', 16 * 1024 * 1024, 1024),
		ratePerSec: envNumber(env, 'SYNC_RATE_PER_SEC', 100, 1),
		rateBurst: envNumber(env, 'SYNC_RATE_BURST', 300, 1),
		maxRooms: envNumber(env, 'SYNC_MAX_ROOMS', 1000, 1),
		unloadGraceMs: envNumber(env, 'SYNC_UNLOAD_GRACE_MS', 5000),
		compactAfter: envNumber(env, 'SYNC_COMPACT_AFTER', 200, 1),
		commitDelayMs: envNumber(env, 'SYNC_COMMIT_DELAY_MS', 0),
		maxBatchBytes: envNumber(env, 'SYNC_MAX_BATCH_BYTES', 4 * 1024 * 1024, 1024),
		projectDebounceMs: envNumber(env, 'SYNC_PROJECT_DEBOUNCE_MS', 250),
		projectMaxWaitMs: envNumber(env, 'SYNC_PROJECT_MAX_WAIT_MS', 1000),
		projectLoadDelayMs: envNumber(env, 'SYNC_PROJECT_LOAD_DELAY_MS', 1500),
		revalidateMs: envNumber(env, 'SYNC_REVALIDATE_MS', 15_000),
		pingMs: envNumber(env, 'SYNC_PING_MS', 30_000, 100),
		peerPollMs: envNumber(env, 'SYNC_PEER_POLL_MS', 2000)
	};
}

/** A token bucket: `take()` is false once the connection has spent its burst faster than the rate. */
export class TokenBucket {
	#tokens: number;
	#last: number;

	constructor(
		private readonly ratePerSec: number,
		private readonly burst: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.#tokens = burst;
		this.#last = now();
	}

	take(): boolean {
		const t = this.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.ratePerSec);
		this.#last = t;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
