/**
 * The answers to sync step 1 that many clients share ([Y22]). A new joiner (empty state vector)
 * gets the full state as encoded once, followed by the updates the document took since, merged
 * into one update frame: encoding a 5,000-task plan's 1.7 MB state held the event loop for
 * 25–45 ms, and re-encoding it for the first joiner after every edit did so again and again. The
 * kept encoding is dropped once the updates since pass `MAX_SINCE_UPDATES` or
 * `MAX_SINCE_BYTES`, and the next joiner encodes afresh. "Nothing new" (a client that has
 * everything) is encoded once per document version.
 */
import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate, syncStep2Frame } from '../sync/messages';

export const MAX_SINCE_UPDATES = 1000;
export const MAX_SINCE_BYTES = 1024 * 1024;

const sameBytes = (a: Uint8Array | null | undefined, b: Uint8Array | null | undefined) =>
	a === b || (!!a && !!b && Buffer.compare(a, b) === 0);

const EMPTY_STATE_VECTOR = (sv: Uint8Array) => sv.byteLength === 1 && sv[0] === 0;

export class SyncFrames {
	/** Bumped after every transaction: the key of the "nothing new" frame. */
	#version = 0;
	#cached = -1;
	#stateVector: Uint8Array | null = null;
	#current: Uint8Array | null = null;
	/** The full state as encoded at some point, and the updates applied since (oldest first). */
	#full: Uint8Array | null = null;
	#since: Uint8Array[] = [];
	#sinceBytes = 0;
	/** `#since` merged into one update frame, for `#mergedCount` of them. */
	#merged: Uint8Array | null = null;
	#mergedCount = 0;

	/**
	 * @param fullState the document's whole state as encoded already (by the thread that rebuilt a
	 * big room, [Y36]): the first joiner's frame, without encoding it on the event loop
	 */
	constructor(
		private readonly doc: Y.Doc,
		fullState?: Uint8Array
	) {
		if (fullState) this.#full = syncStep2Frame(fullState);
		doc.on('afterTransaction', this.#bump);
		doc.on('update', this.#onUpdate);
	}

	/** Sync step 2 for a client's state vector: the frames to send, in order. */
	step2(stateVector: Uint8Array): Uint8Array[] {
		if (EMPTY_STATE_VECTOR(stateVector)) return this.#fullFrames(stateVector);
		if (this.#cached !== this.#version) {
			this.#cached = this.#version;
			this.#stateVector = this.#current = null;
		}
		this.#stateVector ??= Y.encodeStateVector(this.doc);
		if (sameBytes(stateVector, this.#stateVector)) return [(this.#current ??= encodeSyncStep2(this.doc, stateVector))];
		return [encodeSyncStep2(this.doc, stateVector)];
	}

	destroy(): void {
		this.doc.off('afterTransaction', this.#bump);
		this.doc.off('update', this.#onUpdate);
		this.#drop();
	}

	#fullFrames(emptyVector: Uint8Array): Uint8Array[] {
		if (!this.#full) {
			this.#full = encodeSyncStep2(this.doc, emptyVector);
			return [this.#full];
		}
		if (this.#since.length === 0) return [this.#full];
		if (this.#mergedCount !== this.#since.length) {
			this.#merged = encodeUpdate(this.#since.length === 1 ? this.#since[0] : Y.mergeUpdates(this.#since));
			this.#mergedCount = this.#since.length;
		}
		return [this.#full, this.#merged!];
	}

	#drop(): void {
		this.#full = this.#merged = null;
		this.#since = [];
		this.#sinceBytes = this.#mergedCount = 0;
	}

	#onUpdate = (update: Uint8Array) => {
		if (!this.#full) return;
		this.#since.push(update);
		this.#sinceBytes += update.byteLength;
		if (this.#since.length > MAX_SINCE_UPDATES || this.#sinceBytes > MAX_SINCE_BYTES) this.#drop();
	};

	#bump = () => {
		this.#version++;
	};
}
