/**
 * A broadcast's WebSocket frame, built once and written to every peer's socket as is.
 *
 * Why: a stored update goes to every peer of the room, and `ws.send` builds the same frame header
 * for each and writes header and payload as two corked writes. At 200 peers that was most of the
 * broadcast (0.84 ms mean per update measured). Server-to-client frames are never masked (RFC
 * 6455 §5.1), so the bytes are the same for every peer: one binary frame (header and payload in
 * one buffer) is made per payload and cached beside it, and each peer's socket gets one write.
 * Large payloads (a first sync of a big plan) go through `ws.send`, which does not copy them.
 */
import type { WebSocket } from 'ws';

/** Above this, a frame is sent by `ws.send` (no copy of the payload into a joined buffer). */
export const MAX_SHARED_FRAME_BYTES = 64 * 1024;

const frames = new WeakMap<Uint8Array, Buffer>();

/** The unmasked final binary frame carrying `payload` (RFC 6455 §5.2), cached per payload object. */
export function wireFrame(payload: Uint8Array): Buffer {
	let frame = frames.get(payload);
	if (frame) return frame;
	const n = payload.byteLength;
	const header = n < 126 ? 2 : n < 65536 ? 4 : 10;
	frame = Buffer.allocUnsafe(header + n);
	frame[0] = 0x82; // FIN, opcode 2 (binary)
	if (n < 126) frame[1] = n;
	else if (n < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(n, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(n), 2);
	}
	frame.set(payload, header);
	frames.set(payload, frame);
	return frame;
}

/** What `ws` keeps of its socket and sender (not in its types); checked before each use. */
interface WsInternals {
	_socket?: { write(chunk: Buffer): boolean; writable?: boolean };
	_sender?: { _state?: number };
}

/**
 * Writes `payload` to an open `ws` socket as one binary frame. Falls back to `ws.send` for a large
 * payload, or when the socket or the sender's state is not what this expects (a `ws` release that
 * changed them, or a sender busy with a queued frame, whose order must hold).
 */
export function sendFrame(ws: WebSocket, payload: Uint8Array): void {
	const internals = ws as unknown as WsInternals;
	const socket = internals._socket;
	if (payload.byteLength > MAX_SHARED_FRAME_BYTES || !socket || socket.writable === false || internals._sender?._state !== 0) {
		ws.send(payload, { binary: true });
		return;
	}
	socket.write(wireFrame(payload));
}
