/**
 * End-to-end tests in real Chromium against the real server (`server/demo.ts`: the built app plus
 * /sync) on a fresh demo database per run, project `built` (then `approved`, which approves the demo
 * plan); project `dev` runs
 * `dev-server.spec.ts` against `npm run dev` (Vite with the live-sync plugin) on its own database. Debian's Chromium is used when installed; otherwise
 * Playwright's own browser (never downloaded from here). Needs `npm run build` first.
 */
import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 4321);
/** `npm run dev` (Vite with the live-sync plugin), for the `dev` project. */
const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? PORT + 1);
/** Set to test a server that is already running (e.g. while developing); no server is started. */
const EXTERNAL = process.env.E2E_BASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';

// The config is evaluated in the runner and in each worker; only the runner starts the server,
// so a directory made by a worker is never used (and stays empty).
const dbDir = process.env.E2E_DB_DIR ?? mkdtempSync(join(tmpdir(), 'qp-e2e-'));
process.env.E2E_DB_DIR = dbDir;

export default defineConfig({
	testDir: '.',
	globalTeardown: './global-teardown.ts',
	outputDir: './.output/results',
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	timeout: 45_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: EXTERNAL ?? `http://127.0.0.1:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		viewport: { width: 1280, height: 800 },
		launchOptions: existsSync(CHROMIUM)
			? {
					executablePath: CHROMIUM,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync'
					]
				}
			: {}
	},
	projects: [
		{ name: 'built', testIgnore: /(dev-server|change-requests)\.spec\.ts$/ },
		// Approves the demo plan, after which every later due needs a change request: it runs once
		// the other specs of the same server are done.
		{ name: 'approved', testMatch: /change-requests\.spec\.ts$/, dependencies: ['built'] },
		...(EXTERNAL ? [] : [{ name: 'dev', testMatch: /dev-server\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${DEV_PORT}` } }])
	],
	webServer: EXTERNAL
		? undefined
		: [
				{
					command: 'node --import tsx server/demo.ts',
					cwd: ROOT,
					url: `http://127.0.0.1:${PORT}/healthz`,
					reuseExistingServer: false,
					timeout: 120_000,
					stdout: 'ignore',
					stderr: 'pipe',
					env: {
						PORT: String(PORT),
						HOST: '127.0.0.1',
						DATABASE_URL: `file:${join(dbDir, 'demo.db')}`,
						ORIGIN: `http://127.0.0.1:${PORT}`,
						UPLOAD_DIR: join(dbDir, 'uploads'),
						// Small enough that the oversize-file test stays quick.
						UPLOAD_MAX_BYTES: String(2 * 1024 * 1024)
					}
				},
				{
					// `npm run dev` on its own seeded database: the dev-server spec edits it.
					command: `node --import tsx tests/e2e/dev/seed.ts && node node_modules/vite/bin/vite.js dev --port ${DEV_PORT} --strictPort --host 127.0.0.1`,
					cwd: ROOT,
					url: `http://127.0.0.1:${DEV_PORT}/healthz`,
					reuseExistingServer: false,
					timeout: 180_000,
					stdout: 'ignore',
					stderr: 'pipe',
					env: {
						DATABASE_URL: `file:${join(dbDir, 'dev.db')}`,
						UPLOAD_DIR: join(dbDir, 'dev-uploads')
					}
				}
			]
});
