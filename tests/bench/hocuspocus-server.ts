/**
 * The Hocuspocus 4 peer of the benchmarks, run as its own process by `servers.ts`: a stock
 * `Server` with `@hocuspocus/extension-sqlite` on a file (Hocuspocus' default store debounce:
 * 2 s, at most 10 s), nothing else. Prints `running at <port>` once listening.
 * Environment: `PORT`, `HOCUSPOCUS_DB` (the SQLite file).
 */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const server = new Server({
	port: Number(process.env.PORT ?? 0),
	address: '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database: process.env.HOCUSPOCUS_DB ?? 'hocuspocus.sqlite' })]
});
await server.listen();
console.log(`running at ${server.address.port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		void server.destroy().finally(() => process.exit(0));
	});
}
