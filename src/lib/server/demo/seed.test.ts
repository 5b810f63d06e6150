import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { verifyPassword } from '../auth/password';
import { migrateDb, openDb, type DbHandle } from '../db/index';
import * as schema from '../db/schema';
import { loadDocState } from '../docs/store';
import {
	readGoals,
	readIndicators,
	readMilestones,
	readPairings,
	readPhases,
	readTasks
} from '../../shared/plan/doc';
import { pairingsRoom, planRoom, schoolRoom } from '../../shared/sync/protocol';
import { buildDemoWorkspace, DEMO_PASSWORD } from './data';
import { seedDemo } from './seed';
import { buildDemoMeasurements } from './measurements';
import { measurements } from '../db/supervision-schema';

const TODAY = '2026-11-25';
let dir: string;
let h: DbHandle;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'demo-seed-'));
	h = await openDb(`file:${join(dir, 'demo.db')}`);
	await migrateDb(h);
});
afterEach(() => {
	h.client.close();
	rmSync(dir, { recursive: true, force: true });
});

async function loadDoc(room: string): Promise<Y.Doc> {
	const { state } = await loadDocState(h.db, room);
	expect(state, room).not.toBeNull();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state!);
	return doc;
}

async function counts() {
	const n = async (t: Parameters<typeof h.db.$count>[0]) => h.db.$count(t);
	return {
		users: await n(schema.users),
		plans: await n(schema.plans),
		schools: await n(schema.schools),
		memberships: await n(schema.memberships),
		pairings: await n(schema.pairings),
		visits: await n(schema.visits),
		tasks: await n(schema.tasks),
		phases: await n(schema.phases),
		milestones: await n(schema.milestones),
		snapshots: await n(schema.docSnapshots),
		measurements: await n(measurements)
	};
}

describe('seedDemo', () => {
	it('[W4][W6] fills an empty database: accounts, plan, schools, pairings, visits, measurements, documents and projections', async () => {
		const ws = buildDemoWorkspace(TODAY);
		expect(await seedDemo(h.db, TODAY)).toBe(true);
		const milestoneCount = Object.values(ws.milestones).flat().length;
		expect(await counts()).toEqual({
			users: 6,
			plans: 1,
			schools: ws.schools.length,
			memberships: 6,
			pairings: ws.pairings.length,
			visits: ws.visits.length,
			tasks: ws.tasks.length,
			phases: 4,
			milestones: milestoneCount,
			snapshots: 1 + 1 + 10, // plan, pairings, pilot schools
			measurements: buildDemoMeasurements(ws).length
		});

		// Every demo account signs in with the demo password.
		const accounts = await h.db.select().from(schema.users).orderBy(asc(schema.users.username));
		for (const u of accounts) expect(await verifyPassword(u.passwordHash, DEMO_PASSWORD)).toBe(true);
		expect(accounts.find((u) => u.username === 'admin')!.isAdmin).toBe(true);
		const roles = await h.db.select().from(schema.memberships);
		expect(roles.find((m) => m.userId === 'u-coordinator')).toMatchObject({ role: 'coordinator', schoolId: 's01' });
		expect(roles.find((m) => m.userId === 'u-partner')).toMatchObject({ role: 'partner', schoolId: 's11' });

		// The stored plan document reads back as the workspace, and so does its projection.
		const planDoc = await loadDoc(planRoom('demo'));
		expect(readTasks(planDoc)).toEqual(ws.tasks);
		expect(readPhases(planDoc)).toEqual(ws.phases);
		expect(readGoals(planDoc)).toEqual(ws.goals);
		expect(readIndicators(planDoc)).toEqual(ws.indicators);
		const pairingDoc = await loadDoc(pairingsRoom('demo'));
		expect(readPairings(pairingDoc).map((p) => p.id).sort()).toEqual(ws.pairings.map((p) => p.id).sort());
		const pairingRows = await h.db.select().from(schema.pairings).where(eq(schema.pairings.planId, 'demo'));
		expect(pairingRows.every((p) => p.target === 3 && p.ended === null)).toBe(true);
		const projected = await h.db.select().from(schema.tasks).where(eq(schema.tasks.planId, 'demo'));
		expect(projected.map(({ planId, ...t }) => t).sort((a, b) => (a.order < b.order ? -1 : 1))).toEqual(ws.tasks);

		for (const [schoolId, list] of Object.entries(ws.milestones)) {
			expect(readMilestones(await loadDoc(schoolRoom('demo', schoolId)))).toEqual(
				[...list].sort((a, b) => (a.due < b.due ? -1 : 1))
			);
		}
		const ms = await h.db.select().from(schema.milestones).where(eq(schema.milestones.schoolId, 's01'));
		expect(ms).toHaveLength(ws.milestones.s01.length);

		const visits = await h.db.select().from(schema.visits);
		expect(visits.filter((v) => v.status === 'confirmed').every((v) => v.confirmedBy)).toBe(true);
	});

	it('[W4] seeding twice inserts once', async () => {
		expect(await seedDemo(h.db, TODAY)).toBe(true);
		const first = await counts();
		const planDoc = (await loadDocState(h.db, planRoom('demo'))).state;
		expect(await seedDemo(h.db, '2026-05-10')).toBe(false);
		expect(await counts()).toEqual(first);
		expect((await loadDocState(h.db, planRoom('demo'))).state).toEqual(planDoc);
	});

	it('[W4] leaves a database that already has a plan alone', async () => {
		await h.db.insert(schema.plans).values({ id: 'p1', title: '已有方案', start: '2026-01-01', end: '2026-12-31' });
		expect(await seedDemo(h.db, TODAY)).toBe(false);
		expect((await counts()).users).toBe(0);
		expect((await counts()).plans).toBe(1);
	});

	it('[W4] reuses an existing account with a demo username instead of failing', async () => {
		await h.db.insert(schema.users).values({
			id: 'existing',
			username: 'admin',
			displayName: '已有管理员',
			passwordHash: 'x',
			isAdmin: true
		});
		expect(await seedDemo(h.db, TODAY)).toBe(true);
		expect((await counts()).users).toBe(6);
		const [m] = await h.db.select().from(schema.memberships).where(eq(schema.memberships.userId, 'existing'));
		expect(m.role).toBe('admin');
	});
});
