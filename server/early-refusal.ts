/**
 * A route that refuses a request before reading its whole body (413 on a declared size, 415 on a
 * sniffed type, a sync batch too big) leaves the rest of that body on the socket. Kept alive, the
 * connection then carries those bytes in front of the client's next request, and a phone that
 * picked a too-big photo, then a right one, lost the second upload to a reset. So an answer
 * written while the body is still unread says `Connection: close`: Node ends the socket after it,
 * and the client's agent opens a fresh one for its next request.
 *
 * Closing at once is not enough: a client still sending the body (a phone uploading a photo the
 * server refused from its headers) then writes into a closed socket and sees a reset (EPIPE)
 * instead of the answer, and an upload queue takes that for a network failure and retries. So the
 * socket lingers: the rest of the body is read and discarded, up to a bound in bytes and time,
 * and only then closed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much of a refused body is read and discarded before the socket closes anyway. */
export const LINGER_MAX_BYTES = 64 * 1024 * 1024;
export const LINGER_MAX_MS = 10_000;

/** Delays this socket's close (after the answer) until the request's body is in, within bounds. */
function lingerUntilBodyRead(req: IncomingMessage): void {
	const socket = req.socket as IncomingMessage['socket'] & { destroySoon?: () => void };
	const destroySoon = socket.destroySoon;
	if (typeof destroySoon !== 'function' || (socket as { lingering?: boolean }).lingering) return;
	(socket as { lingering?: boolean }).lingering = true;
	socket.destroySoon = function (this: typeof socket) {
		let closed = false;
		const close = () => {
			if (closed) return;
			closed = true;
			clearTimeout(timer);
			destroySoon.call(socket);
		};
		const timer = setTimeout(close, LINGER_MAX_MS);
		timer.unref();
		if (req.complete) return close();
		let read = 0;
		req.on('data', (chunk: Buffer) => {
			read += chunk.length;
			if (read > LINGER_MAX_BYTES) close();
		});
		req.once('end', close);
		req.once('error', close);
		socket.once('close', close);
		req.resume();
	};
}

export function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
	// A bodiless GET is not yet `complete` while its handler runs synchronously (/metrics): only a
	// request that declares a body can leave bytes behind.
	const declaresBody =
		req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
	if (!declaresBody) return;
	const writeHead = res.writeHead;
	// writeHead is where every answer passes (res.end() without it calls it implicitly); headers
	// set here merge with the ones the handler passes to it.
	res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
		if (!req.complete && !res.headersSent) {
			res.setHeader('Connection', 'close');
			lingerUntilBodyRead(req);
		}
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as ServerResponse['writeHead'];
}
