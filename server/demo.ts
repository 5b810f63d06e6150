/**
 * `npm run demo`: builds the app when there is no build yet or a source is newer than it, migrates the demo database
 * (`DATABASE_URL`, default `file:data/demo.db`), seeds the demo workspace into it when it holds
 * no plan, starts the server and prints where to go and how to sign in.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, buildDemoWorkspace } from '../src/lib/server/demo/data';
import { seedDemo } from '../src/lib/server/demo/seed';
import { todayInShanghai } from '../src/lib/shared/plan/dates';
import { appDbHandle, closeOnSignals, displayUrl, startApp } from './app';
import { staleBuildReason } from './build-freshness';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.DATABASE_URL ||= 'file:data/demo.db';

function fail(message: string): never {
	console.error(`\n演示启动失败 / Demo failed to start: ${message}`);
	process.exit(1);
}

/** A stale build would run old code silently after a pull: build again when any input is newer. */
function buildIfStale() {
	const reason = staleBuildReason(root);
	if (!reason) return;
	console.log(`构建产物缺失或已过期，正在构建… / Building (${reason})…`);
	const vite = fileURLToPath(new URL('../node_modules/.bin/vite', import.meta.url));
	const run = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit' });
	if (run.error) fail(`could not run vite build (${run.error.message}); run npm install first`);
	if (run.status !== 0) fail(`vite build exited with ${run.status ?? run.signal}; see the output above`);
}

/** A browser cannot open 0.0.0.0 or ::, so show localhost for a wildcard address. */
function accountsTable(today: string): string {
	const ws = buildDemoWorkspace(today);
	const school = (id: string | null) => ws.schools.find((s) => s.id === id)?.name;
	const rows = ws.users.map((u) => {
		const where = school(u.schoolId);
		return [u.username, `${u.about.zh}${where ? `（${where}）` : ''} / ${u.about.en}`, DEMO_PASSWORD];
	});
	const header = ['用户名 username', '角色 role', '密码 password'];
	// CJK characters take two columns in a terminal.
	const width = (s: string) => [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
	const cols = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
	const line = (cells: string[]) =>
		cells.map((c, i) => c + ' '.repeat(cols[i] - width(c))).join('  ').trimEnd();
	return [line(header), cols.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

buildIfStale();

let seededToday: string;
try {
	const { db, url } = await appDbHandle();
	seededToday = todayInShanghai();
	const seeded = await seedDemo(db, seededToday);
	console.log(
		seeded
			? `已写入演示数据 / Demo workspace seeded into ${url}`
			: `数据库已有方案，未重复写入 / ${url} already has a plan; not seeding again`
	);
} catch (err) {
	fail(err instanceof Error ? err.message : String(err));
}

let app: Awaited<ReturnType<typeof startApp>>;
try {
	app = await startApp();
} catch (err) {
	fail(err instanceof Error ? err.message : String(err));
}

console.log(`
教育教学质量提升实施方案协同工作台 · 演示 / Quality-plan workspace demo
打开 / Open: ${displayUrl(app.url)}

演示账号 / Demo accounts:
${accountsTable(seededToday)}

按 Ctrl+C 停止 / Press Ctrl+C to stop.
`);

closeOnSignals(app);
