/**
 * Past one machine ([Y25]): two instances on one database (a shared libsql `file:` in WAL mode
 * stands in for the libsql server) behind a real nginx with the README's config
 * (`server/nginx/quality-plan.conf`, `hash $plan_id consistent`). Clients of two plans, one plan
 * on each instance; one instance is killed with `kill -9`; its clients reconnect through nginx to
 * the other, which loads the rooms from the database, and nothing any peer had seen is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DbHandle } from '../../src/lib/server/db/index';
import { loadDocState } from '../../src/lib/server/docs/store';
import { writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb, taskFixture } from '../helpers/factories';
import { haveNginx, startNginx, type RunningNginx } from '../helpers/nginx';
import { freePort, startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient, waitFor, type Client } from './sync-clients';

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let instances: RunningServer[] = [];
let nginx: RunningNginx;
let cookies: string[] = [];
let users: { id: string }[] = [];
const open: Client[] = [];

const task = (id: string) => taskFixture(id);
const tasksOf = (c: Client) => c.doc.getMap<Y.Map<unknown>>('tasks');
const has = (c: Client, ids: string[]) => ids.every((id) => tasksOf(c).has(id));

/** Open sync sockets of an instance, from its own /metrics (loopback). */
async function sockets(s: RunningServer): Promise<number> {
	const text = await fetch(`${s.url}/metrics`).then((r) => r.text());
	return Number(/^sync_sockets (\d+)$/m.exec(text)?.[1] ?? NaN);
}

async function client(room: string, cookie: string): Promise<Client> {
	const c = await connectClient(nginx.wsUrl, room, cookie);
	open.push(c);
	return c;
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	users = [await makeUser(h), await makeUser(h)];
	cookies = [await makeSession(h, users[0].id), await makeSession(h, users[1].id)];
	const nginxPort = await freePort();
	// Both instances know the public URL; they start one after the other (migrations run once).
	const env = { ORIGIN: `http://127.0.0.1:${nginxPort}`, SYNC_UNLOAD_GRACE_MS: '500', SYNC_PEER_POLL_MS: '200' };
	for (let i = 0; i < 2; i++) instances.push(await startServer({ databaseUrl: tmp.url, env }));
	nginx = await startNginx(nginxPort, instances.map((s) => s.port));
}, 60_000);

afterAll(async () => {
	for (const c of open.splice(0)) c.destroy();
	await nginx?.stop();
	for (const s of instances) await s.stop();
	h?.client.close();
	tmp?.cleanup();
});

describe('two instances behind nginx', () => {
	it('[Y25] a room held by both instances at once converges: each takes in what the other stored', async () => {
		const { id } = await makePlan(h);
		for (const u of users) await addMember(h, id, u.id, 'leader');
		// Straight to each instance, as sockets that moved during a failover and new ones after it.
		const one = await connectClient(instances[0].wsUrl, planRoom(id), cookies[0]);
		const two = await connectClient(instances[1].wsUrl, planRoom(id), cookies[1]);
		open.push(one, two);
		writeTask(one.doc, task('from-one'));
		writeTask(two.doc, task('from-two'));
		await waitFor(() => has(one, ['from-two']) && has(two, ['from-one']), 5000, 'both copies to converge');
		tasksOf(one).get('from-two')!.set('progress', 55);
		await waitFor(() => tasksOf(two).get('from-two')?.get('progress') === 55, 5000, 'a later edit to cross over');
	});

	it('[Y25] kill -9 of one instance: its clients reconnect through nginx to the other and no seen edit is lost', async () => {
		if (!haveNginx()) throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
		// Plans until one lands on each instance: the hash decides, the test only observes.
		const onInstance: (string | null)[] = [null, null];
		for (let i = 0; i < 24 && onInstance.includes(null); i++) {
			const { id } = await makePlan(h);
			for (const u of users) await addMember(h, id, u.id, 'leader');
			const before = await Promise.all(instances.map(sockets));
			const probe = await client(planRoom(id), cookies[0]);
			const after = await Promise.all(instances.map(sockets));
			const at = after.findIndex((n, k) => n > before[k]);
			expect(at).toBeGreaterThanOrEqual(0);
			if (onInstance[at] === null) onInstance[at] = id;
			probe.destroy();
			open.splice(open.indexOf(probe), 1);
		}
		expect(onInstance).not.toContain(null);
		const [planA, planB] = onInstance as string[];

		// Two clients per plan, one per user; both plans' rooms are now on different instances.
		const a = [await client(planRoom(planA), cookies[0]), await client(planRoom(planA), cookies[1])];
		const b = [await client(planRoom(planB), cookies[0]), await client(planRoom(planB), cookies[1])];
		const seenA: string[] = [];
		const seenB: string[] = [];
		for (let i = 0; i < 10; i++) {
			writeTask(a[i % 2].doc, task(`a${i}`));
			writeTask(b[i % 2].doc, task(`b${i}`));
			seenA.push(`a${i}`);
			seenB.push(`b${i}`);
		}
		// Every edit has been seen by the other client of its plan: stored before broadcast.
		await waitFor(() => a.every((c) => has(c, seenA)) && b.every((c) => has(c, seenB)), 10_000, 'edits to reach peers');
		writeTask(a[0].doc, task('last-before-kill'));
		await waitFor(() => has(a[1], ['last-before-kill']), 5000, 'the last edit to reach the peer');
		seenA.push('last-before-kill');

		// The instance holding plan A dies without a chance to do anything.
		await instances[0].kill();
		// An edit made while the client is cut off stays in its document and is sent on resync.
		await waitFor(() => !a[0].provider.wsconnected, 5000, 'the client to notice');
		writeTask(a[0].doc, task('offline-edit'));

		await waitFor(() => a.every((c) => c.provider.wsconnected && c.provider.synced), 15_000, 'plan A clients to reconnect');
		expect(await sockets(instances[1])).toBeGreaterThanOrEqual(4);
		await waitFor(() => has(a[1], ['offline-edit']), 10_000, 'the offline edit to reach the peer via the survivor');
		for (const c of a) expect(has(c, seenA)).toBe(true);

		// Live editing goes on through the survivor, for both plans.
		writeTask(a[1].doc, task('after-failover'));
		writeTask(b[0].doc, task('b-after-failover'));
		await waitFor(() => has(a[0], ['after-failover']) && has(b[1], ['b-after-failover']), 5000, 'edits after failover');

		// And the database holds everything any peer saw.
		for (const [plan, ids] of [
			[planA, [...seenA, 'offline-edit', 'after-failover']],
			[planB, [...seenB, 'b-after-failover']]
		] as const) {
			const { state } = await loadDocState(h.db, planRoom(plan));
			const doc = new Y.Doc();
			Y.applyUpdate(doc, state!);
			expect(ids.filter((id) => !doc.getMap('tasks').has(id))).toEqual([]);
		}
	}, 60_000);
});
