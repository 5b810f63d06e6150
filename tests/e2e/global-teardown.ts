/** Removes the run's temporary demo database (the config made it with mkdtemp). */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';

export default function globalTeardown(): void {
	const dir = process.env.E2E_DB_DIR;
	if (dir && dirname(resolve(dir)) === resolve(tmpdir()) && basename(dir).startsWith('qp-e2e-')) {
		rmSync(dir, { recursive: true, force: true });
	}
}
