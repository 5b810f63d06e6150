/**
 * Deciding a `/sync/<room>` upgrade before any socket exists: Origin, session cookie, room name,
 * that the plan (and school) exist, and the user's access. Refusals are plain HTTP responses
 * written on the raw socket, so a refused client never gets a WebSocket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Db } from '../../src/lib/server/db/index';
import {
	tokenFromCookieHeader,
	validateSessionToken,
	type SessionUser
} from '../../src/lib/server/auth/session';
import { authorize } from '../../src/lib/server/services/authorize';
import type { RoomAccess } from '../../src/lib/shared/sync/access';
import { SYNC_PATH, type Room } from '../../src/lib/shared/sync/protocol';
import { parseRoom, roomName } from '../../src/lib/shared/sync/kinds/index';

export type UpgradeDecision =
	| {
			ok: true;
			user: SessionUser;
			/** The session token, kept to re-validate the open socket. */
			token: string;
			/** When the session ends unless re-validation extends it. */
			sessionExpiresAt: number;
			name: string;
			room: Room;
			access: Exclude<RoomAccess, 'none'>;
	  }
	| { ok: false; status: 401 | 403 | 404; message: string };

const refusal = (status: 401 | 403 | 404, message: string): UpgradeDecision => ({
	ok: false,
	status,
	message
});

/** The room name in a request path, or `null` when the path is not `/sync/<room>`. */
export function roomFromPath(url: string | undefined): string | null {
	const path = (url ?? '').split('?')[0].split('#')[0];
	const prefix = `${SYNC_PATH}/`;
	if (!path.startsWith(prefix)) return null;
	try {
		return decodeURIComponent(path.slice(prefix.length));
	} catch {
		return null;
	}
}

/**
 * An Origin header, when present, must be the configured public origin (`ORIGIN`) or, without
 * one, the origin of the Host the request was sent to: cross-site pages cannot ride a user's
 * cookie into a room. Clients without an Origin (native apps, tests) are judged by the cookie alone.
 */
export function originAllowed(
	origin: string | undefined,
	host: string | undefined,
	configured: string | undefined
): boolean {
	if (origin === undefined) return true;
	let actual: URL;
	try {
		actual = new URL(origin);
	} catch {
		return false;
	}
	if (configured) {
		try {
			return actual.origin === new URL(configured).origin;
		} catch {
			return false;
		}
	}
	return host !== undefined && actual.host === host.toLowerCase();
}

/** Who the upgrade comes from and what they may do in the room, or why it is refused. */
export async function authorizeUpgrade(
	db: Db,
	req: IncomingMessage,
	env: NodeJS.ProcessEnv = process.env
): Promise<UpgradeDecision> {
	if (!originAllowed(req.headers.origin, req.headers.host, env.ORIGIN)) {
		return refusal(403, 'origin not allowed');
	}
	const token = tokenFromCookieHeader(req.headers.cookie);
	if (!token) return refusal(401, 'no session');
	const { user, session } = await validateSessionToken(db, token);
	if (!user) return refusal(401, 'session expired or invalid');

	const requested = roomFromPath(req.url);
	const room = requested === null ? null : parseRoom(requested);
	if (!room) return refusal(404, 'no such room');
	const decision = await authorize(db, user.id, room);
	if (!decision.ok) return refusal(decision.status, decision.reason);
	return {
		ok: true,
		user,
		token,
		sessionExpiresAt: session.expiresAt,
		name: roomName(room),
		room,
		access: decision.access
	};
}

const REASONS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

/**
 * Why `ws` would refuse this request as a WebSocket handshake (it answers 4xx itself without
 * calling back), or `null` when it is a valid one. Checked before a room is acquired for it.
 */
export function handshakeProblem(req: IncomingMessage): string | null {
	if (req.method !== 'GET') return 'invalid HTTP method';
	if (req.headers.upgrade?.toLowerCase() !== 'websocket') return 'invalid Upgrade header';
	const key = req.headers['sec-websocket-key'];
	if (typeof key !== 'string' || !/^[+/0-9A-Za-z]{22}==$/.test(key)) {
		return 'missing or invalid Sec-WebSocket-Key header';
	}
	const version = Number(req.headers['sec-websocket-version']);
	if (version !== 8 && version !== 13) return 'missing or invalid Sec-WebSocket-Version header';
	return null;
}

/** Writes a plain HTTP response on the upgrade socket and destroys it. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
	if (socket.destroyed) return;
	const body = `${message}\n`;
	socket.end(
		`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n` +
			'Connection: close\r\n' +
			'Content-Type: text/plain; charset=utf-8\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'\r\n' +
			body
	);
	// end() flushes the response; destroy() afterwards so a client that keeps the socket open
	// cannot hold it.
	socket.once('finish', () => socket.destroy());
}
