/**
 * The rooms' side of server-side writes (`applyToRoom`, `readLiveRoom` in
 * `src/lib/server/runtime.ts`): an API edit, an import or a template application takes the room,
 * loading it when nobody has it open, and goes through the room's own write path, the same one a
 * client's update takes; a read sees the live document only while the room is open here.
 */
import type { LiveWriter } from '../../src/lib/server/runtime';
import { roomName } from '../../src/lib/shared/sync/kinds/index';
import type { RoomRegistry } from './registry';

export function serverWrites(registry: RoomRegistry, closing: () => boolean): LiveWriter {
	return {
		async apply(room, userId, change) {
			if (closing()) throw new Error('server is shutting down');
			const name = roomName(room);
			const live = await registry.acquire(name, room);
			try {
				await live.applyLocal(userId, change);
			} finally {
				registry.release(name);
			}
		},
		async read(room, read) {
			if (closing()) return null;
			const live = await registry.loaded(roomName(room));
			return live ? read(live.doc) : null;
		},
		async reloadRules(room) {
			if (closing()) return;
			const live = await registry.loaded(roomName(room));
			await live?.reloadRules();
		}
	};
}
