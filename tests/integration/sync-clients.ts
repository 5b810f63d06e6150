/**
 * Clients for the sync integration tests: the official y-websocket `WebsocketProvider` with a
 * session cookie (Node's `ws` with extra headers), raw sockets for sending frames a real client
 * never would, and a probe for refused upgrades.
 */
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** A `ws` WebSocket class that sends the given cookie, in the shape y-websocket expects. */
export function cookieWebSocket(cookie: string | null): typeof WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, cookie ? { headers: { Cookie: cookie } } : {});
		}
	} as typeof WebSocket;
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** Connects a real y-websocket client and waits until it synced with the server. */
export async function connectClient(wsUrl: string, room: string, cookie: string): Promise<Client> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}/sync`, room, doc, {
		WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
		// Same process, same room: without this, clients would sync through BroadcastChannel and
		// never prove anything about the server.
		disableBc: true,
		maxBackoffTime: 200
	});
	await waitFor(() => provider.synced, 10_000, `client of ${room} did not sync`);
	return {
		doc,
		provider,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
	const start = Date.now();
	while (!cond()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The HTTP status of a refused upgrade, or 101 when the socket opened. */
export function upgradeStatus(
	wsUrl: string,
	room: string,
	cookie: string | null,
	headers: Record<string, string> = {}
): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${wsUrl}/sync/${room}`, {
			headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers }
		});
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.resume();
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', (err) => reject(err));
	});
}

export interface RawSocket {
	ws: WebSocket;
	/** Every binary frame received. */
	frames: Uint8Array[];
	/** The close code once closed. */
	closed: Promise<number>;
	/** The close reason once closed. */
	reason: Promise<string>;
}

/** An open raw socket to a room, for frames the real client never sends. */
export async function rawSocket(wsUrl: string, room: string, cookie: string): Promise<RawSocket> {
	const ws = new WebSocket(`${wsUrl}/sync/${room}`, { headers: { Cookie: cookie } });
	const frames: Uint8Array[] = [];
	ws.on('message', (d) => frames.push(new Uint8Array(d as Buffer)));
	const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
	const reason = new Promise<string>((r) => ws.on('close', (_code, why) => r(why.toString())));
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	return { ws, frames, closed, reason };
}

/** A y-websocket sync frame: `type` 0 step 1 (state vector), 1 step 2, 2 update. */
export function syncFrame(type: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, type);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}
