/**
 * Write-path isolation ([Y24]) end to end: one room whose store keeps failing (a trigger makes the
 * database refuse its rows) closes its sockets with StoreFailing and refuses new ones, while
 * another room keeps storing and broadcasting; once the store works again, nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DbHandle } from '../../src/lib/server/db/index';
import { loadDocState } from '../../src/lib/server/docs/store';
import { writeTask } from '../../src/lib/shared/plan/doc';
import { CloseCode, planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb, taskFixture } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient, upgradeStatus, waitFor, type Client } from './sync-clients';

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let cookie: string;
let userId: string;
const open: Client[] = [];

async function newPlan(): Promise<string> {
	const { id } = await makePlan(h);
	await addMember(h, id, userId, 'leader');
	return id;
}

const has = (c: Client, id: string) => c.doc.getMap('tasks').has(id);

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	const u = await makeUser(h);
	userId = u.id;
	cookie = await makeSession(h, u.id);
	server = await startServer({ databaseUrl: tmp.url });
}, 30_000);

afterAll(async () => {
	for (const c of open.splice(0)) c.destroy();
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

describe('a failing store', () => {
	it('[Y24] stalls only its own room: StoreFailing (4507) and 503 there, the other room keeps storing; nothing is lost once it recovers', async () => {
		const bad = await newPlan();
		const good = await newPlan();
		const badClients = [await connectClient(server.wsUrl, planRoom(bad), cookie), await connectClient(server.wsUrl, planRoom(bad), cookie)];
		const goodClients = [await connectClient(server.wsUrl, planRoom(good), cookie), await connectClient(server.wsUrl, planRoom(good), cookie)];
		open.push(...badClients, ...goodClients);
		const closes: number[] = [];
		badClients[1].provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));

		await h.client.execute(
			`CREATE TRIGGER refuse_bad BEFORE INSERT ON doc_updates WHEN NEW.room = '${planRoom(bad)}' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`
		);
		writeTask(badClients[0].doc, taskFixture('during-failure'));
		await waitFor(() => closes.includes(CloseCode.StoreFailing), 5000, 'the failing room to close with StoreFailing');
		expect(await upgradeStatus(server.wsUrl, planRoom(bad), cookie)).toBe(503);

		// The other room stores and broadcasts as if nothing happened.
		for (let i = 0; i < 5; i++) writeTask(goodClients[i % 2].doc, taskFixture(`good-${i}`));
		await waitFor(() => [0, 1, 2, 3, 4].every((i) => goodClients.every((c) => has(c, `good-${i}`))), 5000, 'the good room to go on');
		expect(has(badClients[1], 'during-failure')).toBe(false);

		await h.client.execute('DROP TRIGGER refuse_bad');
		// The retry stores the kept edit; the clients reconnect and see it.
		await waitFor(() => badClients.every((c) => c.provider.wsconnected && has(c, 'during-failure')), 15_000, 'the failing room to recover');
		const { state } = await loadDocState(h.db, planRoom(bad));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state!);
		expect(doc.getMap('tasks').has('during-failure')).toBe(true);
		expect(server.output()).toMatch(/"event":"store-failed".*"room":"plan:/);
		expect(server.output()).toMatch(/"event":"store-recovered"/);
	}, 40_000);
});
