/**
 * A room's presence (awareness): which connection introduced which awareness client id, what a
 * peer may change, and the broadcast of changes. Presence is rewritten to the presence schema
 * with the identity from the session (`./presence`), and changes are coalesced: every join, leave
 * and renewal within one short window (`PRESENCE_WINDOW_MS`) goes out as one frame to every peer
 * ([Y32]), so two hundred clients joining within a second cost a few dozen frames per peer, not
 * one per join per peer (a window of one event-loop turn still sent one frame per join when the
 * joins arrived a few milliseconds apart, as they do).
 *
 * y-websocket's provider echoes every state it sees change, so each broadcast comes back from
 * every peer; the entries of other users' ids are dropped before their state strings are decoded.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { encodeAwareness } from '../sync/messages';
import { cleanPresenceJson, MAX_CLIENT_IDS_PER_CONNECTION, presenceUser } from './presence';

/** What awareness needs of a connection. */
export interface AwarenessPeer {
	readonly userId: string;
	readonly displayName?: string;
	/** Awareness client ids this peer introduced, removed when it leaves. */
	readonly awarenessIds: Set<number>;
	send(frame: Uint8Array): void;
}

/** Outcome of an awareness update: anything but `ok` closes the connection. */
export type AwarenessResult = 'ok' | 'too-big' | 'malformed';

/** Presence is a name, a colour and a cursor: far below this. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

/**
 * How long presence changes gather before they are sent. Far below what a person notices of a
 * name appearing or a cursor moving; document updates are never delayed by it.
 */
export const PRESENCE_WINDOW_MS = 25;

export class RoomAwareness {
	readonly awareness: awarenessProtocol.Awareness;
	/**
	 * Awareness client id → the connected peers whose `awarenessIds` hold it: the lookup of every
	 * awareness entry, which y-websocket's echoes make one per client per change (a loop over all
	 * peers here cost 200 × 200 set lookups per presence renewal at 200 clients).
	 */
	readonly #holders = new Map<number, Set<AwarenessPeer>>();
	/** Client ids changed since the last broadcast, sent together at the end of this turn. */
	readonly #changed = new Set<number>();
	#flush: { cancel(): void } | null = null;
	/** `frame()` as of the last change (`undefined`: to encode again). */
	#frame: Uint8Array | null | undefined = undefined;

	/**
	 * @param windowMs how long changes gather before they are sent (0: until the end of this turn
	 * of the event loop)
	 */
	constructor(
		doc: Y.Doc,
		private readonly peers: ReadonlySet<AwarenessPeer>,
		private readonly windowMs = PRESENCE_WINDOW_MS
	) {
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server is not a participant: it has no presence of its own.
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onUpdate);
	}

	/**
	 * Every known state, for a peer that joins or asks (query-awareness); `null` when none. Encoded
	 * once per change of awareness: two hundred joiners within one turn share one encoding of the
	 * states, instead of each encoding all of them ([Y32]).
	 */
	frame(): Uint8Array | null {
		if (this.#frame !== undefined) return this.#frame;
		const ids = [...this.awareness.getStates().keys()];
		return (this.#frame = ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null);
	}

	/** A peer left: the states it introduced are removed (and that removal broadcast). */
	leave(peer: AwarenessPeer): void {
		const ids = [...peer.awarenessIds];
		for (const id of ids) this.#release(peer, id);
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
	}

	/**
	 * Applies a peer's awareness update (read-only peers too). Refused, unapplied: one above
	 * `MAX_AWARENESS_BYTES` and one that does not decode. Entries for a client id another user's
	 * connection introduced are dropped, and so are new ids beyond
	 * `MAX_CLIENT_IDS_PER_CONNECTION`; a client id of the same user's other connection (a reconnect
	 * the server has not noticed yet) moves to this connection. Every state kept is rewritten to
	 * the presence schema with the identity from the session.
	 */
	apply(peer: AwarenessPeer, update: Uint8Array): AwarenessResult {
		if (update.byteLength > MAX_AWARENESS_BYTES) return 'too-big';
		let entries: RawAwarenessEntry[];
		try {
			entries = decodeRawEntries(update);
		} catch {
			return 'malformed';
		}
		// y-websocket's provider re-sends every state it sees change, other users' included, so a
		// foreign id is normal traffic: such entries are dropped (the server's copy stands), never
		// applied, and the connection stays. Only this user's own ids and new ids are applied.
		const takeOver: [AwarenessPeer, number][] = [];
		const newIds = new Set<number>();
		const kept = entries.filter(({ id, raw }) => {
			if (peer.awarenessIds.has(id)) return true;
			let held = false;
			for (const other of this.#holders.get(id) ?? []) {
				if (other === peer) continue;
				if (other.userId !== peer.userId) return false;
				takeOver.push([other, id]);
				held = true;
			}
			if (held) return true;
			// An id nobody holds: removing it changes nothing; adding it is bounded per connection.
			if (isNullState(raw)) return false;
			if (!newIds.has(id) && peer.awarenessIds.size + newIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
			newIds.add(id);
			return true;
		});
		if (kept.length === 0) return 'ok';
		const user = presenceUser(peer.userId, peer.displayName ?? peer.userId);
		const cleaned: AwarenessEntry[] = [];
		for (const { id, clock, raw } of kept) {
			const state = cleanPresenceJson(utf8.decode(raw), user);
			if (state === 'malformed') return 'malformed';
			cleaned.push({ id, clock, state });
		}
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(cleaned), peer);
		} catch {
			return 'malformed';
		}
		for (const [other, id] of takeOver) {
			this.#release(other, id);
			if (this.awareness.getStates().has(id)) this.#hold(peer, id);
		}
		return 'ok';
	}

	/** Sends what changed this turn now (tests, and a room about to close). */
	flush(): void {
		this.#flush?.cancel();
		this.#flush = null;
		if (this.#changed.size === 0) return;
		const ids = [...this.#changed];
		this.#changed.clear();
		// Sent to the sender too: it is the only traffic a lone client receives, and y-websocket
		// reconnects after 30 s without any message. A removed id encodes as a `null` state.
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
		for (const p of this.peers) p.send(frame);
	}

	destroy(): void {
		this.#flush?.cancel();
		this.#flush = null;
		this.awareness.off('update', this.#onUpdate);
		this.awareness.destroy();
	}

	#onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
		if (origin && this.peers.has(origin as AwarenessPeer)) {
			// `apply` dropped entries of ids that belong to another user's connection.
			for (const id of added) this.#hold(origin as AwarenessPeer, id);
			for (const id of removed) this.#release(origin as AwarenessPeer, id);
		}
		this.#frame = undefined;
		for (const id of [...added, ...updated, ...removed]) this.#changed.add(id);
		if (this.#changed.size > 0 && !this.#flush) this.#flush = this.#schedule();
	};

	#schedule(): { cancel(): void } {
		if (this.windowMs <= 0) {
			const immediate = setImmediate(() => this.flush());
			return { cancel: () => clearImmediate(immediate) };
		}
		const timer = setTimeout(() => this.flush(), this.windowMs);
		return { cancel: () => clearTimeout(timer) };
	}

	/** `peer` introduced awareness client id `id` (its entries are its to change). */
	#hold(peer: AwarenessPeer, id: number): void {
		peer.awarenessIds.add(id);
		let set = this.#holders.get(id);
		if (!set) this.#holders.set(id, (set = new Set()));
		set.add(peer);
	}

	#release(peer: AwarenessPeer, id: number): void {
		peer.awarenessIds.delete(id);
		const set = this.#holders.get(id);
		set?.delete(peer);
		if (set?.size === 0) this.#holders.delete(id);
	}
}

/** One entry of an awareness update (its format: count, then id, clock and state JSON each). */
interface AwarenessEntry {
	id: number;
	clock: number;
	state: string;
}

/** An entry whose state is still its UTF-8 bytes (a view into the update, not a copy). */
interface RawAwarenessEntry {
	id: number;
	clock: number;
	raw: Uint8Array;
}

// Not fatal, as lib0's readVarString: a stray byte reads as U+FFFD, as it did before.
const utf8 = new TextDecoder();
const NULL_STATE = [0x6e, 0x75, 0x6c, 0x6c]; // "null"

function isNullState(raw: Uint8Array): boolean {
	return raw.length === 4 && raw.every((b, i) => b === NULL_STATE[i]);
}

/** The entries of an awareness update, their states left undecoded (most are echoes, dropped). */
function decodeRawEntries(update: Uint8Array): RawAwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const n = decoding.readVarUint(decoder);
	const entries: RawAwarenessEntry[] = [];
	for (let i = 0; i < n; i++) {
		const id = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const length = decoding.readVarUint(decoder);
		if (decoder.pos + length > update.length) throw new Error('truncated awareness entry');
		entries.push({ id, clock, raw: decoding.readUint8Array(decoder, length) });
	}
	return entries;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.id);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, e.state);
	}
	return encoding.toUint8Array(encoder);
}
