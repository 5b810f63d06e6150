import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phases, tasks } from '../db/schema';
import type { DbHandle } from '../db/index';
import { makePlan, openTestDb } from '../../../../tests/helpers/factories';
import { tempDatabaseUrl } from '../../../../tests/helpers/start-server';
import { makeTask } from '../../table/test-task';
import { getPlanOverview } from './overview';

describe('plan overview from the SQL projection', () => {
	const tmp = tempDatabaseUrl();
	let h: DbHandle;
	let planId: string;

	beforeAll(async () => {
		h = await openTestDb(tmp.url);
		({ id: planId } = await makePlan(h));
		await h.db.insert(phases).values([
			// Inserted out of order: the overview lists them in plan order.
			{ planId, key: 'pilot', name: '试点推进', start: '2026-04-01', end: '2026-06-30' },
			{ planId, key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' }
		]);
		await h.db.insert(tasks).values([
			{ planId, ...makeTask({ id: 'a', status: 'done', progress: 100, due: '2026-02-01' }) },
			{ planId, ...makeTask({ id: 'b', status: 'doing', progress: 20, due: '2026-03-01' }) },
			{ planId, ...makeTask({ id: 'c', phase: 'pilot', status: 'todo', progress: 0, start: '2026-04-01', due: '2026-05-01' }) }
		]);
	});
	afterAll(() => {
		h?.client.close();
		tmp.cleanup();
	});

	it('summarises counts, overdue tasks and the current phase as of today', async () => {
		const o = await getPlanOverview(h.db, planId, '2026-04-10');
		expect(o.phases.map((p) => p.key)).toEqual(['launch', 'pilot']);
		expect(o.summary.total).toBe(3);
		expect(o.summary.byStatus).toEqual({ todo: 1, doing: 1, done: 1, blocked: 0 });
		expect(o.summary.byPhase.launch.total).toBe(2);
		expect(o.summary.byPhase.pilot.total).toBe(1);
		expect(o.summary.overdue).toBe(1);
		expect(o.summary.currentPhase).toBe('pilot');
		expect(o.today).toBe('2026-04-10');
	});

	it('is empty, not an error, for a plan without tasks', async () => {
		const { id } = await makePlan(h);
		const o = await getPlanOverview(h.db, id, '2026-04-10');
		expect(o.summary.total).toBe(0);
		expect(o.phases).toEqual([]);
	});
});
