import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibsqlError } from '@libsql/client';
import Database from 'libsql';
import { migrateDb, openDb, type DbHandle } from './index';
import { ThreadClient } from './thread-client';

let dir: string;
let h: DbHandle;
let client: ThreadClient;

const INSERT = 'INSERT INTO doc_updates (room, user_id, at, "update") VALUES (?, ?, ?, ?)';
const rows = async (room: string) =>
	(await client.execute({ sql: 'SELECT "update" FROM doc_updates WHERE room = ? ORDER BY id', args: [room] })).rows.map(
		(r) => new Uint8Array(r.update as ArrayBuffer)
	);

// Every batch on the thread, then with inline commits ([Y33]): the same results either way.
describe.each([{ inlineCommits: false }, { inlineCommits: true }])('database thread: prepared write batches (%o)', ({ inlineCommits }) => {
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'qp-thread-'));
		h = await openDb(`file:${join(dir, 'd.db')}`, undefined, { thread: true, inlineCommits });
		await migrateDb(h);
		client = h.client as ThreadClient;
	});
	afterAll(() => {
		h.client.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('is a ThreadClient for a file database opened with thread: true', () => {
		expect(client).toBeInstanceOf(ThreadClient);
	});

	it('writes every statement of a batch, blobs byte for byte', async () => {
		const a = new Uint8Array([1, 2, 3, 250]);
		const b = new Uint8Array(new Uint8Array([9, 9, 7, 8, 9]).buffer, 2, 3); // a view at an offset
		await client.writeBatch([
			{ sql: INSERT, args: ['plan:t1', null, 1, a] },
			{ sql: INSERT, args: ['plan:t1', null, 2, b] }
		]);
		expect(await rows('plan:t1')).toEqual([a, new Uint8Array([7, 8, 9])]);
	});

	it('rolls the whole batch back when one statement fails, with the SQLite code, and goes on after', async () => {
		const err = await client
			.writeBatch([
				{ sql: INSERT, args: ['plan:t2', null, 1, new Uint8Array([1])] },
				{ sql: 'INSERT INTO no_such_table (x) VALUES (?)', args: [1] }
			])
			.catch((e) => e);
		expect(err).toBeInstanceOf(LibsqlError);
		expect(err.code).toMatch(/^SQLITE_ERROR/);
		expect(await rows('plan:t2')).toEqual([]);
		await client.writeBatch([{ sql: INSERT, args: ['plan:t2', null, 2, new Uint8Array([2])] }]);
		expect(await rows('plan:t2')).toEqual([new Uint8Array([2])]);
	});

	it('sees schema changes made through the client between batches (a kept statement re-prepares)', async () => {
		await client.writeBatch([{ sql: INSERT, args: ['plan:t3', null, 1, new Uint8Array([1])] }]);
		await client.execute(
			"CREATE TRIGGER refuse_t3 BEFORE INSERT ON doc_updates WHEN NEW.room = 'plan:t3' BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
		);
		const err = await client.writeBatch([{ sql: INSERT, args: ['plan:t3', null, 2, new Uint8Array([2])] }]).catch((e) => e);
		expect(err).toBeInstanceOf(LibsqlError);
		expect(String(err.message)).toContain('disk says no');
		await client.execute('DROP TRIGGER refuse_t3');
		await client.writeBatch([{ sql: INSERT, args: ['plan:t3', null, 3, new Uint8Array([3])] }]);
		expect(await rows('plan:t3')).toEqual([new Uint8Array([1]), new Uint8Array([3])]);
	});

	it('keeps foreign keys on for its connection', async () => {
		const err = await client
			.writeBatch([{ sql: 'INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)', args: ['s1', 'no-such-user', 1] }])
			.catch((e) => e);
		expect(err).toBeInstanceOf(LibsqlError);
		expect(err.code).toMatch(/^SQLITE_CONSTRAINT/);
	});

	it('[Y33] waits for a write lock another connection holds instead of failing (inline: on the thread)', async () => {
		const other = new Database(join(dir, 'd.db'));
		other.exec('BEGIN IMMEDIATE');
		let done = false;
		const write = client.writeBatch([{ sql: INSERT, args: ['plan:t4', null, 1, new Uint8Array([4])] }]).then(() => (done = true));
		await new Promise((r) => setTimeout(r, 150));
		expect(done).toBe(false);
		other.exec('COMMIT');
		other.close();
		await write;
		expect(await rows('plan:t4')).toEqual([new Uint8Array([4])]);
	});
});
