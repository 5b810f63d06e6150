/**
 * One collection of a live document as runes: its records in the collection's order and the
 * fields of each that hold an invalid value ([K4]), re-read only for the records an update
 * touched ([U4]). Every `LiveRoom` holds one per collection of its kind.
 */
import type * as Y from 'yjs';
import type { Checked, Collection } from '../shared/sync/schema';

/** Records of one collection as runes, re-read only for the records an update touched. */
export class LiveRecords<T extends { id: string }> {
	#list = $state.raw<T[]>([]);
	#invalid = $state.raw<Map<string, string[]>>(new Map());
	#off: () => void;

	constructor(
		private readonly doc: Y.Doc,
		private readonly collection: Collection<T>
	) {
		const map = collection.map(doc);
		const refresh = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.#refresh(events);
		map.observeDeep(refresh);
		this.#off = () => map.unobserveDeep(refresh);
		this.#readAll();
	}

	get list(): T[] {
		return this.#list;
	}

	/** Record id → its fields whose stored value is invalid (to show and correct). */
	get invalid(): Map<string, string[]> {
		return this.#invalid;
	}

	#readAll(): void {
		const checked = this.collection.readAllChecked(this.doc);
		this.#list = checked.map((c) => c.record);
		this.#invalid = new Map(checked.filter((c) => c.invalid.length).map((c) => [c.record.id, c.invalid]));
	}

	#refresh(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		const root = this.collection.map(this.doc);
		const touched = new Set<string>();
		let structural = false;
		for (const e of events) {
			if (e.target === root) {
				// Records added, replaced or removed.
				structural = true;
				for (const key of e.changes.keys.keys()) touched.add(key);
			} else if (typeof e.path[0] === 'string') touched.add(e.path[0]);
		}
		// Only the touched records are read again; the others keep their identity, so a keyed list
		// re-renders only their rows, also when records arrive or leave (an import in 100 quick
		// transactions re-read and re-rendered every record 100 times).
		const invalid = new Map(this.#invalid);
		const compare = this.collection.def.compare;
		if (structural) {
			const kept = new Map(this.#list.map((r) => [r.id, r]));
			const out: Checked<T>[] = [];
			root.forEach((m, id) => {
				const had = touched.has(id) ? undefined : kept.get(id);
				const c = had ? { record: had, invalid: invalid.get(id) ?? [] } : this.collection.readChecked(id, m);
				if (c) out.push(c);
			});
			this.#list = this.collection.sortChecked(out).map((c) => c.record);
			this.#invalid = new Map(out.filter((c) => c.invalid.length).map((c) => [c.record.id, c.invalid]));
			return;
		}
		let resort = false;
		const next = this.#list.map((r) => {
			if (!touched.has(r.id)) return r;
			const c = this.collection.readChecked(r.id, root.get(r.id));
			if (!c) return r;
			if (c.invalid.length) invalid.set(r.id, c.invalid);
			else invalid.delete(r.id);
			if (compare && compare(r, c.record) !== 0) resort = true;
			return c.record;
		});
		this.#invalid = invalid;
		this.#list = resort ? this.collection.sortChecked(next.map((record) => ({ record, invalid: [] }))).map((c) => c.record) : next;
	}

	destroy(): void {
		this.#off();
	}
}
