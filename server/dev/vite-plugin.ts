/**
 * `npm run dev` with live rooms: attaches the sync server (`./live-sync.ts`) to Vite's dev
 * server. The module is loaded with `ssrLoadModule`, into the same module graph as SvelteKit's
 * routes, rather than imported here (the config's own graph would hold a second copy).
 */
import type { Plugin } from 'vite';

export function liveSyncInDev(): Plugin {
	return {
		name: 'quality-plan:live-sync',
		apply: 'serve',
		async configureServer(server) {
			const http = server.httpServer;
			if (!http || !('listen' in http)) return; // middleware mode: the host serves upgrades
			const mod = (await server.ssrLoadModule('/server/dev/live-sync.ts')) as typeof import('./live-sync');
			const detach = await mod.attachLiveSync(http as import('node:http').Server);
			http.once('close', () => void detach());
		}
	};
}
