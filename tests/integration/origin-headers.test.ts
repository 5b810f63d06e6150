/**
 * Findings 7 and 8 of issue 8 against the real server: body-less state-changing requests from
 * another port of the same host are refused, and every response carries the security headers
 * (a strict CSP on pages).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFeeds, sessions, visits } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { addMember, makePairing, makePlan, makeSchool, makeUser, openTestDb } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { get, send, signIn } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let leader: { id: string; cookie: string };

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	const strong = (await makeSchool(h, planId, { tier: 'strong' })).id;
	const weak = (await makeSchool(h, planId, { tier: 'weak' })).id;
	await makePairing(h, planId, strong, weak, { id: 'pair1' });
	const u = await makeUser(h);
	await addMember(h, planId, u.id, 'leader');
	await h.db.insert(visits).values({
		id: 'v1',
		planId,
		pairingId: 'pair1',
		date: '2026-03-02',
		hostId: strong,
		visitorId: weak,
		kind: 'teacher_exchange',
		participants: 3,
		topic: '听课',
		summary: '',
		createdBy: u.id,
		idempotencyKey: 'k1'
	});
	server = await startServer({ databaseUrl: tmp.url });
	leader = { id: u.id, cookie: (await signIn(server, u.username, u.password)).cookie! };
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('[H19] state-changing requests check their origin', () => {
	const otherPort = () => `http://127.0.0.1:${server.port + 1}`;

	it('[H19] body-less POSTs from another port of the same host are 403 and change nothing', async () => {
		const opts = { cookie: leader.cookie, origin: otherPort() };
		const confirm = await send(server, 'POST', `/api/plans/${planId}/visits/v1/confirm`, opts);
		expect(confirm.status).toBe(403);
		expect((await confirm.json()).error).toBe('cross_origin');
		expect((await send(server, 'POST', '/api/calendar-feed', opts)).status).toBe(403);
		expect((await send(server, 'POST', '/logout', opts)).status).toBe(403);
		expect((await send(server, 'DELETE', '/api/calendar-feed', opts)).status).toBe(403);

		const [visit] = await h.db.select().from(visits).where(eq(visits.id, 'v1'));
		expect(visit.status).toBe('logged');
		expect(await h.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, leader.id))).toHaveLength(0);
		expect(await h.db.select().from(sessions).where(eq(sessions.userId, leader.id))).toHaveLength(1);
		expect((await get(server, '/api/plans', leader.cookie)).status).toBe(200);
	});

	it('[H19] without Origin a POST needs Sec-Fetch-Site: same-origin', async () => {
		expect((await send(server, 'POST', '/api/calendar-feed', { cookie: leader.cookie, origin: null })).status).toBe(403);
		const res = await fetch(`${server.url}/api/calendar-feed`, {
			method: 'POST',
			headers: { cookie: leader.cookie, 'sec-fetch-site': 'same-origin' }
		});
		expect(res.status).toBe(201);
	});

	it('[H19] the site’s own Origin passes', async () => {
		expect((await send(server, 'POST', `/api/plans/${planId}/visits/v1/confirm`, { cookie: leader.cookie })).status).toBe(200);
	});
});

describe('[H20] security headers', () => {
	it('[H20] a page gets a strict CSP with a script nonce, no inline script allowance and frame-ancestors none', async () => {
		const res = await get(server, '/login');
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("base-uri 'self'");
		expect(csp).toContain("form-action 'self'");
		const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).toMatch(/'nonce-[^']+'|'sha256-[^']+'/);
		expect(scriptSrc).not.toContain('unsafe-inline');
		const html = await res.text();
		const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
		for (const tag of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
	});

	it('[H20] pages and API answers carry nosniff, Referrer-Policy and Permissions-Policy; no HSTS over http', async () => {
		for (const res of [await get(server, '/login'), await get(server, '/api/plans'), await get(server, '/healthz')]) {
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
			expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
			expect(res.headers.get('strict-transport-security')).toBeNull();
		}
	});

	it('[H20] HSTS is sent when the request came over https (a TLS proxy says so)', async () => {
		const res = await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
		expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
	});
});
