/**
 * The answers to sync step 1 that many clients share ([Y22]): the full state (a new joiner's empty
 * state vector) and "nothing new" (a client that has everything) are encoded once per document
 * version, so two hundred joiners of a large plan share one encoding instead of stalling the
 * event loop two hundred times.
 */
import * as Y from 'yjs';
import { encodeSyncStep2 } from '../sync/messages';

const sameBytes = (a: Uint8Array | null | undefined, b: Uint8Array | null | undefined) =>
	a === b || (!!a && !!b && Buffer.compare(a, b) === 0);

export class SyncFrames {
	/** Bumped after every transaction: the key of the cached frames. */
	#version = 0;
	#cached = -1;
	#full: Uint8Array | null = null;
	#stateVector: Uint8Array | null = null;
	#current: Uint8Array | null = null;

	constructor(private readonly doc: Y.Doc) {
		doc.on('afterTransaction', this.#bump);
	}

	/** Sync step 2 for a client's state vector. */
	step2(stateVector: Uint8Array): Uint8Array {
		if (this.#cached !== this.#version) {
			this.#cached = this.#version;
			this.#full = this.#stateVector = this.#current = null;
		}
		if (stateVector.byteLength === 1 && stateVector[0] === 0) {
			return (this.#full ??= encodeSyncStep2(this.doc, stateVector));
		}
		this.#stateVector ??= Y.encodeStateVector(this.doc);
		if (sameBytes(stateVector, this.#stateVector)) return (this.#current ??= encodeSyncStep2(this.doc, stateVector));
		return encodeSyncStep2(this.doc, stateVector);
	}

	destroy(): void {
		this.doc.off('afterTransaction', this.#bump);
	}

	#bump = () => {
		this.#version++;
	};
}
