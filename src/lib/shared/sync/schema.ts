/**
 * Shared types declared once. A document kind lists its collections (a root `Y.Map` of records,
 * each record a `Y.Map` of fields) with every field's type, default and validation; readers,
 * writers, the audit's entity names and the SQL projection all derive from those declarations.
 *
 * Readers never throw: a field a modified client wrote with the wrong type or out of range reads
 * as its default and is reported in `invalid`, so a page shows the record as needing correction
 * and the API, projections and exports keep working. Writers validate untrusted values and return
 * an error value instead of writing.
 */
import * as Y from 'yjs';
import { parseIsoDate } from '../plan/dates';

export type FieldSpec =
	| { type: 'string'; max: number; required?: boolean }
	| { type: 'enum'; values: readonly string[]; default: string }
	/** `YYYY-MM-DD`; `optional` dates may be absent (read as `undefined`). */
	| { type: 'date'; optional?: boolean }
	| { type: 'int'; min: number; max: number; default: number }
	| { type: 'number'; nullable?: boolean; default: number | null }
	/** A `Y.Array` of strings: ids (`of: 'id'`) or keys from a fixed set. */
	| { type: 'list'; of: 'id' | readonly string[] };

export type FieldError = 'type' | 'required' | 'too_long' | 'not_allowed' | 'date' | 'range';

export type FieldCheck = { ok: true; value: unknown } | { ok: false; error: FieldError };

export type Fields = Record<string, FieldSpec>;

/**
 * The specs that can declare a field whose plain value has type `V` (`optional`: the record type
 * marks it `?`). Collections type their `fields` with it, so a declaration that disagrees with its
 * record type (a number declared as text, a missing optional, a list as a date) does not compile:
 * the record types and the declarations cannot drift apart.
 */
export type SpecFor<V, Optional extends boolean> = Optional extends true
	? Extract<FieldSpec, { type: 'date' }> & { optional: true }
	: [V] extends [readonly string[]]
		? Extract<FieldSpec, { type: 'list' }>
		: [V] extends [string]
			? Extract<FieldSpec, { type: 'string' | 'enum' | 'date' }>
			: [V] extends [number]
				? Extract<FieldSpec, { type: 'int' | 'number' }>
				: [V] extends [number | null]
					? Extract<FieldSpec, { type: 'number' }> & { nullable: true }
					: never;

type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `id` can name a record (and a room part): short, URL- and SQL-safe. */
export function isRecordId(id: unknown): id is string {
	return typeof id === 'string' && ID.test(id);
}

/** The value a field reads as when absent or invalid. */
export function defaultOf(spec: FieldSpec): unknown {
	switch (spec.type) {
		case 'string':
			return '';
		case 'enum':
		case 'int':
		case 'number':
			return spec.default;
		case 'date':
			return spec.optional ? undefined : '';
		case 'list':
			return [];
	}
}

/** Validates a plain value for a field (untrusted input from a form, a paste or an API call). */
export function checkField(spec: FieldSpec, value: unknown): FieldCheck {
	switch (spec.type) {
		case 'string':
			if (typeof value !== 'string') return { ok: false, error: 'type' };
			if (spec.required && value.trim() === '') return { ok: false, error: 'required' };
			if (value.length > spec.max) return { ok: false, error: 'too_long' };
			return { ok: true, value };
		case 'enum':
			return spec.values.includes(value as string) ? { ok: true, value } : { ok: false, error: 'not_allowed' };
		case 'date':
			if (spec.optional && (value === undefined || value === null || value === '')) {
				return { ok: true, value: undefined };
			}
			return parseIsoDate(value).ok ? { ok: true, value } : { ok: false, error: 'date' };
		case 'int':
			if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, error: 'type' };
			return value < spec.min || value > spec.max ? { ok: false, error: 'range' } : { ok: true, value };
		case 'number':
			if (value === null && spec.nullable) return { ok: true, value };
			return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, error: 'type' };
		case 'list': {
			if (!Array.isArray(value)) return { ok: false, error: 'type' };
			const allowed = spec.of;
			const good = value.every((v) => (allowed === 'id' ? isRecordId(v) : allowed.includes(v)));
			if (!good) return { ok: false, error: 'not_allowed' };
			return { ok: true, value: [...new Set(value as string[])] };
		}
	}
}

/** Reads one stored field: its value, or the default and `valid: false`. */
export function readField(spec: FieldSpec, raw: unknown): { value: unknown; valid: boolean } {
	if (spec.type === 'list') {
		// An absent list is an empty one; anything else that is not a `Y.Array` is invalid.
		if (!(raw instanceof Y.Array)) return { value: [], valid: raw === undefined };
		const items = raw.toArray();
		const ok = checkField(spec, items);
		if (ok.ok) return { value: ok.value, valid: true };
		// Keep the entries that are fine: a bad dependency id must not hide the good ones.
		const check = (v: unknown) => (spec.of === 'id' ? isRecordId(v) : (spec.of as readonly unknown[]).includes(v));
		return { value: [...new Set(items.filter(check))], valid: false };
	}
	if (raw === undefined) {
		// An absent field reads as its default; only a required text or a date must be there.
		const needed = (spec.type === 'string' && spec.required) || (spec.type === 'date' && !spec.optional);
		return { value: defaultOf(spec), valid: !needed };
	}
	const checked = checkField(spec, raw);
	if (checked.ok) return { value: checked.value, valid: true };
	// A required string that is empty is shown as it is (an empty title), but still flagged.
	if (checked.error === 'required') return { value: raw, valid: false };
	return { value: defaultOf(spec), valid: false };
}

/** The stored form of a plain value: lists become a `Y.Array`, absent optionals are not set. */
function toStored(spec: FieldSpec, value: unknown): unknown {
	if (spec.type === 'list') return Y.Array.from(value as string[]);
	return value;
}

/**
 * One collection of a document kind: a root `Y.Map` named `key`, record id → `Y.Map` of `fields`.
 * `T` is the plain record type (with `id`); `ids`, when given, is the fixed set of allowed record
 * ids in their display order (phases).
 */
export interface CollectionDef<T extends { id: string }> {
	key: string;
	/** The audit's entity name for its records. */
	entity: string;
	fields: { [K in Exclude<keyof T, 'id'>]-?: FieldSpec };
	ids?: readonly string[];
	/** Display order of `readAll`; by id when absent. */
	compare?: (a: T, b: T) => number;
}

export interface Checked<T> {
	record: T;
	/** Fields whose stored value was missing, of the wrong type or out of range. */
	invalid: string[];
}

/**
 * Each field's name as a constant typed as its own literal (`tasks.field.due` is `'due'`), built
 * from the declaration's keys: code that names a field (a column list, an edit rule, an export
 * column) uses these, so a renamed or removed field fails to compile instead of silently matching
 * nothing ([K8]).
 */
export type FieldNames<T> = { readonly [K in Exclude<keyof T, 'id'> & string]-?: K };

export class Collection<T extends { id: string }> {
	readonly fieldNames: string[];
	readonly field: FieldNames<T>;

	constructor(readonly def: CollectionDef<T>) {
		this.fieldNames = Object.keys(def.fields);
		this.field = Object.freeze(Object.fromEntries(this.fieldNames.map((f) => [f, f]))) as FieldNames<T>;
	}

	get key(): string {
		return this.def.key;
	}

	get entity(): string {
		return this.def.entity;
	}

	spec(field: string): FieldSpec | undefined {
		return (this.def.fields as Record<string, FieldSpec>)[field];
	}

	map(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
		return doc.getMap(this.def.key);
	}

	/** Whether `id` may name a record of this collection. */
	acceptsId(id: string): boolean {
		return this.def.ids ? this.def.ids.includes(id) : isRecordId(id);
	}

	/** One record with its invalid fields; `null` when the entry is not a `Y.Map` or its id is bad. */
	readChecked(id: string, m: unknown): Checked<T> | null {
		if (!(m instanceof Y.Map) || !this.acceptsId(id)) return null;
		const record: Record<string, unknown> = { id };
		const invalid: string[] = [];
		for (const field of this.fieldNames) {
			const spec = this.spec(field)!;
			const { value, valid } = readField(spec, m.get(field));
			if (value !== undefined) record[field] = value;
			if (!valid) invalid.push(field);
		}
		return { record: record as T, invalid };
	}

	read(doc: Y.Doc, id: string): T | null {
		return this.readChecked(id, this.map(doc).get(id))?.record ?? null;
	}

	/** Every well-formed record with its invalid fields, in display order. */
	readAllChecked(doc: Y.Doc): Checked<T>[] {
		const out: Checked<T>[] = [];
		this.map(doc).forEach((m, id) => {
			const c = this.readChecked(id, m);
			if (c) out.push(c);
		});
		return this.sortChecked(out);
	}

	/** Sorts in place into the collection's order (its fixed ids, or `compare` then id) and returns it. */
	sortChecked(out: Checked<T>[]): Checked<T>[] {
		const { ids, compare } = this.def;
		if (ids) out.sort((a, b) => ids.indexOf(a.record.id) - ids.indexOf(b.record.id));
		else out.sort((a, b) => (compare ? compare(a.record, b.record) : 0) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
		return out;
	}

	readAll(doc: Y.Doc): T[] {
		return this.readAllChecked(doc).map((c) => c.record);
	}

	/**
	 * Validates every field of `record` (missing fields take their defaults) and returns the fields
	 * in error, or writes the record as a fresh `Y.Map` (replacing one with the same id).
	 */
	create(doc: Y.Doc, record: Partial<T> & { id: string }): { ok: true } | { ok: false; errors: Record<string, FieldError> } {
		if (!this.acceptsId(record.id)) return { ok: false, errors: { id: 'not_allowed' } };
		const errors: Record<string, FieldError> = {};
		const m = new Y.Map<unknown>();
		for (const field of this.fieldNames) {
			const spec = this.spec(field)!;
			const given = (record as Record<string, unknown>)[field];
			const checked = checkField(spec, given === undefined ? defaultOf(spec) : given);
			if (!checked.ok) {
				// A default that does not validate (an empty required title) is still written.
				if (given !== undefined) errors[field] = checked.error;
				else if (defaultOf(spec) !== undefined) m.set(field, toStored(spec, defaultOf(spec)));
				continue;
			}
			if (checked.value !== undefined) m.set(field, toStored(spec, checked.value));
		}
		if (Object.keys(errors).length) return { ok: false, errors };
		doc.transact(() => this.map(doc).set(record.id, m));
		return { ok: true };
	}

	/**
	 * Sets validated fields of an existing record, each on the record's own `Y.Map` so concurrent
	 * edits of other fields merge. Nothing is written when any field is invalid. A list is updated
	 * by deleting and inserting only the entries that changed.
	 */
	update(
		doc: Y.Doc,
		id: string,
		patch: Partial<Omit<T, 'id'>>
	): { ok: true; changed: boolean } | { ok: false; errors: Record<string, FieldError> } {
		const m = this.map(doc).get(id);
		if (!(m instanceof Y.Map)) return { ok: false, errors: { id: 'not_allowed' } };
		const errors: Record<string, FieldError> = {};
		const values: [string, FieldSpec, unknown][] = [];
		for (const [field, value] of Object.entries(patch)) {
			const spec = this.spec(field);
			if (!spec) {
				errors[field] = 'not_allowed';
				continue;
			}
			const checked = checkField(spec, value);
			if (checked.ok) values.push([field, spec, checked.value]);
			else errors[field] = checked.error;
		}
		if (Object.keys(errors).length) return { ok: false, errors };
		let changed = false;
		doc.transact(() => {
			for (const [field, spec, value] of values) {
				if (spec.type === 'list') changed = setList(m, field, value as string[]) || changed;
				else if (value === undefined) {
					if (m.has(field)) {
						m.delete(field);
						changed = true;
					}
				} else if (m.get(field) !== value) {
					m.set(field, value);
					changed = true;
				}
			}
		});
		return { ok: true, changed };
	}

	remove(doc: Y.Doc, id: string): boolean {
		const map = this.map(doc);
		if (!map.has(id)) return false;
		map.delete(id);
		return true;
	}
}

/** Makes the `Y.Array` at `field` hold `next`, touching only entries that differ. */
function setList(m: Y.Map<unknown>, field: string, next: string[]): boolean {
	const arr = m.get(field);
	if (!(arr instanceof Y.Array)) {
		m.set(field, Y.Array.from(next));
		return true;
	}
	const list = arr as Y.Array<unknown>;
	let changed = false;
	for (let i = list.length - 1; i >= 0; i--) {
		const v = list.get(i);
		if (typeof v !== 'string' || !next.includes(v) || list.toArray().indexOf(v) !== i) {
			list.delete(i, 1);
			changed = true;
		}
	}
	const have = new Set(list.toArray() as string[]);
	const added = next.filter((v) => !have.has(v));
	if (added.length) {
		list.push(added);
		changed = true;
	}
	return changed;
}

/** Every field of `T` but `id`, each declared with a spec that can hold its type. */
export type CheckedFields<T> = { [K in Exclude<keyof T, 'id'>]-?: SpecFor<T[K], IsOptional<T, K>> };

/** Declares a collection; its `fields` are checked against the record type `T` ([K1]). */
export function collection<T extends { id: string }>(def: CollectionDef<T> & { fields: CheckedFields<T> }): Collection<T> {
	return new Collection(def);
}
