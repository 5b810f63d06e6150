import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBuildReason } from './build-freshness';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function project() {
	const root = mkdtempSync(join(tmpdir(), 'qp-fresh-'));
	dirs.push(root);
	for (const d of ['src/routes', 'src/lib/paraglide', 'static', 'build']) mkdirSync(join(root, d), { recursive: true });
	const at = (path: string, seconds: number) => {
		writeFileSync(join(root, path), 'x');
		utimesSync(join(root, path), seconds, seconds);
	};
	return { root, at };
}

describe('build freshness (npm run demo)', () => {
	it('rebuilds without a build, or when a source is newer than it; generated Paraglide output does not count', () => {
		const { root, at } = project();
		at('src/routes/+page.svelte', 1000);
		expect(staleBuildReason(root)).toBe('no build yet');
		at('build/handler.js', 2000);
		expect(staleBuildReason(root)).toBeNull();
		at('src/lib/paraglide/messages.js', 3000);
		expect(staleBuildReason(root)).toBeNull();
		at('src/routes/+page.svelte', 3000);
		expect(staleBuildReason(root)).toBe('src/routes/+page.svelte changed after the last build');
		at('build/handler.js', 4000);
		at('svelte.config.js', 5000);
		expect(staleBuildReason(root)).toBe('svelte.config.js changed after the last build');
	});
});
