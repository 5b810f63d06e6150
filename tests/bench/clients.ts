/**
 * A lightweight y-websocket client for load generation: raw `ws` plus `y-protocols`, one `Y.Doc`
 * and one `Awareness` per client, speaking exactly what y-websocket 3.1's `WebsocketProvider`
 * speaks: on open sync step 1 and the local awareness state; answers sync step 1 with step 2;
 * every local doc update and every awareness change (remote ones included, as the provider echoes
 * them) goes to the server; `messageQueryAwareness` is answered. It skips the provider's
 * reconnect logic, BroadcastChannel and event emitter, which is what makes 200 of them cheap.
 *
 * Incoming frames are not applied in the socket callback: they are stamped with their arrival
 * time and queued, and the queue is drained in `setImmediate`. So every frame that arrived in one
 * event-loop turn is stamped before any of them is decoded, and a latency sample measures the
 * server and the network, not how long 199 other clients in this process took to apply theirs.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { OfficialBenchClient } from './official-client';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/** A received frame, stamped on arrival, and what applies it. */
type Frame = { run: () => void; at: number };

const queue: Frame[] = [];
let draining = false;

/** Arrival time of the frame being applied right now (read by observers during apply). */
export let currentFrameAt = 0;

function drain() {
	draining = false;
	// Frames queued while draining wait for the next turn, after their own arrival stamps.
	const batch = queue.splice(0, queue.length);
	for (const f of batch) {
		currentFrameAt = f.at;
		f.run();
	}
}

/** Stamps a frame now and applies it after every frame of this event-loop turn is stamped. */
export function enqueue(run: () => void): void {
	queue.push({ run, at: performance.now() });
	if (!draining) {
		draining = true;
		setImmediate(drain);
	}
}

/** What the latency workload needs of a client, whichever provider it uses. */
export interface LiveClient {
	readonly url: string;
	readonly doc: Y.Doc;
	readonly synced: boolean;
	/** Arrival time of the first sync step 2. */
	readonly syncedAt: number;
	readonly closeCode: number | null;
	whenSynced(timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

export interface ClientOptions {
	/** `ws://host:port/sync/plan:abc` or the reference server's `ws://host:port/plan:abc`. */
	url: string;
	cookie?: string | null;
	/** Awareness state announced on connect, as a real editor would; `null` for none. */
	user?: Record<string, unknown> | null;
	/** State to start with (the reference server has no persistence, so clients bring content). */
	initialState?: Uint8Array | null;
	/**
	 * `y-websocket` (default): the lightweight protocol client below; `y-websocket-official`: the
	 * `y-websocket` package's own `WebsocketProvider` (`./official-client`); `hocuspocus`: a
	 * `@hocuspocus/provider` (the peer's own client).
	 */
	provider?: 'y-websocket' | 'y-websocket-official' | 'hocuspocus';
}

export class BenchClient implements LiveClient {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly ws: WebSocket;
	synced = false;
	/** Arrival time of the first sync step 2. */
	syncedAt = 0;
	closeCode: number | null = null;
	closeReason = '';
	error: Error | null = null;
	private readonly whenSyncedP: Promise<void>;
	readonly url: string;

	constructor(opts: ClientOptions) {
		this.url = opts.url;
		if (opts.initialState) Y.applyUpdate(this.doc, opts.initialState, 'init');
		if (opts.user) {
			this.awareness.setLocalState({ user: opts.user });
			// Awareness renews the local state every 15 s after it was set. Clients opened within
			// a few seconds would all renew together, and each renewal is echoed by every other
			// provider: one N² burst every 15 s that lands in or out of a measurement window by
			// chance. Real users joined at different times, so spread the renewal phase evenly.
			const meta = this.awareness.meta.get(this.doc.clientID);
			if (meta) meta.lastUpdated -= Math.floor(Math.random() * (awarenessProtocol.outdatedTimeout / 2));
		} else this.awareness.setLocalState(null);

		this.ws = new WebSocket(opts.url, {
			headers: opts.cookie ? { Cookie: opts.cookie } : undefined
		});
		this.ws.binaryType = 'nodebuffer';

		let resolveSynced!: () => void;
		let rejectSynced!: (e: Error) => void;
		this.whenSyncedP = new Promise<void>((res, rej) => {
			resolveSynced = res;
			rejectSynced = rej;
		});
		this.onSynced = resolveSynced;
		this.whenSyncedP.catch(() => {});

		this.ws.on('open', () => {
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, messageSync);
			syncProtocol.writeSyncStep1(enc, this.doc);
			this.ws.send(encoding.toUint8Array(enc));
			if (this.awareness.getLocalState() !== null) {
				const a = encoding.createEncoder();
				encoding.writeVarUint(a, messageAwareness);
				encoding.writeVarUint8Array(
					a,
					awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
				);
				this.ws.send(encoding.toUint8Array(a));
			}
		});
		this.ws.on('message', (data: Buffer) => {
			const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			enqueue(() => this.handle(frame));
		});
		this.ws.on('unexpected-response', (_req, res) => {
			this.error = new Error(`upgrade refused: HTTP ${res.statusCode}`);
			rejectSynced(this.error);
			res.resume();
			this.ws.terminate();
		});
		this.ws.on('error', (e) => {
			this.error ??= e;
			rejectSynced(e);
		});
		this.ws.on('close', (code, reason) => {
			this.closeCode = code;
			this.closeReason = reason.toString();
			rejectSynced(new Error(`closed before sync: ${code} ${this.closeReason}`));
		});

		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === this || origin === 'init') return;
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, messageSync);
			syncProtocol.writeUpdate(enc, update);
			this.send(encoding.toUint8Array(enc));
		});
		this.awareness.on(
			'update',
			({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
				const changed = added.concat(updated, removed);
				const enc = encoding.createEncoder();
				encoding.writeVarUint(enc, messageAwareness);
				encoding.writeVarUint8Array(
					enc,
					awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
				);
				this.send(encoding.toUint8Array(enc));
			}
		);
	}

	private onSynced: () => void;

	whenSynced(timeoutMs = 30_000): Promise<void> {
		return Promise.race([
			this.whenSyncedP,
			new Promise<void>((_, rej) =>
				setTimeout(() => rej(new Error(`not synced within ${timeoutMs} ms`)), timeoutMs).unref()
			)
		]);
	}

	send(msg: Uint8Array) {
		if (this.ws.readyState === WebSocket.OPEN) this.ws.send(msg);
	}

	/** Applies one frame, exactly as the provider's `readMessage` does. */
	handle(buf: Uint8Array) {
		const decoder = decoding.createDecoder(buf);
		const encoder = encoding.createEncoder();
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case messageSync: {
				encoding.writeVarUint(encoder, messageSync);
				const t = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
				if (t === syncProtocol.messageYjsSyncStep2 && !this.synced) {
					this.synced = true;
					this.syncedAt = currentFrameAt;
					this.onSynced();
				}
				break;
			}
			case messageAwareness:
				awarenessProtocol.applyAwarenessUpdate(
					this.awareness,
					decoding.readVarUint8Array(decoder),
					this
				);
				break;
			case messageQueryAwareness:
				encoding.writeVarUint(encoder, messageAwareness);
				encoding.writeVarUint8Array(
					encoder,
					awarenessProtocol.encodeAwarenessUpdate(
						this.awareness,
						Array.from(this.awareness.getStates().keys())
					)
				);
				break;
			default:
				// messageAuth (permission denied) and unknown types: nothing to answer.
				break;
		}
		if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
	}

	async close(): Promise<void> {
		this.awareness.destroy();
		if (this.ws.readyState === WebSocket.CLOSED) return;
		await new Promise<void>((res) => {
			this.ws.once('close', () => res());
			if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
			else this.ws.close();
			setTimeout(() => {
				this.ws.terminate();
				res();
			}, 2000).unref();
		});
		this.doc.destroy();
	}
}

/**
 * A `ws` socket whose `message` events go through the same arrival-stamped queue as
 * `BenchClient`'s, so a Hocuspocus provider's latency is measured the same way (the provider
 * listens with `addEventListener`).
 */
class StampedWebSocket extends WebSocket {
	override addEventListener(type: string, listener: (...args: any[]) => void, options?: any): void {
		if (type !== 'message') return super.addEventListener(type as 'open', listener, options);
		const wrapped = (event: unknown) => enqueue(() => listener(event));
		(listener as { stamped?: unknown }).stamped = wrapped;
		super.addEventListener('message', wrapped, options);
	}

	override removeEventListener(type: string, listener: (...args: any[]) => void): void {
		const stamped = (listener as { stamped?: (...args: any[]) => void }).stamped;
		super.removeEventListener(type as 'open', stamped ?? listener);
	}
}

/**
 * A Hocuspocus client: `@hocuspocus/provider` on its own socket (one per simulated browser), with
 * an awareness user state as an editor would have. `url` is `ws://host:port/<document name>`.
 */
export class HocuspocusBenchClient implements LiveClient {
	readonly doc = new Y.Doc();
	synced = false;
	syncedAt = 0;
	closeCode: number | null = null;
	readonly #socket: HocuspocusProviderWebsocket;
	readonly #provider: HocuspocusProvider;
	readonly #synced: Promise<void>;
	readonly url: string;

	constructor(opts: ClientOptions) {
		this.url = opts.url;
		if (opts.initialState) Y.applyUpdate(this.doc, opts.initialState, 'init');
		const u = new URL(opts.url);
		this.#socket = new HocuspocusProviderWebsocket({
			url: `ws://${u.host}`,
			WebSocketPolyfill: StampedWebSocket,
			maxAttempts: 1
		});
		this.#provider = new HocuspocusProvider({
			websocketProvider: this.#socket,
			name: decodeURIComponent(u.pathname.slice(1)),
			document: this.doc
		});
		this.#synced = new Promise<void>((resolve) =>
			this.#provider.on('synced', () => {
				if (this.synced) return;
				this.synced = true;
				this.syncedAt = currentFrameAt;
				resolve();
			})
		);
		this.#provider.on('close', ({ event }: { event: { code: number } }) => (this.closeCode = event.code));
		this.#provider.attach();
		if (opts.user) {
			this.#provider.setAwarenessField('user', opts.user);
			const awareness = this.#provider.awareness!;
			const meta = awareness.meta.get(this.doc.clientID);
			if (meta) meta.lastUpdated -= Math.floor(Math.random() * (awarenessProtocol.outdatedTimeout / 2));
		}
	}

	whenSynced(timeoutMs = 30_000): Promise<void> {
		return Promise.race([
			this.#synced,
			new Promise<void>((_, rej) =>
				setTimeout(() => rej(new Error(`not synced within ${timeoutMs} ms`)), timeoutMs).unref()
			)
		]);
	}

	async close(): Promise<void> {
		this.#provider.destroy();
		this.#socket.destroy();
		this.doc.destroy();
	}
}

function newClient(o: ClientOptions): LiveClient {
	if (o.provider === 'hocuspocus') return new HocuspocusBenchClient(o);
	if (o.provider === 'y-websocket-official') return new OfficialBenchClient(o);
	return new BenchClient(o);
}

/** Opens clients a few at a time (a browser tab opens one; 200 at once would be a SYN flood). */
export async function openClients(
	opts: ClientOptions[],
	concurrency = 20,
	timeoutMs = 60_000
): Promise<LiveClient[]> {
	const clients: LiveClient[] = [];
	for (let i = 0; i < opts.length; i += concurrency) {
		const batch = opts.slice(i, i + concurrency).map(newClient);
		clients.push(...batch);
		await Promise.all(batch.map((c) => c.whenSynced(timeoutMs)));
	}
	return clients;
}
