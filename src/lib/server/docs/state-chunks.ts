/**
 * A document's state as a sequence of small updates, so that a big room can be built a slice per
 * turn of the event loop ([Y36]).
 *
 * Why: a cold room of a 5,000-task plan is one `Y.applyUpdate` of its stored state, 0.5–0.9 s on
 * the event loop with nothing else served (the stall bench). The decoding, the checks of stored
 * entries and the encoding run on a worker thread instead (`rebuildDoc` there, then these
 * chunks), and the event loop applies chunks of a few thousand structs each, yielding between.
 *
 * Chunks are cut in an order that integrates: a struct goes into a chunk only after the structs
 * it names (origin, right origin, parent item), so Yjs never parks a chunk as pending. Each chunk
 * is the update format Yjs writes itself (`writeStructs`: per client, a count, the client, the
 * first clock and the structs); the last one is the delete set.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Structs per chunk: a few milliseconds of `Y.applyUpdate` each. */
export const CHUNK_STRUCTS = 2000;

type Struct = Y.Item | Y.GC;

interface Range {
	client: number;
	from: number;
	to: number;
}

/** The ids a struct needs integrated before it can be. */
function dependencies(s: Struct): Y.ID[] {
	if (!(s instanceof Y.Item)) return [];
	const deps: Y.ID[] = [];
	if (s.origin) deps.push(s.origin);
	if (s.rightOrigin) deps.push(s.rightOrigin);
	const parent = s.parent as unknown;
	if (parent instanceof Y.ID) deps.push(parent);
	else if (parent && (parent as Y.AbstractType<unknown>)._item) deps.push((parent as Y.AbstractType<unknown>)._item!.id);
	return deps;
}

function encodeRanges(store: Map<number, Struct[]>, ranges: Range[]): Uint8Array {
	const encoder = new Y.UpdateEncoderV1();
	// Yjs writes clients in descending order; one range per client per chunk.
	const byClient = new Map<number, Range>();
	for (const r of ranges) {
		const prev = byClient.get(r.client);
		if (prev && prev.to === r.from) prev.to = r.to;
		else byClient.set(r.client, { ...r });
	}
	const sorted = [...byClient.values()].sort((a, b) => b.client - a.client);
	encoding.writeVarUint(encoder.restEncoder, sorted.length);
	for (const { client, from, to } of sorted) {
		const structs = store.get(client)!;
		encoding.writeVarUint(encoder.restEncoder, to - from);
		encoder.writeClient(client);
		encoding.writeVarUint(encoder.restEncoder, structs[from].id.clock);
		for (let i = from; i < to; i++) structs[i].write(encoder, 0);
	}
	encoding.writeVarUint(encoder.restEncoder, 0); // no deletions: the last chunk carries them
	return encoder.toUint8Array();
}

/**
 * `doc`'s state as chunks of at most `maxStructs` structs in an integrable order, then its delete
 * set. Applied in order to an empty document they give `doc`'s state.
 */
export function encodeStateChunks(doc: Y.Doc, maxStructs = CHUNK_STRUCTS): Uint8Array[] {
	const store = doc.store.clients as Map<number, Struct[]>;
	const clients = [...store.keys()];
	const next = new Map(clients.map((c) => [c, 0]));
	/** Per client, the clock up to which structs are in a chunk already (this one included). */
	const reached = new Map<number, number>();
	const ready = (id: Y.ID) => (reached.get(id.client) ?? 0) > id.clock;
	const chunks: Uint8Array[] = [];
	let ranges: Range[] = [];
	let inChunk = 0;
	const close = () => {
		if (inChunk > 0) chunks.push(encodeRanges(store, ranges));
		ranges = [];
		inChunk = 0;
	};
	let remaining = clients.reduce((n, c) => n + store.get(c)!.length, 0);
	while (remaining > 0) {
		let advanced = false;
		for (const client of clients) {
			const structs = store.get(client)!;
			let i = next.get(client)!;
			const from = i;
			while (i < structs.length && inChunk < maxStructs && dependencies(structs[i]).every(ready)) {
				const s = structs[i];
				reached.set(client, s.id.clock + s.length);
				i++;
				inChunk++;
			}
			if (i > from) {
				ranges.push({ client, from, to: i });
				next.set(client, i);
				remaining -= i - from;
				advanced = true;
			}
			if (inChunk >= maxStructs) close();
		}
		if (!advanced) {
			// Not a state Yjs produces (a struct naming one that never integrates): the rest goes
			// as it is, and the caller's check of the state vector finds out.
			for (const client of clients) {
				const i = next.get(client)!;
				const n = store.get(client)!.length;
				if (i < n) ranges.push({ client, from: i, to: n });
				inChunk += n - i;
				next.set(client, n);
			}
			remaining = 0;
		}
	}
	close();
	chunks.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)));
	return chunks;
}

/**
 * Applies `chunks` to `doc`, awaiting `pause()` between them (the event loop serves sockets), and
 * checks that the result has `stateVector` with nothing pending. Throws when it does not: the
 * caller then builds the room the whole way.
 */
export async function applyStateChunks(
	doc: Y.Doc,
	chunks: Uint8Array[],
	stateVector: Uint8Array,
	pause: () => Promise<void> = () => new Promise((r) => setImmediate(r))
): Promise<void> {
	for (const [i, chunk] of chunks.entries()) {
		if (i > 0) await pause();
		Y.applyUpdate(doc, chunk);
	}
	if (doc.store.pendingStructs || doc.store.pendingDs) throw new Error('state chunks left structs pending');
	if (Buffer.compare(Y.encodeStateVector(doc), stateVector) !== 0) throw new Error('state chunks gave another state vector');
}
