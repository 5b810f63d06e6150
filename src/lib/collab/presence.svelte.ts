/**
 * Who else has the document open, from the awareness protocol: each peer's name and colour and
 * the cell they are editing. The local user publishes the same fields.
 */
import type { Awareness } from 'y-protocols/awareness';
import {
	colorFor,
	HEX_COLOR,
	type EditingCell,
	type PresenceUser
} from '../shared/sync/presence';

export { colorFor, type EditingCell, type PresenceUser };

/** A Gantt bar being dragged, before the drop commits it: the dates it would get. */
export interface DraggingBar {
	id: string;
	start: string;
	due: string;
}

export interface Peer extends PresenceUser {
	clientId: number;
	editing: EditingCell | null;
	dragging: DraggingBar | null;
}

interface AwarenessState {
	user?: Partial<PresenceUser>;
	editing?: EditingCell | null;
	dragging?: DraggingBar | null;
}

function readPeer(clientId: number, state: AwarenessState): Peer | null {
	const u = state.user;
	if (!u || typeof u.id !== 'string' || typeof u.name !== 'string') return null;
	const e = state.editing;
	return {
		clientId,
		id: u.id,
		name: u.name,
		// Only a plain hex colour reaches a style: `url(…)` would make the browser fetch it.
		color: typeof u.color === 'string' && HEX_COLOR.test(u.color) ? u.color : colorFor(u.id),
		editing: e && typeof e.id === 'string' && typeof e.field === 'string' ? e : null,
		dragging: readDragging(state.dragging)
	};
}

/** A peer's drag preview, only when it is well formed (awareness is untrusted input). */
function readDragging(d: unknown): DraggingBar | null {
	if (!d || typeof d !== 'object') return null;
	const { id, start, due } = d as Record<string, unknown>;
	const day = /^\d{4}-\d{2}-\d{2}$/;
	if (typeof id !== 'string' || typeof start !== 'string' || typeof due !== 'string') return null;
	return day.test(start) && day.test(due) && id.length <= 64 ? { id, start, due } : null;
}

export class Presence {
	readonly self: PresenceUser;
	#awareness: Awareness | null = null;
	#peers = $state.raw<Peer[]>([]);
	#off: (() => void) | null = null;

	constructor(user: { id: string; name: string }) {
		this.self = { ...user, color: colorFor(user.id) };
	}

	/** Every other client (other tabs of the same user included), in join order. */
	get peers(): Peer[] {
		return this.#peers;
	}

	/** Other users, one entry per person however many tabs they have open. */
	get others(): Peer[] {
		const seen = new Set<string>([this.self.id]);
		return this.#peers.filter((p) => !seen.has(p.id) && seen.add(p.id));
	}

	/** `id:field` → the peer editing that cell (the first, when two edit the same one). */
	get editingCells(): Map<string, Peer> {
		const map = new Map<string, Peer>();
		for (const p of this.#peers) {
			if (p.editing) {
				const key = `${p.editing.id}:${p.editing.field}`;
				if (!map.has(key)) map.set(key, p);
			}
		}
		return map;
	}

	attach(awareness: Awareness): void {
		this.detach();
		this.#awareness = awareness;
		awareness.setLocalStateField('user', this.self);
		awareness.setLocalStateField('editing', null);
		const update = () => {
			const out: Peer[] = [];
			awareness.getStates().forEach((state, clientId) => {
				if (clientId === awareness.clientID) return;
				const peer = readPeer(clientId, state as AwarenessState);
				if (peer) out.push(peer);
			});
			this.#peers = out;
		};
		awareness.on('change', update);
		this.#off = () => awareness.off('change', update);
		update();
	}

	/** Tells the others which cell this user is in; `null` when they leave it. */
	setEditing(cell: EditingCell | null): void {
		this.#awareness?.setLocalStateField('editing', cell);
	}

	/** Shows the others a bar this user is dragging (its would-be dates); `null` on drop or cancel. */
	setDragging(bar: DraggingBar | null): void {
		this.#awareness?.setLocalStateField('dragging', bar);
	}

	detach(): void {
		this.#off?.();
		this.#off = null;
		this.#awareness = null;
		this.#peers = [];
	}
}
