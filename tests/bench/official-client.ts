/**
 * A reader or writer on the `y-websocket` package's own `WebsocketProvider` (3.1, the client the
 * reference server ships with), for the workloads the issue asks to be tried "as an outsider
 * would". Node has no browser WebSocket, so the provider gets a `ws` subclass that sends the
 * session cookie and whose `onmessage` goes through the bench's arrival-stamped queue
 * (`enqueue` in `./clients`), so latency is measured exactly as for the other clients.
 * BroadcastChannel is off: providers of one process would otherwise sync among themselves
 * without the server.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { currentFrameAt, enqueue, type ClientOptions, type LiveClient } from './clients';

/** `ws`'s own `onmessage` accessor, which the subclass wraps per instance. */
const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;

/** A `ws` socket class for one client: its cookie, and stamped message delivery. */
function stampedSocketClass(cookie: string | null | undefined) {
	return class StampedOfficialSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, cookie ? { headers: { Cookie: cookie } } : {});
			// The provider assigns `onmessage`; each message then waits in the stamped queue.
			Object.defineProperty(this, 'onmessage', {
				configurable: true,
				get: () => onmessage.get!.call(this),
				set: (listener: ((event: WebSocket.MessageEvent) => void) | null) =>
					onmessage.set!.call(this, listener ? (event: WebSocket.MessageEvent) => enqueue(() => listener(event)) : null)
			});
		}
	};
}

export class OfficialBenchClient implements LiveClient {
	readonly doc = new Y.Doc();
	readonly url: string;
	synced = false;
	syncedAt = 0;
	closeCode: number | null = null;
	readonly #provider: WebsocketProvider;
	readonly #synced: Promise<void>;

	constructor(opts: ClientOptions) {
		this.url = opts.url;
		if (opts.initialState) Y.applyUpdate(this.doc, opts.initialState, 'init');
		// `ws://host:port/sync/plan:abc` → server URL `ws://host:port/sync` and room `plan:abc`.
		const cut = opts.url.lastIndexOf('/');
		this.#provider = new WebsocketProvider(opts.url.slice(0, cut), decodeURIComponent(opts.url.slice(cut + 1)), this.doc, {
			WebSocketPolyfill: stampedSocketClass(opts.cookie) as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			// One attempt: a refused or dropped bench client is counted, not retried behind our back.
			shouldReconnect: () => false
		} as ConstructorParameters<typeof WebsocketProvider>[3]);
		if (opts.user) this.#provider.awareness.setLocalStateField('user', opts.user);
		else this.#provider.awareness.setLocalState(null);
		this.#synced = new Promise<void>((resolve) => {
			this.#provider.on('sync', (state: boolean) => {
				if (!state || this.synced) return;
				this.synced = true;
				this.syncedAt = currentFrameAt;
				resolve();
			});
		});
		this.#provider.on('connection-close', (event) => {
			if (event) this.closeCode = event.code;
		});
	}

	whenSynced(timeoutMs = 30_000): Promise<void> {
		return Promise.race([
			this.#synced,
			new Promise<void>((_, rej) => setTimeout(() => rej(new Error(`not synced within ${timeoutMs} ms`)), timeoutMs).unref())
		]);
	}

	async close(): Promise<void> {
		this.#provider.destroy();
		this.doc.destroy();
	}
}
