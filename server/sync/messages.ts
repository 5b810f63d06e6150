/**
 * The y-websocket wire format, parsed defensively: every frame from a client becomes a typed value
 * or a `malformed` result, never an exception, so one bad peer cannot crash the server or reach a
 * document. Encoders build the frames the server sends.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { structWrites, type StructWrite } from '../rooms/client-ids';

/** Outer message types of y-websocket (2, auth, is server-to-client only and unused here). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
/** Inner types of a sync message (y-protocols/sync). */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

export type ClientMessage =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	/**
	 * A document update, from sync step 2 or a live update; already checked to decode. `writes`:
	 * the client ids and clocks its structs use (empty when the update was not decoded).
	 */
	| { kind: 'update'; update: Uint8Array; writes: StructWrite[] }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' }
	/** `reason` is internal (library text included): log it, never send it to the client. */
	| { kind: 'malformed'; reason: string };

const malformed = (reason: string): ClientMessage => ({ kind: 'malformed', reason });

/**
 * Parses one frame. `checkUpdate` false skips decoding the Yjs update (read-only connections drop
 * updates unseen, so the work would be wasted).
 */
export function parseClientMessage(frame: Uint8Array, checkUpdate = true): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.Sync: {
				const syncType = decoding.readVarUint(decoder);
				// Copy: ws may hand us a view into a pooled buffer, and updates outlive the frame.
				const payload = decoding.readVarUint8Array(decoder).slice();
				if (syncType === SyncType.Step1) {
					Y.decodeStateVector(payload);
					return { kind: 'sync-step1', stateVector: payload };
				}
				if (syncType === SyncType.Step2 || syncType === SyncType.Update) {
					const writes = checkUpdate ? structWrites(Y.decodeUpdate(payload)) : [];
					return { kind: 'update', update: payload, writes };
				}
				return malformed(`unknown sync message type ${syncType}`);
			}
			case MessageType.Awareness:
				return { kind: 'awareness', update: decoding.readVarUint8Array(decoder).slice() };
			case MessageType.QueryAwareness:
				return { kind: 'query-awareness' };
			default:
				return malformed(`unknown message type ${type}`);
		}
	} catch (err) {
		return malformed(err instanceof Error ? err.message : String(err));
	}
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Sync);
		encoding.writeVarUint(e, SyncType.Step1);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
	});
}

/** Sync step 2: what the client lacks, given its state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return syncStep2Frame(Y.encodeStateAsUpdate(doc, stateVector));
}

/** Sync step 2 carrying `update` as encoded already (a room's full state from its load). */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Sync);
		encoding.writeVarUint(e, SyncType.Step2);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Sync);
		encoding.writeVarUint(e, SyncType.Update);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Awareness);
		encoding.writeVarUint8Array(e, update);
	});
}
