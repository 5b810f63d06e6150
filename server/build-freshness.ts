/**
 * Whether `build/` is older than what it is built from, so `npm run demo` never serves a stale
 * build silently after a pull or an edit: the newest file among the build's inputs against
 * `build/handler.js`. Generated folders (Paraglide's output, `.svelte-kit`) are left out; their
 * sources (the message files) are in.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the SvelteKit build reads, relative to the project root. */
export const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];
const SKIP = new Set(['src/lib/paraglide', 'node_modules', '.svelte-kit']);

function newest(root: string, path: string): { file: string; mtimeMs: number } | null {
	const full = join(root, path);
	let st;
	try {
		st = statSync(full);
	} catch {
		return null;
	}
	if (!st.isDirectory()) return { file: path, mtimeMs: st.mtimeMs };
	let best: { file: string; mtimeMs: number } | null = null;
	for (const name of readdirSync(full)) {
		const child = relative(root, join(full, name));
		if (SKIP.has(child) || name.startsWith('.')) continue;
		const n = newest(root, child);
		if (n && (!best || n.mtimeMs > best.mtimeMs)) best = n;
	}
	return best;
}

/** Why the build must be made again (no build, or an input newer than it), or `null` when fresh. */
export function staleBuildReason(root: string): string | null {
	let built: number;
	try {
		built = statSync(join(root, 'build/handler.js')).mtimeMs;
	} catch {
		return 'no build yet';
	}
	let latest: { file: string; mtimeMs: number } | null = null;
	for (const input of BUILD_INPUTS) {
		const n = newest(root, input);
		if (n && (!latest || n.mtimeMs > latest.mtimeMs)) latest = n;
	}
	return latest && latest.mtimeMs > built ? `${latest.file} changed after the last build` : null;
}
