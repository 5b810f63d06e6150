/**
 * One client's WebSocket in one room: bounds (frame size, message rate, send backlog, sync
 * replies), parsing, and dispatch to the room. Any violation closes this connection alone, with a
 * named close code and a reason naming the rule (library text goes to the log only, [Y23]),
 * before the message reaches the document.
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode } from '../../src/lib/shared/sync/protocol';
import { TokenBucket, type SyncLimits } from './limits';
import { parseClientMessage } from './messages';
import type { LiveRoom, Peer } from '../rooms/live-room';
import { SyncReplyQueue } from './sync-replies';
import { sendFrame } from './wire-frame';
import type { Log } from '../log';

/**
 * A peer whose unsent backlog exceeds this is closed with SlowConsumer rather than buffered
 * without bound ([Y21]): a few full states of a large plan, far above what a reading client holds.
 */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** How long a slow consumer gets to take the close frame before the socket is cut. */
const SLOW_CLOSE_GRACE_MS = 2000;

/** Close reasons: fixed texts naming the rule, never a library's message ([Y23]). */
export const CloseReason = {
	malformed: 'malformed message [Y9]',
	text: 'text frames are not part of the protocol [Y9]',
	unapplicable: 'update cannot be applied [Y9]',
	foreignClient: 'update writes under another user’s client id [Y19]',
	tooBig: 'message too big [Y8]',
	awarenessTooBig: 'awareness update too big [Y14]',
	badAwareness: 'malformed awareness update [Y9]',
	rateLimited: 'too many messages [Y8]',
	slowConsumer: 'send backlog too large [Y21]'
} as const;

export interface ConnectionInfo {
	userId: string;
	/** The user's display name, which the server writes into their presence. */
	displayName: string;
	token: string;
	/** When the session ends unless re-validation extends it (ms since the epoch). */
	sessionExpiresAt: number;
	readOnly: boolean;
}

export class SyncConnection implements Peer {
	readonly awarenessIds = new Set<number>();
	readonly userId: string;
	readonly displayName: string;
	readonly token: string;
	/** Re-validation moves it when the session slides; past it, writes are dropped. */
	sessionExpiresAt: number;
	/** Set when the session ended: nothing this socket sends is applied any more. */
	#ended = false;
	#readOnly: boolean;
	#closing = false;
	/** Cleared on each ping, set by the pong: a peer that never answers is dropped. */
	alive = true;
	readonly #bucket: TokenBucket;
	readonly #syncReplies: SyncReplyQueue;
	/** Resolves once the socket is closed and the peer left its room. */
	readonly closed: Promise<void>;

	constructor(
		private readonly ws: WebSocket,
		readonly room: LiveRoom,
		info: ConnectionInfo,
		private readonly limits: SyncLimits,
		private readonly log: Log,
		onClose: (conn: SyncConnection) => void
	) {
		this.userId = info.userId;
		this.displayName = info.displayName;
		this.token = info.token;
		this.sessionExpiresAt = info.sessionExpiresAt;
		this.#readOnly = info.readOnly;
		this.#bucket = new TokenBucket(limits.ratePerSec, limits.rateBurst);
		this.#syncReplies = new SyncReplyQueue(
			(sv) => this.room.answerSyncStep1(this, sv),
			(event, fields) => this.log(event, { ...fields, room: room.name, user: this.userId })
		);
		ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		ws.on('pong', () => (this.alive = true));
		ws.on('error', (err) => this.log('socket-error', { level: 'warn', room: room.name, user: this.userId, error: err.message }));
		this.closed = new Promise((resolve) =>
			ws.once('close', () => {
				this.#closing = true;
				this.#syncReplies.dispose();
				room.removePeer(this);
				onClose(this);
				resolve();
			})
		);
		room.addPeer(this);
	}

	get readOnly(): boolean {
		return this.#readOnly;
	}

	/** Re-validation found a changed role: a writer demoted to reader stops being able to edit. */
	setReadOnly(readOnly: boolean): void {
		this.#readOnly = readOnly;
	}

	/**
	 * The session ended (sign-out, reset, removal, lost access): from now on nothing is applied,
	 * even frames already on the way, and the socket closes with Unauthorized.
	 */
	end(reason: string): void {
		this.#ended = true;
		this.close(CloseCode.Unauthorized, reason);
	}

	get open(): boolean {
		return !this.#closing && this.ws.readyState === this.ws.OPEN;
	}

	send(frame: Uint8Array): void {
		if (!this.open) return;
		if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.log('slow-consumer', { level: 'warn', room: this.room.name, user: this.userId, unsentBytes: this.ws.bufferedAmount });
			this.close(CloseCode.SlowConsumer, CloseReason.slowConsumer);
			// The close frame queues behind the backlog; a peer that reads nothing is cut off.
			setTimeout(() => this.ws.terminate(), SLOW_CLOSE_GRACE_MS).unref();
			return;
		}
		sendFrame(this.ws, frame);
	}

	close(code: number, reason: string): void {
		if (this.#closing) return;
		this.#closing = true;
		this.ws.close(code, reason);
	}

	/** Drops the socket without a close handshake (a peer that does not answer). */
	terminate(): void {
		this.#closing = true;
		this.ws.terminate();
	}

	/** Sends a ping, or drops the peer when the previous ping went unanswered. */
	heartbeat(): void {
		if (!this.alive) {
			this.#closing = true;
			this.ws.terminate();
			return;
		}
		this.alive = false;
		if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
	}

	#onMessage(data: RawData, isBinary: boolean): void {
		if (this.#closing) return;
		this.alive = true;
		const frame = toBytes(data);
		if (frame.byteLength > this.limits.maxMessageBytes) {
			return this.close(CloseCode.MessageTooBig, CloseReason.tooBig);
		}
		if (!this.#bucket.take()) return this.close(CloseCode.RateLimited, CloseReason.rateLimited);
		if (!isBinary) return this.close(CloseCode.Malformed, CloseReason.text);

		const msg = parseClientMessage(frame, !this.#readOnly);
		switch (msg.kind) {
			case 'malformed':
				this.log('malformed-message', { level: 'warn', room: this.room.name, user: this.userId, reason: msg.reason });
				return this.close(CloseCode.Malformed, CloseReason.malformed);
			case 'sync-step1':
				// Coalesced and rate-limited: a flood of requests draws a few answers ([Y21]).
				this.#syncReplies.request(msg.stateVector);
				return;
			case 'update':
				// Read-only: dropped unseen, never applied, stored or broadcast.
				if (this.#readOnly) return;
				if (this.#ended || Date.now() >= this.sessionExpiresAt) return this.end('session ended');
				switch (this.room.applyUpdate(this, msg.update, msg.writes)) {
					case 'malformed':
						return this.close(CloseCode.Malformed, CloseReason.unapplicable);
					case 'foreign-client':
						return this.close(CloseCode.Malformed, CloseReason.foreignClient);
				}
				return;
			case 'awareness':
				switch (this.room.applyAwareness(this, msg.update)) {
					case 'too-big':
						return this.close(CloseCode.MessageTooBig, CloseReason.awarenessTooBig);
					case 'malformed':
						return this.close(CloseCode.Malformed, CloseReason.badAwareness);
				}
				return;
			case 'query-awareness': {
				const reply = this.room.awarenessFrame();
				if (reply) this.send(reply);
				return;
			}
		}
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}
