/**
 * Yjs client ids belong to the user who first wrote under them ([Y19]). A struct's id is
 * (client, clock); two different structs under one id fork the history (peers keep one, a merge of
 * stored bytes another), so a user writing new structs under a client id another user owns is
 * refused before anything is applied. The map is learned from accepted updates, persisted with
 * them, and loaded with the room.
 */
import * as Y from 'yjs';

/** The clock range `[clock, end)` an update writes under one client id. */
export interface StructWrite {
	client: number;
	clock: number;
	end: number;
}

/**
 * The client ids an update writes structs under, with their clock ranges. `Skip` structs (gaps in
 * a merged update) write nothing and are left out; deletes reference others' structs by design and
 * are not writes.
 */
export function structWrites(decoded: { structs: Array<Y.Item | Y.GC | Y.Skip> }): StructWrite[] {
	const byClient = new Map<number, StructWrite>();
	for (const s of decoded.structs) {
		if (s instanceof Y.Skip) continue;
		const { client, clock } = s.id;
		const end = clock + s.length;
		const w = byClient.get(client);
		if (!w) byClient.set(client, { client, clock, end });
		else {
			w.clock = Math.min(w.clock, clock);
			w.end = Math.max(w.end, end);
		}
	}
	return [...byClient.values()];
}

export type OwnerCheck =
	| { ok: true; /** Client ids this update claims for the user (new to the room). */ claims: number[] }
	| { ok: false; clientId: number };

/** The room's client id → user map (`null`: the server's own document). */
export class ClientIdOwners {
	readonly #owners: Map<number, string | null>;

	constructor(initial: Iterable<[number, string | null]> = []) {
		this.#owners = new Map(initial);
	}

	owner(clientId: number): string | null | undefined {
		return this.#owners.get(clientId);
	}

	/**
	 * Whether `userId` may write `writes`. Only structs the document lacks count (`known(client)` is
	 * the document's clock for a client): re-sending structs the room already has, as a client with
	 * an offline cache does, is not a write and is ignored by Yjs anyway.
	 */
	check(userId: string, writes: StructWrite[], known: (client: number) => number): OwnerCheck {
		const claims: number[] = [];
		for (const w of writes) {
			if (w.end <= known(w.client)) continue;
			const owner = this.#owners.get(w.client);
			if (owner === undefined) claims.push(w.client);
			else if (owner !== userId) return { ok: false, clientId: w.client };
		}
		return { ok: true, claims };
	}

	/** Records an owner; an id already owned keeps its owner. Returns whether it was new. */
	claim(clientId: number, userId: string | null): boolean {
		if (this.#owners.has(clientId)) return false;
		this.#owners.set(clientId, userId);
		return true;
	}
}
