/**
 * Finding 4 of issue 8: presence is the server's to vouch for. A viewer flooding a room with
 * client ids, forging an administrator's name and a `url(…)` colour is seen by others as at most
 * a few states of one person, with their real name and a hex colour.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/index';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { colorFor } from '../../src/lib/shared/sync/presence';
import { encodeAwareness } from '../../server/sync/messages';
import { MAX_CLIENT_IDS_PER_CONNECTION } from '../../server/rooms/presence';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient, rawSocket, sleep } from './sync-clients';

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	server = await startServer({ databaseUrl: tmp.url });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

/** An awareness update with the given (client id, state) entries, clock 1 each. */
function awarenessUpdate(entries: [number, unknown][]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const [id, state] of entries) {
		encoding.writeVarUint(encoder, id);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encodeAwareness(encoding.toUint8Array(encoder));
}

describe('[Y31] presence with a schema', () => {
	it('[Y31] 14,001 states, a forged name and a url() colour from a viewer reach others as its real identity, bounded', async () => {
		const { id: planId } = await makePlan(h);
		const viewer = await makeUser(h, { displayName: '王老师' });
		const leader = await makeUser(h);
		await addMember(h, planId, viewer.id, 'viewer');
		await addMember(h, planId, leader.id, 'leader');
		const observer = await connectClient(server.wsUrl, planRoom(planId), await makeSession(h, leader.id));
		const attacker = await rawSocket(server.wsUrl, planRoom(planId), await makeSession(h, viewer.id));

		const forged = { user: { id: 'u-admin', name: '系统管理员', color: 'url(http://127.0.0.1:9/steal)' }, editing: null, avatars: 'x'.repeat(500) };
		attacker.ws.send(awarenessUpdate([[1, forged]]));
		let next = 2;
		while (next <= 14_001) {
			const batch: [number, unknown][] = [];
			for (let i = 0; i < 2000 && next <= 14_001; i++) batch.push([next++, {}]);
			attacker.ws.send(awarenessUpdate(batch));
		}
		await sleep(800);

		const seen = [...observer.provider.awareness.getStates()]
			.filter(([id]) => id !== observer.provider.awareness.clientID)
			.map(([, state]) => state as { user: { id: string; name: string; color: string } });
		expect(seen.length).toBeGreaterThanOrEqual(1);
		expect(seen.length).toBeLessThanOrEqual(MAX_CLIENT_IDS_PER_CONNECTION);
		expect(new Set(seen.map((s) => s.user.id))).toEqual(new Set([viewer.id]));
		for (const state of seen) {
			expect(state.user).toEqual({ id: viewer.id, name: '王老师', color: colorFor(viewer.id) });
			expect(state.user.color).toMatch(/^#[0-9a-f]{6}$/i);
			expect(Object.keys(state).sort()).toEqual(['dragging', 'editing', 'user']);
		}
		expect(attacker.ws.readyState).toBe(attacker.ws.OPEN); // dropped entries are not a protocol error
		attacker.ws.close();
		observer.destroy();
	});
});
