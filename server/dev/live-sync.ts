/**
 * Live rooms for `npm run dev`: the same sync server as production, attached to Vite's own HTTP
 * server by the plugin in `./vite-plugin.ts`. Loaded through Vite's SSR module graph (the one
 * SvelteKit's routes run in), so the routes and the rooms share one database handle and one
 * server-side writer: an edit through the API reaches an open page, with hot reload.
 */
import type { Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { getDbHandle } from '../../src/lib/server/db/index';
import { SYNC_PATH } from '../../src/lib/shared/sync/protocol';
import { jsonLogger } from '../log';
import { limitsFromEnv } from '../sync/limits';
import { createSyncServer } from '../sync/server';

/** Serves `/sync/<room>` upgrades on `http`; other upgrades (Vite's HMR socket) are left alone. */
export async function attachLiveSync(http: HttpServer): Promise<() => Promise<void>> {
	// Inline, not on a worker thread: the dev server reloads modules, a thread would outlive them.
	const { db } = await getDbHandle();
	const sync = createSyncServer({ db, limits: limitsFromEnv(), log: jsonLogger() });
	const onUpgrade = (req: Parameters<typeof sync.handleUpgrade>[0], socket: Duplex, head: Buffer) => {
		const path = (req.url ?? '').split('?')[0];
		if (path.startsWith(`${SYNC_PATH}/`)) sync.handleUpgrade(req, socket, head);
	};
	http.on('upgrade', onUpgrade);
	return async () => {
		http.off('upgrade', onUpgrade);
		await sync.close();
	};
}
