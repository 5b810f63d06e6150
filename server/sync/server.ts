/**
 * The live-sync side of the one HTTP server: decides `/sync/<room>` upgrades, hands accepted
 * sockets to their room, keeps them alive (ping/pong), re-validates sessions, and shuts down
 * without losing an accepted edit.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Db } from '../../src/lib/server/db/index';
import { LibsqlDocStorage } from '../../src/lib/server/docs/libsql-storage';
import { ThreadClient } from '../../src/lib/server/db/thread-client';
import { setLiveWriter } from '../../src/lib/server/runtime';
import { serverWrites } from '../rooms/server-writes';
import { sessionIdFromToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { onSessionEvent, type SessionEvent } from '../../src/lib/server/auth/session-events';
import { authorize, type RoomAuthorization } from '../../src/lib/server/services/authorize';
import { CloseCode } from '../../src/lib/shared/sync/protocol';
import { SyncConnection } from './connection';
import type { SyncLimits } from './limits';
import { RoomRegistry, RoomsFullError } from '../rooms/registry';
import { authorizeUpgrade, handshakeProblem, refuseUpgrade } from './upgrade';
import { TurnBudget } from './turn-budget';
import { GroupCommitWriter } from '../rooms/group-commit';
import { errorText, type Log } from '../log';
import { SyncMetrics } from '../metrics';
import { FoldThread } from '../rooms/fold-thread';

export interface SyncServerOptions {
	db: Db;
	limits: SyncLimits;
	log: Log;
	env?: NodeJS.ProcessEnv;
}

export interface SyncServer {
	/** The `upgrade` listener of the HTTP server. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Stores pending edits, closes every socket with GoingAway, unloads the rooms. */
	close(): Promise<void>;
	stats(): { rooms: number; connections: number; pendingWrites: number; failingRooms: number };
	/** The Prometheus text of `/metrics`. */
	metrics(): string;
}

const SHUTDOWN_FLUSH_MS = 10_000;
/** Log entries taken in per poll of other instances' writes; more wait for the next poll. */
const PEER_POLL_LIMIT = 500;

/**
 * Runs `task` every `ms` (0: never), skipping a tick while the previous run is still going; the
 * timer does not keep the process alive.
 */
function every(ms: number, task: () => Promise<void>, onError: (err: unknown) => void) {
	if (ms <= 0) return null;
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		void task()
			.catch(onError)
			.finally(() => (running = false));
	}, ms);
	timer.unref();
	return timer;
}

export function createSyncServer({
	db,
	limits,
	log,
	env = process.env
}: SyncServerOptions): SyncServer {
	// ws enforces its own maxPayload with close code 1009; set it above our bound so oversize frames
	// reach our check and get MessageTooBig (4413), which clients understand.
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: limits.maxMessageBytes + 1024 * 1024,
		perMessageDeflate: false
	});
	const storage = new LibsqlDocStorage(db);
	const metrics = new SyncMetrics();
	const connections = new Set<SyncConnection>();
	const writer = new GroupCommitWriter(
		(updates, audit, owners) => storage.append(updates, audit, owners),
		{
			delayMs: limits.commitDelayMs,
			maxBatchBytes: limits.maxBatchBytes,
			log,
			onStore: (ms, updates, _bytes, ok) => metrics.recordStore(ms, updates, ok),
			// [Y24] While a room cannot store, its clients are told and reconnect later; their
			// unconfirmed edits stay in their documents and reach the room when they sync again.
			onRoomStatus: (room, failing) => {
				if (!failing) return;
				for (const c of connections) {
					if (c.room.name === room) c.close(CloseCode.StoreFailing, 'storage failing, retrying [Y24]');
				}
			}
		}
	);
	// Compaction folds rooms on a thread of its own: for a large plan it is long CPU work.
	const folds = new FoldThread();
	folds.start();
	const registry = new RoomRegistry({
		db,
		storage,
		writer,
		limits,
		log,
		onBroadcast: (ms) => metrics.recordBroadcast(ms),
		onEditWait: (ms) => metrics.recordEditWait(ms),
		fold: folds.fold,
		rebuild: folds.rebuild
	});
	let closing = false;

	// Server-side writes (API, imports, templates) take the same path as a client's update.
	setLiveWriter(serverWrites(registry, () => closing));

	const heartbeat = setInterval(() => {
		for (const c of connections) c.heartbeat();
	}, limits.pingMs);
	heartbeat.unref();

	// [Y25] Two instances may hold one room around a failover (the dead one's plans come back to
	// it while moved sockets stay on the survivor). Each takes in what the other stored, so both
	// groups of clients converge within `peerPollMs`; an instance's own entries are no-ops.
	let lastSeenId: Promise<number> = storage.lastUpdateId().catch(() => 0);
	const peerPoll = every(limits.peerPollMs, pollPeers, (err) =>
		log('peer-poll-failed', { level: 'warn', error: errorText(err) })
	);

	async function pollPeers(): Promise<void> {
		if (closing) return;
		const after = await lastSeenId;
		const upTo = await storage.lastUpdateId();
		const entries = await storage.updatesSince(after, upTo, registry.names(), PEER_POLL_LIMIT);
		let taken = 0;
		for (const e of entries) {
			const room = await registry.loaded(e.room);
			if (room?.applyStored(e.update)) taken++;
		}
		lastSeenId = Promise.resolve(entries.length === PEER_POLL_LIMIT ? entries[entries.length - 1].id : upTo);
		if (taken > 0) log('peer-updates', { updates: taken, upToId: upTo });
	}

	const revalidate = every(limits.revalidateMs, () => revalidateAll(), (err) =>
		log('revalidate-failed', { level: 'error', error: errorText(err) })
	);

	/**
	 * Closes sockets whose session ended or whose access was withdrawn, applies role changes and
	 * moves each socket's session expiry along with the session. `only` narrows it to some sockets
	 * (one user's, after news of a membership change).
	 */
	async function revalidateAll(only: (c: SyncConnection) => boolean = () => true): Promise<void> {
		const sessions = new Map<string, ReturnType<typeof validateSessionToken>>();
		const decisions = new Map<string, Promise<RoomAuthorization>>();
		for (const c of [...connections]) {
			if (!c.open || !only(c)) continue;
			if (!sessions.has(c.token)) sessions.set(c.token, validateSessionToken(db, c.token));
			const { user, session } = await sessions.get(c.token)!;
			if (!session || user.id !== c.userId) {
				c.end('session ended');
				continue;
			}
			c.sessionExpiresAt = session.expiresAt;
			const key = `${c.userId} ${c.room.name}`;
			if (!decisions.has(key)) decisions.set(key, authorize(db, c.userId, c.room.room));
			const decision = await decisions.get(key)!;
			if (!decision.ok) c.end('access withdrawn');
			else c.setReadOnly(decision.access === 'read');
		}
	}

	/** News from this process (sign-out, reset, membership change) acts at once, not at the next tick. */
	function onSession(event: SessionEvent): void {
		if (event.kind === 'session-ended') {
			for (const c of connections) if (sessionIdFromToken(c.token) === event.sessionId) c.end('session ended');
		} else if (event.kind === 'user-sessions-ended') {
			for (const c of connections) if (c.userId === event.userId) c.end('session ended');
		} else {
			void revalidateAll((c) => c.userId === event.userId).catch((err) =>
				log('revalidate-failed', { level: 'error', user: event.userId, error: errorText(err) })
			);
		}
	}
	const offSession = onSessionEvent(onSession);

	const joins = new TurnBudget();

	async function accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		const decision = await authorizeUpgrade(db, req, env);
		if (!decision.ok) return refuseUpgrade(socket, decision.status, decision.message);
		if (closing) return refuseUpgrade(socket, 503, 'server is shutting down');
		// ws refuses a bad handshake without calling back: check it before holding a room.
		const problem = handshakeProblem(req);
		if (problem) return refuseUpgrade(socket, 400, problem);

		if (writer.isFailing(decision.name)) return refuseUpgrade(socket, 503, 'storage failing, retrying');
		let room;
		try {
			room = await registry.acquire(decision.name, decision.room);
		} catch (err) {
			if (err instanceof RoomsFullError) return refuseUpgrade(socket, 503, err.message);
			throw err;
		}
		if (socket.destroyed || closing) {
			registry.release(decision.name);
			return refuseUpgrade(socket, 503, 'server is shutting down');
		}
		// Every acquire is released exactly once: by the connection when ws hands over a socket,
		// else when the socket closes (ws may refuse or drop a handshake without calling back).
		let handedOver = false;
		socket.once('close', () => {
			if (!handedOver) registry.release(decision.name);
		});
		// A burst of joins is spread over turns ([Y37]); ws drops a socket that closed meanwhile.
		joins.run(() => wss.handleUpgrade(req, socket, head, (ws) => {
			handedOver = true;
			const conn = new SyncConnection(
				ws,
				room,
				{
					userId: decision.user.id,
					displayName: decision.user.displayName,
					token: decision.token,
					sessionExpiresAt: decision.sessionExpiresAt,
					readOnly: decision.access === 'read'
				},
				limits,
				log,
				(c) => {
					connections.delete(c);
					registry.release(decision.name);
					log('socket-close', { room: decision.name, user: decision.user.id });
				}
			);
			connections.add(conn);
			log('socket-open', { room: decision.name, user: decision.user.id, readOnly: decision.access === 'read' });
		}));
	}

	return {
		handleUpgrade(req, socket, head) {
			// A reset during the decision must not become an unhandled 'error' event.
			socket.on('error', () => socket.destroy());
			accept(req, socket, head).catch((err) => {
				log('upgrade-failed', { level: 'error', path: req.url?.split('?')[0], error: err instanceof Error ? err.stack : String(err) });
				refuseUpgrade(socket, 500, 'internal error');
			});
		},

		async close() {
			closing = true;
			setLiveWriter(null);
			offSession();
			clearInterval(heartbeat);
			if (revalidate) clearInterval(revalidate);
			if (peerPoll) clearInterval(peerPoll);
			if (!(await writer.flush(SHUTDOWN_FLUSH_MS))) {
				log('shutdown-unstored', { level: 'error', pending: writer.pending, failingRooms: writer.failingRooms.length });
			}
			const closed = [...connections].map(
				(c) => new Promise<void>((r) => {
					c.close(CloseCode.GoingAway, 'server shutting down');
					// ws waits for the peer's close frame; do not let one dead peer hold shutdown.
					const timer = setTimeout(() => c.terminate(), 1000);
					void c.closed.then(() => {
						clearTimeout(timer);
						r();
					});
				})
			);
			await Promise.all(closed);
			await Promise.race([registry.closeAll(), new Promise((r) => setTimeout(r, SHUTDOWN_FLUSH_MS))]);
			writer.stop();
			folds.close();
			metrics.dispose();
			wss.close();
		},

		stats() {
			return {
				rooms: registry.size,
				connections: connections.size,
				pendingWrites: writer.pending,
				failingRooms: writer.failingRooms.length,
				writeBatches: db.$client instanceof ThreadClient ? db.$client.writeBatchCounts : undefined
			};
		},

		metrics() {
			return metrics.render(this.stats());
		}
	};
}
