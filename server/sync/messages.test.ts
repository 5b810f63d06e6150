import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate, parseClientMessage } from './messages';

function updateOf(edit: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	edit(doc);
	return Y.encodeStateAsUpdate(doc);
}

describe('parseClientMessage', () => {
	it('reads sync step 1, updates, awareness and awareness queries', () => {
		const doc = new Y.Doc();
		expect(parseClientMessage(encodeSyncStep1(doc)).kind).toBe('sync-step1');
		let clientId = 0;
		const update = updateOf((d) => {
			clientId = d.clientID;
			d.getMap('tasks').set('a', 1);
			d.getMap('tasks').set('b', 2);
		});
		const parsed = parseClientMessage(encodeUpdate(update));
		// [Y19] the client ids and clocks its structs write under come with it
		expect(parsed).toEqual({ kind: 'update', update, writes: [{ client: clientId, clock: 0, end: 2 }] });
		expect(parseClientMessage(new Uint8Array([3])).kind).toBe('query-awareness');
		expect(parseClientMessage(new Uint8Array([1, 1, 0])).kind).toBe('awareness');
	});

	it('[Y9] reports an unknown message type, a truncated varint and garbage updates as malformed', () => {
		expect(parseClientMessage(new Uint8Array([9])).kind).toBe('malformed');
		expect(parseClientMessage(new Uint8Array([0x80])).kind).toBe('malformed');
		expect(parseClientMessage(new Uint8Array([])).kind).toBe('malformed');
		expect(parseClientMessage(new Uint8Array([0, 7, 0])).kind).toBe('malformed');
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 2, 3]));
		expect(parseClientMessage(encoding.toUint8Array(e)).kind).toBe('malformed');
		// Declared length beyond the frame.
		expect(parseClientMessage(new Uint8Array([0, 2, 50, 1, 2])).kind).toBe('malformed');
	});

	it('skips decoding updates for read-only peers but still frames them', () => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 2, 3]));
		expect(parseClientMessage(encoding.toUint8Array(e), false).kind).toBe('update');
	});
});
