/**
 * Which records of a room's collections changed since the projection last looked: read from each
 * transaction's `changed` types (a record added, replaced or removed under a collection, or a
 * field of it set, a list field included), so a projection of a 5,000-task plan after one edit
 * reads one record, not five thousand ([Y34]).
 */
import * as Y from 'yjs';

/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types AbstractType by its event type; any type of the doc is walked here. */

/** Collection key (the top-level map's name) → ids of the records changed. */
export type ChangedKeys = Map<string, Set<string>>;

/** Beyond this many changed records a projection reads everything anyway. */
const MAX_TRACKED = 20_000;

export class ChangedRecords {
	#changed: ChangedKeys = new Map();
	#count = 0;
	/** More changed than is worth tracking: the next projection reads every record. */
	#overflow = false;
	#names = new Map<Y.AbstractType<any>, string>();

	constructor(private readonly doc: Y.Doc) {
		doc.on('afterTransaction', this.#onTransaction);
	}

	/** What changed since the last call (`null`: too much to list, read everything), and resets. */
	take(): ChangedKeys | null {
		const out = this.#overflow ? null : this.#changed;
		this.#changed = new Map();
		this.#count = 0;
		this.#overflow = false;
		return out;
	}

	destroy(): void {
		this.doc.off('afterTransaction', this.#onTransaction);
	}

	#onTransaction = (tr: Y.Transaction) => {
		if (this.#overflow) return;
		for (const [type, keys] of tr.changed) {
			const parent = type.parent;
			if (parent === null) {
				// A collection itself: its keys are the record ids added, replaced or removed.
				for (const key of keys) if (key !== null) this.#add(type, key);
				continue;
			}
			// A record or something inside it: climb to the record, the child of a collection.
			let record: Y.AbstractType<any> = type;
			let up: Y.AbstractType<any> | null = parent;
			while (up.parent !== null) {
				record = up;
				up = up.parent;
			}
			const id = record._item?.parentSub;
			if (id) this.#add(up, id);
		}
	};

	#add(collection: Y.AbstractType<any>, id: string): void {
		const name = this.#nameOf(collection);
		if (name === undefined) return;
		let ids = this.#changed.get(name);
		if (!ids) this.#changed.set(name, (ids = new Set()));
		if (ids.has(id)) return;
		ids.add(id);
		if (++this.#count > MAX_TRACKED) this.#overflow = true;
	}

	#nameOf(type: Y.AbstractType<any>): string | undefined {
		let name = this.#names.get(type);
		if (name === undefined) {
			for (const [n, t] of this.doc.share) if (t === type) this.#names.set(t, (name = n));
		}
		return name;
	}
}
