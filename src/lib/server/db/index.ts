/**
 * The process-wide database: opened once per module graph, or adopted from the Node entry's
 * runtime (`../runtime.ts`) so the SvelteKit bundle uses the server's one connection. Imports
 * here stay relative so `tsx` can load this file outside Vite.
 */
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as core from './schema';
import * as supervision from './supervision-schema';
import * as planYear from './plan-year-schema';
import { COMMIT_CHECKPOINT_PAGES, ThreadClient } from './thread-client';

const schema = { ...core, ...supervision, ...planYear };

/** drizzle over libsql; `$client` is the raw client, for the one hot statement that skips drizzle. */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export interface DbHandle {
	url: string;
	client: Client;
	db: Db;
}

export const DEFAULT_DATABASE_URL = 'file:data/app.db';

let shared: Promise<DbHandle> | null = null;

/**
 * Opens a database. A `file:` URL gets its folder created, WAL, a busy timeout and full sync.
 *
 * The client pools connections to a file and opens more when calls overlap; a PRAGMA reaches only
 * the connection it ran on. So the settings here are the ones every new libsql connection has too
 * (foreign keys on, synchronous FULL) or go through the client's options (the busy timeout).
 */
export interface OpenOptions {
	/**
	 * Run a `file:` database on a worker thread (`thread-client.ts`), so no statement, and no
	 * fsync, ever blocks the event loop. The server process sets it; tests and tools open inline.
	 */
	thread?: boolean;
	/**
	 * With `thread`: the edit path's write batches commit on the event loop while that is quick and
	 * uncontended, and on the thread otherwise (`prepared-writer.ts`).
	 */
	inlineCommits?: boolean;
}

export async function openDb(url: string, authToken?: string, opts: OpenOptions = {}): Promise<DbHandle> {
	const isFile = url.startsWith('file:');
	if (isFile) {
		const path = url.slice('file:'.length).split('?')[0];
		if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	const config = { url, authToken: authToken || undefined, ...(isFile ? { timeout: 5000 } : {}) };
	const client: Client = isFile && opts.thread && !url.includes(':memory:') ? new ThreadClient(config, [], { inlineCommits: opts.inlineCommits }) : createClient(config);
	if (isFile) {
		// WAL lets readers (the JSON API) proceed while the sync server writes updates.
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('PRAGMA busy_timeout = 5000');
		// FULL fsyncs each commit: an edit is broadcast only once it would survive a power cut, not
		// just a crash of this process (measured: +0.2 ms a commit; group commit shares it).
		await client.execute('PRAGMA synchronous = FULL');
		if (client instanceof ThreadClient) {
			await client.execute(`PRAGMA wal_autocheckpoint = ${COMMIT_CHECKPOINT_PAGES}`);
			client.startCheckpoints();
		}
	}
	await client.execute('PRAGMA foreign_keys = ON');
	return { url, client, db: drizzle(client, { schema }) };
}

/** Applies drizzle-kit's migrations from `drizzle/` (resolved from the working directory). */
export async function migrateDb(handle: DbHandle): Promise<void> {
	const folder = process.env.MIGRATIONS_DIR ?? resolve(process.cwd(), 'drizzle');
	await migrate(handle.db, { migrationsFolder: folder });
}

/**
 * The process's database, opened and migrated once from `DATABASE_URL` and `DATABASE_AUTH_TOKEN`.
 * Concurrent first callers share one open; the first caller's options hold (`server/app.ts`
 * opens it first, on a thread).
 */
export function getDbHandle(opts: OpenOptions = {}): Promise<DbHandle> {
	shared ??= (async () => {
		const handle = await openDb(
			process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
			process.env.DATABASE_AUTH_TOKEN,
			opts
		);
		await migrateDb(handle);
		return handle;
	})();
	return shared;
}

export async function getDb(): Promise<Db> {
	return (await getDbHandle()).db;
}

/** Installs an already-open handle as the process's database (the Node entry and tests do). */
export function setDbHandle(handle: DbHandle | Promise<DbHandle>): void {
	shared = Promise.resolve(handle);
}

export { schema };
