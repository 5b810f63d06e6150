import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { MAX_SHARED_FRAME_BYTES, sendFrame, wireFrame } from './wire-frame';

let servers: WebSocketServer[] = [];
afterEach(() => {
	for (const s of servers) s.close();
	servers = [];
});

/** A server socket and a client that collects what it receives. */
async function pair() {
	const wss = new WebSocketServer({ port: 0, perMessageDeflate: false });
	servers.push(wss);
	const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
	const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
	const received: { data: Buffer; binary: boolean }[] = [];
	client.on('message', (data, binary) => received.push({ data: data as Buffer, binary }));
	await new Promise((r) => client.once('open', r));
	return { server: await accepted, client, received };
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('wire frames', () => {
	it('[Y35] encode the header lengths of RFC 6455 once per payload', () => {
		const small = bytes(125, 1);
		expect([...wireFrame(small).subarray(0, 2)]).toEqual([0x82, 125]);
		expect(wireFrame(small)).toBe(wireFrame(small));
		const mid = wireFrame(bytes(126, 2));
		expect([...mid.subarray(0, 4)]).toEqual([0x82, 126, 0, 126]);
		const big = wireFrame(bytes(70_000, 3));
		expect(big[1]).toBe(127);
		expect(big.readBigUInt64BE(2)).toBe(70_000n);
		expect(big.subarray(10)).toEqual(Buffer.from(bytes(70_000, 3)));
	});

	it('[Y35] arrive as one binary message each, in order, whatever the size, mixed with ws.send', async () => {
		const { server, client, received } = await pair();
		// The shared frame is written to the socket itself: ws.send only for the two large payloads.
		let viaSend = 0;
		const send = server.send.bind(server);
		server.send = ((...args: Parameters<WebSocket['send']>) => (viaSend++, send(...args))) as WebSocket['send'];
		const sent = [bytes(0, 0), bytes(5, 1), bytes(200, 2), bytes(65_535, 3), bytes(MAX_SHARED_FRAME_BYTES + 1, 4), bytes(300_000, 5)];
		for (const [i, p] of sent.entries()) {
			sendFrame(server, p);
			if (i === 2) server.send(Buffer.from('between'), { binary: true });
		}
		const want = [...sent.slice(0, 3), Buffer.from('between'), ...sent.slice(3)];
		const deadline = Date.now() + 5000;
		while (received.length < want.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		expect(received.map((m) => m.binary)).toEqual(want.map(() => true));
		expect(received.map((m) => Buffer.compare(m.data, Buffer.from(want[received.indexOf(m)])))).toEqual(want.map(() => 0));
		expect(viaSend).toBe(3);
		client.close();
	});
});
