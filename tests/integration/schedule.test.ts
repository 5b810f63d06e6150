/**
 * `GET /api/plans/:planId/schedule` (contract v2) against the real server: the guard of every
 * plan route, the shape, and numbers equal to the pure functions ([S10]–[S12]) on the demo plan's
 * stored document, and on the projection for a plan whose room was never written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { phases as phaseRows, tasks as taskRows } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { loadDocState } from '../../src/lib/server/docs/store';
import { readPhases, readTasks } from '../../src/lib/shared/plan/doc';
import { computeSchedule } from '../../src/lib/shared/plan/critical-path';
import { todayInShanghai } from '../../src/lib/shared/plan/dates';
import { get, signIn } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let viewer: string;
let outsider: string;
let sqlPlan: string;
let sqlMember: string;

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	await seedDemo(h.db, todayInShanghai());
	sqlPlan = (await makePlan(h, { title: '只有投影的方案' })).id;
	const outsiderUser = await makeUser(h);
	outsider = await makeSession(h, outsiderUser.id);
	const member = await makeUser(h);
	await addMember(h, sqlPlan, member.id, 'viewer');
	await h.db.insert(phaseRows).values([{ planId: sqlPlan, key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' }]);
	const base = { planId: sqlPlan, workstream: '', phase: 'launch' as const, unit: '', lead: '', status: 'todo' as const, progress: 0 };
	await h.db.insert(taskRows).values([
		{ ...base, id: 'a', title: 'A', start: '2026-03-01', due: '2026-03-15', deps: [], order: 'a1' },
		{ ...base, id: 'b', title: 'B', start: '2026-03-15', due: '2026-03-31', deps: ['a', 'zz'], order: 'a2' }
	]);
	server = await startServer({ databaseUrl: tmp.url });
	viewer = (await signIn(server, 'viewer', 'demo-pass')).cookie!;
	sqlMember = await makeSession(h, member.id);
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('GET /api/plans/:planId/schedule', () => {
	it('[H13] is 401 signed out, 403 for a non-member, 404 for an unknown plan', async () => {
		expect((await get(server, '/api/plans/demo/schedule')).status).toBe(401);
		expect((await get(server, '/api/plans/demo/schedule', outsider)).status).toBe(403);
		expect((await get(server, '/api/plans/no-such-plan/schedule', viewer)).status).toBe(404);
		expect((await get(server, `/api/plans/${sqlPlan}/schedule`, viewer)).status).toBe(403);
	});

	it('[S10][S11][S12] the demo plan: the contract’s shape, and exactly the pure functions’ numbers on the stored document', async () => {
		const res = await get(server, '/api/plans/demo/schedule', viewer);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { tasks: { id: string; lateFinish: string | null; slack: number | null; critical: boolean }[]; violations: unknown[] };
		expect(Object.keys(body).sort()).toEqual(['tasks', 'violations']);
		for (const t of body.tasks) expect(Object.keys(t).sort()).toEqual(['critical', 'id', 'lateFinish', 'slack']);
		const { state } = await loadDocState(h.db, 'plan:demo');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state!);
		const expected = computeSchedule(readTasks(doc), readPhases(doc));
		expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(body.tasks.length).toBeGreaterThanOrEqual(30);
		// [W2] the demo respects its dependencies; its critical path is non-empty and ends on phase ends.
		expect(body.violations).toEqual([]);
		expect(body.tasks.filter((t) => t.critical).length).toBeGreaterThan(0);
	});

	it('[S10][S12] a plan whose room was never written is computed from its projection rows', async () => {
		const body = await (await get(server, `/api/plans/${sqlPlan}/schedule`, sqlMember)).json();
		expect(body).toEqual({
			tasks: [
				{ id: 'a', lateFinish: '2026-03-14', slack: -1, critical: true },
				{ id: 'b', lateFinish: '2026-03-31', slack: 0, critical: true }
			],
			violations: [
				{ taskId: 'b', kind: 'early_start', dependsOn: 'a' },
				{ taskId: 'b', kind: 'unknown_dep', dependsOn: 'zz' }
			]
		});
	});
});
