import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb, type DbHandle } from './index';

let dir: string;
let h: DbHandle;
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'qp-db-'));
	h = await openDb(`file:${join(dir, 'd.db')}`);
	await migrateDb(h);
});
afterAll(() => {
	h.client.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('embedded database connection', () => {
	it('keeps foreign keys, full sync and the busy timeout on every pooled connection', async () => {
		// Overlapping calls open extra connections; the first call gets the one openDb configured.
		const each = async (pragma: string) =>
			(await Promise.all(Array.from({ length: 6 }, () => h.client.execute(`PRAGMA ${pragma}`)))).map(
				(r) => Object.values(r.rows[0])[0]
			);
		expect(await each('foreign_keys')).toEqual([1, 1, 1, 1, 1, 1]);
		expect(await each('synchronous')).toEqual([2, 2, 2, 2, 2, 2]); // FULL
		expect(await each('busy_timeout')).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
	});
});
