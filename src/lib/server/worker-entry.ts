/**
 * The bootstrap code of a worker thread that runs the module at `moduleUrl` (for `new Worker(…,
 * { eval: true })`). On Node 20 a worker does not inherit the hooks of `--import tsx`, so when the
 * module runs as TypeScript the thread registers tsx before importing it.
 */
export function workerEntry(moduleUrl: string): string {
	const self = JSON.stringify(moduleUrl);
	if (!moduleUrl.endsWith('.ts')) return `import(${self});`;
	const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
	return `import(${tsx}).then(({ register }) => { register(); return import(${self}); });`;
}
