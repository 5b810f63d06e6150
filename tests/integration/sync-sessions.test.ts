/**
 * Finding 3 of issue 8: a socket must not outlive its session. Sign-out, a password reset, account
 * removal and a withdrawn membership close the user's sockets at once (4401), and an edit sent
 * after them is never stored. Re-validation is set to an hour here, so only the in-process
 * notifier can explain a prompt close.
 */
import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docUpdates } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { CloseCode } from '../../src/lib/shared/sync/protocol';
import { encodeUpdate } from '../../server/sync/messages';
import { addMember, makePlan, makeUser, openTestDb } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { postForm, signIn } from './auth-helpers';
import { rawSocket, sleep, type RawSocket } from './sync-clients';

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let planId: string;
let adminCookie: string;

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	const admin = await makeUser(h, { isAdmin: true });
	server = await startServer({ databaseUrl: tmp.url, env: { SYNC_REVALIDATE_MS: '3600000' } });
	adminCookie = (await signIn(server, admin.username, admin.password)).cookie!;
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

/** A leader of the plan, signed in over HTTP, with a raw socket open to the plan room. */
async function connectedLeader() {
	const u = await makeUser(h);
	await addMember(h, planId, u.id, 'leader');
	const cookie = (await signIn(server, u.username, u.password)).cookie!;
	const socket = await rawSocket(server.wsUrl, planRoom(planId), cookie);
	const closedAt = socket.closed.then((code) => ({ code, at: Date.now() }));
	return { ...u, cookie, socket, closedAt };
}

/** Sends a real task insert on the raw socket, if it is still open. */
function sendEdit(socket: RawSocket, title: string) {
	const doc = new Y.Doc();
	const task = new Y.Map<unknown>();
	task.set('title', title);
	doc.getMap('tasks').set(`t-${title}`, task);
	if (socket.ws.readyState === socket.ws.OPEN) socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
}

async function storedSince(userId: string, sinceId: number) {
	return h.db
		.select({ id: docUpdates.id })
		.from(docUpdates)
		.where(and(eq(docUpdates.userId, userId), gt(docUpdates.id, sinceId)));
}

async function lastUpdateId(): Promise<number> {
	const rows = await h.db.select({ id: docUpdates.id }).from(docUpdates);
	return rows.reduce((max, r) => Math.max(max, r.id), 0);
}

/** The shared check: the action ends the socket within a second and a later edit is not stored. */
async function expectEnded(user: Awaited<ReturnType<typeof connectedLeader>>, act: () => Promise<Response>) {
	sendEdit(user.socket, 'before');
	await sleep(300);
	expect(await storedSince(user.id, 0)).toHaveLength(1); // a live session writes
	const mark = await lastUpdateId();
	const at = Date.now();
	const res = await act();
	expect(res.status).toBeLessThan(400);
	await sleep(500);
	sendEdit(user.socket, 'after');
	const closed = await Promise.race([user.closedAt, sleep(1500).then(() => null)]);
	expect(closed?.code).toBe(CloseCode.Unauthorized);
	expect(closed!.at - at).toBeLessThan(1000);
	await sleep(300);
	expect(await storedSince(user.id, mark)).toHaveLength(0);
}

describe('[Y30] sessions end everywhere at once', () => {
	it('[Y30] sign-out closes the socket with 4401 at once; an edit 0.5 s later is not stored', async () => {
		const u = await connectedLeader();
		await expectEnded(u, () => postForm(server, '/logout', {}, { cookie: u.cookie }));
	});

	it('[Y30] a password reset closes the socket with 4401 at once; an edit 0.5 s later is not stored', async () => {
		const u = await connectedLeader();
		await expectEnded(u, () =>
			postForm(server, '/admin?/resetPassword', { userId: u.id, password: 'a-brand-new-password' }, { cookie: adminCookie })
		);
	});

	it('[Y30] removing the membership closes the socket with 4401 at once; an edit 0.5 s later is not stored', async () => {
		const u = await connectedLeader();
		await expectEnded(u, () =>
			postForm(server, '/admin?/removeMembership', { planId, userId: u.id }, { cookie: adminCookie })
		);
	});

	it('[Y30] removing the account closes the socket with 4401 at once', async () => {
		const u = await connectedLeader();
		await expectEnded(u, () => postForm(server, '/admin?/removeUser', { userId: u.id }, { cookie: adminCookie }));
	});

	it('[Y30] a demotion to viewer makes the socket read-only at once', async () => {
		const u = await connectedLeader();
		const mark = await lastUpdateId();
		const res = await postForm(
			server,
			'/admin?/setMembership',
			{ planId, userId: u.id, role: 'viewer', schoolId: '' },
			{ cookie: adminCookie }
		);
		expect(res.status).toBeLessThan(400);
		await sleep(300);
		sendEdit(u.socket, 'demoted');
		await sleep(500);
		expect(await storedSince(u.id, mark)).toHaveLength(0);
		expect(u.socket.ws.readyState).toBe(u.socket.ws.OPEN);
		u.socket.ws.close();
	});
});
