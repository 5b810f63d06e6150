/**
 * Evidence files (contract v2) against the real server: type by content, size bound, re-encoded
 * photos without EXIF, atomic storage, idempotent retries, and who may upload, read and delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import net from 'node:net';
import sharp from 'sharp';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { files } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { get } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let uploadDir: string;
let planId: string;
let schoolA: string;
let schoolB: string;
const cookies: Record<string, string> = {};
const MAX = 300_000;

let photo: Buffer;

function upload(
	cookie: string,
	file: { bytes: Uint8Array; name: string; type?: string },
	target: Record<string, string>,
	key?: string
) {
	return fetch(`${server.url}/api/plans/${planId}/files`, {
		method: 'POST',
		headers: { cookie, origin: server.url, ...(key ? { 'idempotency-key': key } : {}) },
		body: uploadForm(file, target)
	});
}

function uploadForm(file: { bytes: Uint8Array; name: string; type?: string }, target: Record<string, string>) {
	const form = new FormData();
	form.set('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'application/octet-stream' }));
	for (const [k, v] of Object.entries(target)) form.set(k, v);
	return form;
}

const storedFiles = () => readdirSync(join(uploadDir, planId)).filter((n) => !n.startsWith('.'));

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	uploadDir = mkdtempSync(join(tmpdir(), 'qp-uploads-'));
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	schoolA = (await makeSchool(h, planId, { pilot: true })).id;
	schoolB = (await makeSchool(h, planId, { pilot: true })).id;
	for (const [name, role, school] of [
		['coordA', 'coordinator', schoolA],
		['coordB', 'coordinator', schoolB],
		['viewer', 'viewer', null],
		['leader', 'leader', null]
	] as const) {
		const u = await makeUser(h);
		await addMember(h, planId, u.id, role, school);
		cookies[name] = await makeSession(h, u.id);
	}
	cookies.outsider = await makeSession(h, (await makeUser(h)).id);
	// A phone photo with a location in its EXIF.
	photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6699cc' } })
		.jpeg()
		.withExif({ IFD0: { Make: 'PhoneCo', Copyright: 'coordinator' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
		.toBuffer();
	server = await startServer({ databaseUrl: tmp.url, env: { UPLOAD_DIR: uploadDir, UPLOAD_MAX_BYTES: String(MAX) } });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

const milestone = () => ({ schoolId: schoolA, milestoneId: 'm1' });

describe('evidence files', () => {
	it('[F1] a photo is stored re-encoded without its EXIF, with a thumbnail, readable by members', async () => {
		expect((await sharp(photo).metadata()).exif).toBeDefined();
		const res = await upload(cookies.coordA, { bytes: photo, name: '../../IMG_0001.jpg', type: 'text/html' }, milestone());
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body).toMatchObject({ name: 'IMG_0001.jpg', type: 'image/jpeg' });
		const got = await get(server, `/api/files/${body.id}`, cookies.viewer);
		expect(got.status).toBe(200);
		expect(got.headers.get('content-type')).toBe('image/jpeg');
		expect(got.headers.get('x-content-type-options')).toBe('nosniff');
		const bytes = Buffer.from(await got.arrayBuffer());
		const meta = await sharp(bytes).metadata();
		expect(meta.exif).toBeUndefined();
		expect(meta.width).toBe(1200);
		const thumb = await get(server, `/api/files/${body.id}/thumb`, cookies.viewer);
		expect(thumb.status).toBe(200);
		const t = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
		expect(Math.max(t.width ?? 0, t.height ?? 0)).toBeLessThanOrEqual(320);
		const listed = await (await get(server, `/api/plans/${planId}/files?schoolId=${schoolA}&milestoneId=m1`, cookies.viewer)).json();
		expect(listed.map((f: { id: string }) => f.id)).toEqual([body.id]);
		expect((await get(server, `/api/files/${body.id}`, cookies.outsider)).status).toBe(403);
		expect((await get(server, `/api/files/${body.id}`)).status).toBe(401);
	});

	it('[F2] a disguised file is refused by its content and nothing is kept', async () => {
		const before = storedFiles().length;
		const rows = (await h.db.select().from(files)).length;
		const html = new TextEncoder().encode('<!doctype html><html><script>alert(1)</script></html>');
		let res = await upload(cookies.coordA, { bytes: html, name: 'photo.jpg', type: 'image/jpeg' }, milestone());
		expect(res.status).toBe(415);
		expect((await res.json()).error).toMatch(/not allowed/);
		const exe = new Uint8Array(4096);
		exe.set([0x4d, 0x5a, 0x90, 0x00]);
		res = await upload(cookies.coordA, { bytes: exe, name: 'report.pdf', type: 'application/pdf' }, milestone());
		expect(res.status).toBe(415);
		expect(storedFiles()).toHaveLength(before);
		expect((await h.db.select().from(files)).length).toBe(rows);
		expect(existsSync(join(uploadDir, '.tmp')) ? readdirSync(join(uploadDir, '.tmp')) : []).toEqual([]);
	});

	it('[F3] a file over UPLOAD_MAX_BYTES is a 413 with a message, and nothing is kept', async () => {
		const big = new Uint8Array(MAX + 10);
		big.set(new TextEncoder().encode('%PDF-1.7\n'));
		const res = await upload(cookies.coordA, { bytes: big, name: 'big.pdf' }, milestone());
		expect(res.status).toBe(413);
		expect((await res.json()).error).toMatch(/too large/);
		expect((await h.db.select().from(files)).every((f) => f.name !== 'big.pdf')).toBe(true);
	});

	it('[F3b] after a refused upload the next ones on the same keep-alive client go through', async () => {
		// A phone picks a too-big photo, then right ones, over one keep-alive agent with one socket.
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const send = async (bytes: Uint8Array, name: string) => {
			const form = uploadForm({ bytes, name, type: 'application/pdf' }, milestone());
			const req = new Request('http://x/', { method: 'POST', body: form });
			const body = Buffer.from(await req.arrayBuffer());
			return new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
				const r = http.request(
					`${server.url}/api/plans/${planId}/files`,
					{
						method: 'POST',
						agent,
						headers: {
							cookie: cookies.coordA,
							origin: server.url,
							'content-type': req.headers.get('content-type')!,
							'content-length': String(body.length)
						}
					},
					(res) => {
						let text = '';
						res.setEncoding('utf8');
						res.on('data', (c) => (text += c));
						res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
					}
				);
				// A server that answers before reading may close while the rest is in flight.
				r.on('error', reject);
				r.end(body);
			});
		};
		try {
			const big = new Uint8Array(MAX * 4);
			big.set(new TextEncoder().encode('%PDF-1.7\n'));
			const refused = await send(big, 'huge.pdf');
			expect(refused.status).toBe(413);
			expect(refused.connection).toBe('close');
			for (const name of ['ok-1.pdf', 'ok-2.pdf']) {
				const pdf = new TextEncoder().encode(`%PDF-1.4\n% ${name}\ntrailer<<>>\n%%EOF\n`);
				const res = await send(pdf, name);
				expect(res.status, res.body).toBe(201);
			}
		} finally {
			agent.destroy();
		}
	});

	it('[F3c] a refused upload still being sent gets its answer, not a reset: the server reads the rest, then closes', async () => {
		// A phone on a slow link: the server refuses from the headers (an outsider; a declared size
		// over the bound) long before the body is through.
		// Raw bytes on a socket (an HTTP client library may itself stop sending once it has the answer).
		const slowSend = (cookie: string, size: number) =>
			new Promise<{ status: number; connection?: string }>((resolve, reject) => {
				const boundary = 'slowboundary';
				const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="slow.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\n`);
				const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
				const url = new URL(`${server.url}/api/plans/${planId}/files?schoolId=${schoolA}&milestoneId=m1`);
				const socket = net.connect(Number(url.port), url.hostname);
				let answer = '';
				socket.setEncoding('latin1');
				socket.on('data', (d: string) => (answer += d));
				socket.on('error', reject);
				let done = false;
				socket.on('close', () => {
					if (!done) reject(new Error(`the server closed after ${sent} of ${size} body bytes; it answered ${JSON.stringify(answer.split('\r\n')[0])}`));
				});
				socket.write(
					`POST ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\ncookie: ${cookie}\r\norigin: ${server.url}\r\n` +
						`content-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${head.length + size + tail.length}\r\n\r\n`
				);
				socket.write(head);
				let sent = 0;
				const chunk = Buffer.alloc(64 * 1024, 0x20);
				const pump = () => {
					if (sent >= size) {
						socket.write(tail);
						done = true;
						// Every byte went out and the server closes only after it read them.
						socket.once('close', (hadError) => {
							if (hadError) return reject(new Error('reset after the whole body'));
							const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
							resolve({ status, connection: /\r\nconnection: ([^\r]+)/i.exec(answer)?.[1] });
						});
						return;
					}
					const n = Math.min(chunk.length, size - sent);
					sent += n;
					socket.write(chunk.subarray(0, n));
					setTimeout(pump, 5);
				};
				setTimeout(pump, 50);
			});
		const outsider = await slowSend(cookies.outsider, 2 * 1024 * 1024);
		expect(outsider.status).toBe(403);
		expect(outsider.connection).toBe('close');
		const tooBig = await slowSend(cookies.coordA, MAX + 1024 * 1024);
		expect(tooBig.status).toBe(413);
	});

	it('[F4] a retried upload (same key, or same bytes for the same target) stores once', async () => {
		const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const first = await upload(cookies.coordA, { bytes: pdf, name: '自评报告.pdf' }, milestone(), 'k-1');
		expect(first.status).toBe(201);
		const again = await upload(cookies.coordA, { bytes: pdf, name: '自评报告.pdf' }, milestone(), 'k-1');
		expect(again.status).toBe(200);
		const noKey = await upload(cookies.coordA, { bytes: pdf, name: '自评报告.pdf' }, milestone());
		const ids = [await first.json(), await again.json(), await noKey.json()].map((f) => f.id);
		expect(new Set(ids).size).toBe(1);
		expect((await h.db.select().from(files)).filter((f) => f.name === '自评报告.pdf')).toHaveLength(1);
		const res = await get(server, `/api/files/${ids[0]}`, cookies.viewer);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
	});

	it('[F5] only who writes the milestone’s school uploads; uploader or leader deletes', async () => {
		expect((await upload(cookies.coordB, { bytes: photo, name: 'x.jpg' }, milestone())).status).toBe(403);
		expect((await upload(cookies.viewer, { bytes: photo, name: 'x.jpg' }, milestone())).status).toBe(403);
		expect((await upload(cookies.outsider, { bytes: photo, name: 'x.jpg' }, milestone())).status).toBe(403);
		expect((await upload(cookies.coordA, { bytes: photo, name: 'x.jpg' }, { schoolId: schoolA })).status).toBe(400);
		const res = await upload(cookies.leader, { bytes: photo, name: 'y.jpg' }, { schoolId: schoolB, milestoneId: 'm2' });
		expect(res.status).toBe(201);
		const { id } = await res.json();
		const del = (cookie: string) =>
			fetch(`${server.url}/api/files/${id}`, { method: 'DELETE', headers: { cookie, origin: server.url } });
		expect((await del(cookies.coordB)).status).toBe(403);
		expect((await del(cookies.leader)).status).toBe(200);
		expect((await get(server, `/api/files/${id}`, cookies.viewer)).status).toBe(404);
	});
});
