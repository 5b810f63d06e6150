/**
 * The browser's side of one live document: a Y.Doc kept in sync with `/sync/<room>` by
 * y-websocket's provider, cached in IndexedDB (keyed by user and room) so a page opens and edits
 * offline, with an undo history of this user's own changes and a count of local changes the
 * server has not yet confirmed. Pages never build one: `PlanLive` owns them.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { DOC_KINDS } from '../shared/sync/kinds/index';
import { SYNC_PATH } from '../shared/sync/protocol';
import { parseRoom } from '../shared/sync/kinds/index';
import { cacheName, pendingKey } from './offline-cache';

/**
 * `connecting`: no socket yet or waiting for the first sync; `synced`: connected and up to date;
 * `offline`: the socket dropped and the provider is retrying; `closed`: the server refused or ended
 * the session (a 44xx close code) and the provider stopped retrying.
 */
export type ConnectionStatus = 'connecting' | 'synced' | 'offline' | 'closed';

export interface LiveDocOptions {
	room: string;
	/** Whose cache this is: a shared school computer keeps each user's documents apart. */
	userId: string;
	/** The server decides; this only tells the UI not to offer edits the server would drop. */
	readOnly: boolean;
	/** Tests and server rendering run without a network or IndexedDB. */
	offlineCache?: boolean;
}

/** The `/sync` URL on the page's own host, `wss:` behind https. */
export function syncServerUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
	return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${SYNC_PATH}`;
}

/** y-websocket's outer message type and sync sub-types (y-protocols). */
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

function isSyncStep2(data: unknown): boolean {
	if (!(data instanceof ArrayBuffer)) return false;
	try {
		const d = decoding.createDecoder(new Uint8Array(data));
		return decoding.readVarUint(d) === MESSAGE_SYNC && decoding.readVarUint(d) === SYNC_STEP_2;
	} catch {
		return false;
	}
}

/**
 * Live documents open in this page, so signing out can close their IndexedDB connections before
 * deleting the databases (a delete waits while a connection is open). Browser-only state.
 */
const openDocs = new Set<LiveDoc>();

/**
 * A first connection that has not opened after this long counts as offline: a dead or emulated-
 * offline network may leave the socket pending instead of failing it, and "connecting…" for ever
 * tells a phone user less than "offline, your edits are kept".
 */
export const CONNECT_GRACE_MS = 4000;

/** Closes every open live document of this page (before its cache is wiped). */
export function destroyOpenDocs(): void {
	for (const d of [...openDocs]) d.destroy();
}

export class LiveDoc {
	readonly doc = new Y.Doc();
	readonly room: string;
	readonly readOnly: boolean;
	/** The origin of this user's own transactions: the undo history tracks only these. */
	readonly local = Symbol('local');
	readonly undoManager: Y.UndoManager;
	readonly #userId: string;
	readonly #offlineCache: boolean;
	#provider: WebsocketProvider | null = null;
	#cache: IndexeddbPersistence | null = null;
	#status = $state<ConnectionStatus>('connecting');
	#loaded = $state(false);
	#pending = $state(0);
	#canUndo = $state(false);
	#canRedo = $state(false);
	/**
	 * The acknowledgement of local changes: after they were sent, a sync step 1 goes out; the
	 * server answers it only once everything it applied before is stored, so the answer confirms
	 * every change counted when it was sent. One such probe at a time keeps replies matched.
	 */
	#probe: { socket: WebSocket; covers: number; replyNo: number } | null = null;
	#socketState = new WeakMap<WebSocket, { step2s: number; heard: boolean }>();
	#cleanup: (() => void)[] = [];

	constructor(opts: LiveDocOptions) {
		this.room = opts.room;
		this.readOnly = opts.readOnly;
		this.#userId = opts.userId;
		this.#offlineCache = opts.offlineCache ?? true;
		const room = parseRoom(opts.room);
		const collections = room ? DOC_KINDS[room.kind].collections : [];
		this.undoManager = new Y.UndoManager(
			collections.map((c) => c.map(this.doc)),
			{ trackedOrigins: new Set([this.local]), captureTimeout: 400 }
		);
		const refreshUndo = () => {
			this.#canUndo = this.undoManager.canUndo();
			this.#canRedo = this.undoManager.canRedo();
		};
		for (const e of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
			this.undoManager.on(e, refreshUndo);
		}
		this.doc.on('update', this.#onUpdate);
	}

	get status(): ConnectionStatus {
		return this.#status;
	}

	/** True once the document holds what the server or this browser's cache had. */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Local changes the server has not yet confirmed as stored. */
	get pending(): number {
		return this.#pending;
	}

	get canUndo(): boolean {
		return this.#canUndo;
	}

	get canRedo(): boolean {
		return this.#canRedo;
	}

	get awareness(): Awareness | null {
		return this.#provider?.awareness ?? null;
	}

	/** Runs `change` as one of this user's own edits (one undo step). */
	transact<T>(change: (doc: Y.Doc) => T): T {
		let out!: T;
		this.doc.transact(() => {
			out = change(this.doc);
		}, this.local);
		return out;
	}

	/** Ends the current undo step, so the next edit is undone on its own. */
	stopCapturing(): void {
		this.undoManager.stopCapturing();
	}

	undo(): void {
		if (!this.readOnly) this.undoManager.undo();
	}

	redo(): void {
		if (!this.readOnly) this.undoManager.redo();
	}

	/** Opens the cache and the socket. Browser only; call from an effect or onMount. */
	connect(): void {
		if (this.#provider) return;
		openDocs.add(this);
		this.#pending = readPending(this.#userId, this.room);
		if (this.#offlineCache && typeof indexedDB !== 'undefined') {
			const cache = new IndexeddbPersistence(cacheName(this.#userId, this.room), this.doc);
			this.#cache = cache;
			cache.on('synced', () => {
				// An empty cache says nothing about the document: wait for the server then.
				if (hasContent(this.doc)) this.#loaded = true;
			});
		}
		const live = this;
		// Observes every frame the server sends before the provider handles it.
		class ObservedSocket extends WebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols);
				live.#socketState.set(this, { step2s: 0, heard: false });
				this.addEventListener('message', (e) => live.#onServerMessage(this, e.data));
			}
		}
		const provider = new WebsocketProvider(syncServerUrl(location), this.room, this.doc, {
			maxBackoffTime: 5000,
			// Every tab talks to the server itself, so read-only rules apply to each of them.
			disableBc: true,
			WebSocketPolyfill: ObservedSocket as unknown as typeof WebSocket
		});
		this.#provider = provider;
		let closed = false;
		let wasConnected = false;
		// The browser knows about a dead network before the socket's watchdog does.
		let browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
		let slowConnect = false;
		let graceTimer: ReturnType<typeof setTimeout> | null = null;
		const refresh = () => {
			if (provider.wsconnected) wasConnected = true;
			const waiting = !closed && !provider.wsconnected && provider.wsconnecting;
			if (!waiting) {
				slowConnect = false;
				if (graceTimer) clearTimeout(graceTimer);
				graceTimer = null;
			} else if (!graceTimer && !slowConnect) {
				graceTimer = setTimeout(() => {
					graceTimer = null;
					slowConnect = true;
					refresh();
				}, CONNECT_GRACE_MS);
			}
			if (closed) this.#status = 'closed';
			else if (browserOffline) this.#status = 'offline';
			else if (provider.wsconnected) this.#status = provider.synced ? 'synced' : 'connecting';
			else this.#status = wasConnected || slowConnect || !provider.wsconnecting ? 'offline' : 'connecting';
			if (provider.wsconnected && provider.synced) this.#loaded = true;
		};
		provider.on('status', refresh);
		provider.on('sync', refresh);
		provider.on('connection-close', () => (this.#probe = null));
		provider.on('closed', () => {
			closed = true;
			refresh();
		});
		const offline = () => {
			browserOffline = true;
			refresh();
		};
		const online = () => {
			browserOffline = false;
			if (!provider.wsconnected && !closed) provider.connect();
			refresh();
		};
		window.addEventListener('offline', offline);
		window.addEventListener('online', online);
		this.#cleanup.push(() => {
			if (graceTimer) clearTimeout(graceTimer);
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
		});
		refresh();
	}

	destroy(): void {
		openDocs.delete(this);
		for (const fn of this.#cleanup.splice(0)) fn();
		this.doc.off('update', this.#onUpdate);
		this.undoManager.destroy();
		this.#provider?.destroy();
		this.#provider = null;
		void this.#cache?.destroy();
		this.#cache = null;
		this.doc.destroy();
	}

	#onUpdate = (_update: Uint8Array, origin: unknown) => {
		// Changes from the server or the cache are not this browser's to confirm.
		if (origin === this.#provider || origin === this.#cache || this.readOnly) return;
		this.#setPending(this.#pending + 1);
		// After the provider's own update handler has sent the change.
		queueMicrotask(() => this.#maybeProbe());
	};

	#onServerMessage(socket: WebSocket, data: unknown): void {
		const state = this.#socketState.get(socket);
		if (!state) return;
		state.heard = true;
		if (isSyncStep2(data)) {
			state.step2s++;
			const probe = this.#probe;
			if (probe && probe.socket === socket && state.step2s >= probe.replyNo) {
				this.#probe = null;
				this.#setPending(Math.max(0, this.#pending - probe.covers));
			}
		}
		// The provider answers the server's first message (its sync step 1) with this browser's
		// changes; a probe sent after that confirms them too.
		setTimeout(() => this.#maybeProbe(), 0);
	}

	#maybeProbe(): void {
		const provider = this.#provider;
		const socket = provider?.ws as WebSocket | null | undefined;
		if (!provider || !socket || this.#probe || this.#pending === 0) return;
		const state = this.#socketState.get(socket);
		if (!provider.wsconnected || socket.readyState !== WebSocket.OPEN || !state?.heard) return;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE_SYNC);
		encoding.writeVarUint(e, SYNC_STEP_1);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc));
		// The provider's own step 1 at connect gets the first step 2 of a socket; this probe gets
		// the next one after every step 2 already counted.
		this.#probe = { socket, covers: this.#pending, replyNo: Math.max(1, state.step2s) + 1 };
		socket.send(encoding.toUint8Array(e));
	}

	#setPending(n: number): void {
		this.#pending = n;
		writePending(this.#userId, this.room, n);
	}
}

function hasContent(doc: Y.Doc): boolean {
	for (const type of doc.share.values()) if (type._map.size > 0) return true;
	return false;
}

function readPending(userId: string, room: string): number {
	try {
		const n = Number(localStorage.getItem(pendingKey(userId, room)) ?? 0);
		return Number.isInteger(n) && n > 0 ? n : 0;
	} catch {
		return 0;
	}
}

function writePending(userId: string, room: string, n: number): void {
	try {
		if (n > 0) localStorage.setItem(pendingKey(userId, room), String(n));
		else localStorage.removeItem(pendingKey(userId, room));
	} catch {
		// Private mode or a full quota: the count lives in memory only.
	}
}
