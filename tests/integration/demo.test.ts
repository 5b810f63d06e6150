/**
 * `npm run demo` end to end: the real entry (`server/demo.ts`) against a fresh libsql file seeds
 * the workspace, serves it, and every demo account signs in and sees the demo plan through the
 * JSON API. A second start on the same file does not seed again. Requires a build (npm run build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { buildDemoWorkspace } from '../../src/lib/server/demo/data';
import { buildDemoMeasurements } from '../../src/lib/server/demo/measurements';
import { todayInShanghai } from '../../src/lib/shared/plan/dates';

const ACCOUNTS = ['admin', 'leader', 'coordinator', 'partner', 'viewer'];

let tmp: ReturnType<typeof tempDatabaseUrl>;
let server: RunningServer;

async function signIn(username: string, password = 'demo-pass'): Promise<string | null> {
	const res = await fetch(`${server.url}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ username, password }),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	return cookie ? cookie.split(';')[0] : null;
}

async function getJson(path: string, cookie: string) {
	const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
	expect(res.status, path).toBe(200);
	return res.json();
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	server = await startServer({ databaseUrl: tmp.url, script: 'server/demo.ts', env: { HOST: '0.0.0.0' } });
});
afterAll(async () => {
	await server?.stop();
	tmp?.cleanup();
});

describe('npm run demo', () => {
	it('[W4] seeds, serves and prints the URL and the demo accounts', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(await res.json()).toEqual({ ok: true });
		const out = server.output();
		expect(out).toMatch(/Demo workspace seeded/);
		expect(out).toContain(`http://localhost:${server.port}`);
		for (const name of ACCOUNTS) expect(out).toMatch(new RegExp(`^${name}\\s+.*demo-pass$`, 'm'));
		expect(out).not.toMatch(/First-run setup/);
	});

	it('[W4] every demo account signs in with demo-pass and sees the demo plan', async () => {
		for (const name of ACCOUNTS) {
			const cookie = await signIn(name);
			expect(cookie, name).toBeTruthy();
			const plans = await getJson('/api/plans', cookie!);
			expect(plans, name).toEqual([
				expect.objectContaining({ id: 'demo', title: expect.stringMatching(/^\d{4}年小学教育教学质量提升实施方案$/) })
			]);
		}
		expect(await signIn('admin', 'wrong-pass')).toBeNull();
	});

	it('[W4] the JSON API answers from the seeded projections before any room is opened', async () => {
		const cookie = (await signIn('viewer'))!;
		const tasks = await getJson('/api/plans/demo/tasks', cookie);
		expect(tasks.length).toBeGreaterThanOrEqual(30);
		expect(tasks[0]).toMatchObject({ id: 't01', phase: 'launch', title: expect.any(String), deps: [] });
		const schools = await getJson('/api/plans/demo/schools', cookie);
		expect(schools.filter((s: { pilot: boolean }) => s.pilot)).toHaveLength(10);
		const milestones = await getJson('/api/plans/demo/milestones', cookie);
		expect(new Set(milestones.map((m: { schoolId: string }) => m.schoolId)).size).toBe(10);
		const pairings = await getJson('/api/plans/demo/pairings', cookie);
		expect(pairings.length).toBeGreaterThanOrEqual(4);
	});

	it('[W6] the demo’s indicators answer with figures from its measurement history, school figures per school', async () => {
		const cookie = (await signIn('viewer'))!;
		const indicators = await getJson('/api/plans/demo/indicators', cookie);
		expect(indicators).toHaveLength(13);
		expect(indicators.filter((i: { scope: string }) => i.scope === 'school')).toHaveLength(3);
		const history0 = buildDemoMeasurements(buildDemoWorkspace(todayInShanghai()));
		const measured = indicators.filter((i: { value: number | null }) => i.value !== null).map((i: { id: string }) => i.id);
		expect(measured.sort()).toEqual([...new Set(history0.map((m) => m.indicatorId))].sort());
		const history = await getJson('/api/plans/demo/indicators/g2-1/measurements', cookie);
		expect(history.every((m: { schoolId: string | null; createdByName: string }) => m.schoolId && m.createdByName)).toBe(true);
		expect(history.map((m: { date: string }) => m.date)).toEqual(history.map((m: { date: string }) => m.date).sort());
	});

	it('[W4] a second start on the same database does not seed again', async () => {
		await server.stop();
		server = await startServer({ databaseUrl: tmp.url, script: 'server/demo.ts' });
		expect(server.output()).toMatch(/already has a plan; not seeding again/);
		const cookie = (await signIn('leader'))!;
		expect(await getJson('/api/plans', cookie)).toHaveLength(1);
	});
});
