/**
 * The browser's side of one live document: a Y.Doc kept in sync with `/sync/<room>` by
 * y-websocket's provider, and the connection's state as runes the UI can show.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { SYNC_PATH } from '../shared/sync/protocol';

/**
 * `connecting`: no socket yet or waiting for the first sync; `synced`: connected and up to date;
 * `offline`: the socket dropped and the provider is retrying; `closed`: the server refused or ended
 * the session (a 44xx close code) and the provider stopped retrying.
 */
export type ConnectionStatus = 'connecting' | 'synced' | 'offline' | 'closed';

export interface ConnectionOptions {
	room: string;
	/** The server decides; this only tells the UI not to offer edits the server would drop. */
	readOnly: boolean;
}

/** The `/sync` URL on the page's own host, `wss:` behind https. */
export function syncServerUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
	return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${SYNC_PATH}`;
}

export class LiveDocConnection {
	readonly doc = new Y.Doc();
	readonly room: string;
	readonly readOnly: boolean;
	#provider: WebsocketProvider | null = null;
	#status = $state<ConnectionStatus>('connecting');
	#everSynced = $state(false);
	#cleanup: (() => void)[] = [];

	constructor(opts: ConnectionOptions) {
		this.room = opts.room;
		this.readOnly = opts.readOnly;
	}

	get status(): ConnectionStatus {
		return this.#status;
	}

	/** True once the document has been loaded from the server at least once. */
	get loaded(): boolean {
		return this.#everSynced;
	}

	get awareness(): Awareness | null {
		return this.#provider?.awareness ?? null;
	}

	/** Opens the socket. Browser only; call from an effect or onMount. */
	connect(): void {
		if (this.#provider) return;
		const provider = new WebsocketProvider(syncServerUrl(location), this.room, this.doc, {
			maxBackoffTime: 5000,
			// Every tab talks to the server itself, so read-only rules apply to each of them.
			disableBc: true
		});
		this.#provider = provider;
		let closed = false;
		let wasConnected = false;
		// The browser knows about a dead network before the socket's watchdog does.
		let browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
		const refresh = () => {
			if (provider.wsconnected) wasConnected = true;
			if (closed) this.#status = 'closed';
			else if (browserOffline) this.#status = 'offline';
			else if (provider.wsconnected) this.#status = provider.synced ? 'synced' : 'connecting';
			else this.#status = wasConnected || !provider.wsconnecting ? 'offline' : 'connecting';
			if (provider.wsconnected && provider.synced) this.#everSynced = true;
		};
		provider.on('status', refresh);
		provider.on('sync', refresh);
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
			window.removeEventListener('offline', offline);
			window.removeEventListener('online', online);
		});
		refresh();
	}

	destroy(): void {
		for (const fn of this.#cleanup.splice(0)) fn();
		this.#provider?.destroy();
		this.#provider = null;
		this.doc.destroy();
	}
}
