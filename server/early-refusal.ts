/**
 * A route that refuses a request before reading its whole body (413 on a declared size, 415 on a
 * sniffed type, a sync batch too big) leaves the rest of that body on the socket. Kept alive, the
 * connection then carries those bytes in front of the client's next request, and a phone that
 * picked a too-big photo, then a right one, lost the second upload to a reset. So an answer
 * written while the body is still unread says `Connection: close`: Node ends the socket after it,
 * and the client's agent opens a fresh one for its next request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

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
		if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as ServerResponse['writeHead'];
}
