import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb } from '../db/index';
import { LibsqlDocStorage } from './libsql-storage';
import { MemoryDocStorage } from './memory-storage';
import { storageContractSuite } from './storage-contract';

storageContractSuite('memory', async () => ({ storage: new MemoryDocStorage() }));

storageContractSuite('libsql file', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'storage-'));
	const h = await openDb(`file:${join(dir, 't.db')}`);
	await migrateDb(h);
	return {
		storage: new LibsqlDocStorage(h.db),
		dispose: () => {
			h.client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
});
