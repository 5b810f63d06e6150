import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (name === 'node_modules' || name === 'paraglide' || name.startsWith('.')) return [];
		if (statSync(full).isDirectory()) return sources(full);
		return /\.(ts|js|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
	});
}

describe('one runtime', () => {
	it('no module hands state over through globalThis: the runtime is adopted from the request ($lib/server/runtime)', () => {
		const found = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'server'))]
			.filter((f) => readFileSync(f, 'utf8').includes('globalThis'))
			.map((f) => relative(ROOT, f));
		expect(found).toEqual([]);
	});
});
