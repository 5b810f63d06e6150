/**
 * One integration suite's fixture: a fresh migrated database that `seed` fills, then the real
 * server over it; both torn down after the suite. Read `fixture.server` / `fixture.h` in tests.
 */
import { afterAll, beforeAll } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/index';
import { openTestDb } from './factories';
import { startServer, tempDatabaseUrl, type RunningServer } from './start-server';

export interface SuiteFixture {
	server: RunningServer;
	h: DbHandle;
}

export function serverSuite(seed: (h: DbHandle) => Promise<void>): SuiteFixture {
	const fixture = {} as SuiteFixture;
	let cleanup: (() => void) | undefined;
	beforeAll(async () => {
		const tmp = tempDatabaseUrl();
		cleanup = tmp.cleanup;
		fixture.h = await openTestDb(tmp.url);
		await seed(fixture.h);
		fixture.server = await startServer({ databaseUrl: tmp.url });
	});
	afterAll(async () => {
		await fixture.server?.stop();
		fixture.h?.client.close();
		cleanup?.();
	});
	return fixture;
}
