/**
 * Audit of live edits: which entity (a record of a document kind's collection) an update created, changed or
 * deleted, and which fields. It watches the room's shared maps with `observeDeep` while an update
 * is applied, so the rows describe what the update actually did to this document rather than what
 * the client claimed.
 */
import * as Y from 'yjs';
import { DOC_KINDS } from '../../src/lib/shared/sync/kinds/index';
import type { Room } from '../../src/lib/shared/sync/protocol';

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditChange {
	/** The collection's entity name (`task`, `milestone`…), from the document kind. */
	entity: string;
	entityId: string;
	action: AuditAction;
	/** Changed field names; `["*"]` for a create or delete. */
	fields: string[];
	/**
	 * Per field, its value before and after the update (JSON values, bounded by `boundValue`):
	 * for a create only `to`, for a delete only `from`. A field whose old value could not be read
	 * back has `from: null`. Absent when nothing could be said beyond the field names.
	 */
	values?: Record<string, FieldValues>;
}

export interface FieldValues {
	from: unknown;
	to: unknown;
}

/** Longest string kept in an audit value, and most list entries; more is cut with `…`. */
export const AUDIT_MAX_STRING = 200;
export const AUDIT_MAX_LIST = 50;

/**
 * A value as the audit keeps it: JSON-safe (BigInts as strings, Y types by their JSON), long
 * strings cut at `AUDIT_MAX_STRING` characters and lists at `AUDIT_MAX_LIST` entries, so a
 * pasted essay never bloats the audit table.
 */
export function boundValue(v: unknown, depth = 0): unknown {
	if (v instanceof Y.AbstractType) v = v.toJSON();
	if (v === undefined || v === null) return null;
	if (typeof v === 'string') return v.length > AUDIT_MAX_STRING ? `${v.slice(0, AUDIT_MAX_STRING)}…` : v;
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'number' || typeof v === 'boolean') return v;
	if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
	if (depth > 2) return '…';
	if (Array.isArray(v)) {
		const head = v.slice(0, AUDIT_MAX_LIST).map((x) => boundValue(x, depth + 1));
		return v.length > AUDIT_MAX_LIST ? [...head, '…'] : head;
	}
	if (typeof v === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, AUDIT_MAX_LIST)) out[k] = boundValue(x, depth + 1);
		return out;
	}
	return String(v);
}

/** The entries of a `Y.Array` before the event `e` changed it: its items walked, deletions of `e` included, insertions of `e` left out. */
function arrayBefore(e: Y.YEvent<Y.AbstractType<unknown>>): unknown[] | null {
	const target = e.target as unknown as { _start: Y.Item | null };
	const out: unknown[] = [];
	for (let n = target._start; n; n = n.right as Y.Item | null) {
		if (e.changes.added.has(n)) continue;
		if (n.deleted && !e.changes.deleted.has(n)) continue;
		if (n.content instanceof Y.ContentAny || n.content instanceof Y.ContentString) out.push(...n.content.getContent());
		else if (!(n.content instanceof Y.ContentDeleted)) return null;
	}
	return out;
}

type Entity = AuditChange['entity'];

/** The root maps an audit watches in a room of `kind`, with their entity names. */
const watched = (kind: Room['kind']): [string, Entity][] =>
	DOC_KINDS[kind].collections.map((c) => [c.key, c.entity]);

/** `JSON.stringify` that accepts the BigInts lib0 can encode (as `{"$bigint": "…"}`). */
function stringify(v: unknown): string {
	return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? { $bigint: x.toString() } : x)) ?? 'undefined';
}

/** A comparable form of a field value; Y types by their JSON. */
function plain(v: unknown): string {
	return stringify(v instanceof Y.AbstractType ? v.toJSON() : v);
}

/**
 * The fields of a `Y.Map` that was just deleted or replaced. Its entries are already marked
 * deleted (so `toJSON` is empty), but their content is only garbage-collected after observers
 * run; we read it through Yjs internals. A `Y.Array` field comes back as its plain entries.
 * `strict`: `null` whenever a field cannot be read back (the audit then says less); otherwise
 * such fields are left out (the approval guard restores what it can).
 */
export function readDeletedMap(m: unknown, strict: boolean): Map<string, unknown> | null {
	const raw = m instanceof Y.Map ? (m as unknown as { _map?: Map<string, Y.Item> })._map : undefined;
	if (!(raw instanceof Map)) return null;
	const out = new Map<string, unknown>();
	for (const [key, item] of raw) {
		if (!(item instanceof Y.Item) || item.content instanceof Y.ContentDeleted) {
			if (strict) return null;
			continue;
		}
		const content = item.content.getContent();
		const value = content[content.length - 1];
		if (value instanceof Y.Array) {
			const items: unknown[] = [];
			for (let n = (value as unknown as { _start: Y.Item | null })._start; n; n = n.right as Y.Item | null) {
				if (n.content instanceof Y.ContentDeleted) continue;
				if (n.content instanceof Y.ContentAny || n.content instanceof Y.ContentString) items.push(...n.content.getContent());
				else if (strict) return null;
			}
			out.set(key, items);
		} else if (value instanceof Y.AbstractType) {
			if (strict) return null;
		} else {
			out.set(key, value);
		}
	}
	return out;
}

/** The fields of a replaced map as comparable JSON (`readDeletedMap`, strict). */
function deletedMapFields(m: Y.Map<unknown>): Map<string, string> | null {
	const fields = readDeletedMap(m, true);
	return fields && new Map([...fields].map(([k, v]) => [k, stringify(v)]));
}

/** The fields of a replaced or deleted map as values (from `deletedMapFields`' JSON). */
function deletedValues(m: unknown): Map<string, unknown> | null {
	if (!(m instanceof Y.Map)) return null;
	const fields = deletedMapFields(m);
	if (!fields) return null;
	const out = new Map<string, unknown>();
	for (const [k, json] of fields) {
		try {
			out.set(k, json === 'undefined' ? null : JSON.parse(json));
		} catch {
			out.set(k, null);
		}
	}
	return out;
}

function replacedFields(oldValue: unknown, newValue: unknown): string[] {
	if (!(oldValue instanceof Y.Map) || !(newValue instanceof Y.Map)) return ['*'];
	const before = deletedMapFields(oldValue);
	if (!before) return ['*'];
	const fields = new Set<string>();
	for (const [key, value] of newValue.entries()) {
		if (before.get(key) !== plain(value)) fields.add(key);
	}
	for (const key of before.keys()) if (!newValue.has(key)) fields.add(key);
	return [...fields].sort();
}

/**
 * Records the audit of each update applied through `record`. Observers only collect while a
 * recording is active, so loading stored state produces no rows.
 */
export class AuditRecorder {
	#current: Map<string, AuditChange> | null = null;
	readonly #unobserve: (() => void)[] = [];

	constructor(doc: Y.Doc, kind: Room['kind']) {
		for (const [key, entity] of watched(kind)) {
			const root = doc.getMap(key);
			const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
				if (!this.#current) return;
				// An observer that throws would abort Yjs's transaction cleanup after the update is
				// already in the document: describing it must never fail, so an event we cannot
				// describe in detail is recorded as a change of every field.
				for (const e of events) {
					try {
						this.#collect(root, entity, e);
					} catch {
						this.#collectCoarse(root, entity, e);
					}
				}
			};
			root.observeDeep(handler);
			this.#unobserve.push(() => root.unobserveDeep(handler));
		}
	}

	/** Runs `apply` (which applies one update) and returns what it changed, one row per entity. */
	record(apply: () => void): AuditChange[] {
		const { changes, error } = this.recordAll(apply);
		if (error !== undefined) throw error;
		return changes;
	}

	/**
	 * Like `record`, but when `apply` throws also returns what it changed before that (Yjs can
	 * throw after part of an update is already in the document).
	 */
	recordAll(apply: () => void): { changes: AuditChange[]; error?: unknown } {
		const current = new Map<string, AuditChange>();
		this.#current = current;
		try {
			apply();
			return { changes: [...current.values()] };
		} catch (error) {
			return { changes: [...current.values()], error: error ?? new Error('update failed') };
		} finally {
			this.#current = null;
		}
	}

	destroy(): void {
		for (const off of this.#unobserve) off();
	}

	#collect(root: Y.Map<unknown>, entity: Entity, event: Y.YEvent<Y.AbstractType<unknown>>) {
		const current = this.#current!;
		if (event.target === root) {
			for (const [id, change] of event.changes.keys) {
				const key = `${entity}:${id}`;
				const now = root.get(id);
				if (change.action === 'add') {
					const values: Record<string, FieldValues> = {};
					if (now instanceof Y.Map) for (const [f, v] of now.entries()) values[f] = { from: null, to: boundValue(v) };
					current.set(key, { entity, entityId: id, action: 'create', fields: ['*'], values });
				} else if (change.action === 'delete') {
					const before = deletedValues(change.oldValue);
					const values: Record<string, FieldValues> = {};
					for (const [f, v] of before ?? []) values[f] = { from: boundValue(v), to: null };
					current.set(key, { entity, entityId: id, action: 'delete', fields: ['*'], values });
				} else {
					const fields = replacedFields(change.oldValue, now);
					const before = deletedValues(change.oldValue);
					const values: Record<string, FieldValues> = {};
					if (before && now instanceof Y.Map) {
						for (const f of fields) values[f] = { from: boundValue(before.get(f)), to: boundValue(now.get(f)) };
					}
					this.#merge(key, entity, id, fields, values);
				}
			}
			return;
		}
		const path = event.path;
		const id = path[0];
		if (typeof id !== 'string') return;
		const values: Record<string, FieldValues> = {};
		let fields: string[];
		if (path.length === 1) {
			fields = [...event.changes.keys.keys()];
			const target = event.target as Y.Map<unknown>;
			for (const [f, change] of event.changes.keys) {
				values[f] = {
					from: change.action === 'add' ? null : boundValue(change.oldValue instanceof Y.AbstractType ? null : change.oldValue),
					to: change.action === 'delete' ? null : boundValue(target.get(f))
				};
			}
		} else if (path.length === 2 && typeof path[1] === 'string') {
			fields = [path[1]];
			if (event.target instanceof Y.Array) {
				values[path[1]] = { from: boundValue(arrayBefore(event)), to: boundValue(event.target.toArray()) };
			}
		} else fields = ['*'];
		this.#merge(`${entity}:${id}`, entity, id, fields, values);
	}

	/** The fallback of `#collect`: which entities changed, every field counted as changed. */
	#collectCoarse(root: Y.Map<unknown>, entity: Entity, event: Y.YEvent<Y.AbstractType<unknown>>) {
		try {
			const ids = event.target === root ? [...event.changes.keys.keys()] : [event.path[0]];
			for (const id of ids) if (typeof id === 'string') this.#merge(`${entity}:${id}`, entity, id, ['*']);
		} catch {
			// Nothing more can be said about this event; the update itself is still stored.
		}
	}

	#merge(key: string, entity: Entity, id: string, fields: string[], values: Record<string, FieldValues> = {}) {
		const current = this.#current!;
		const prior = current.get(key);
		if (prior && prior.action === 'create') {
			// Fields set later in the same update are part of what was created.
			for (const [f, v] of Object.entries(values)) prior.values = { ...prior.values, [f]: { from: null, to: v.to } };
			return;
		}
		if (prior && prior.action !== 'update') return; // a delete already says it all
		const merged = new Set([...(prior?.fields ?? []), ...fields]);
		if (merged.size === 0) return;
		// Several events on one field in one update: the first `from`, the last `to`.
		const next: Record<string, FieldValues> = { ...prior?.values };
		for (const [f, v] of Object.entries(values)) next[f] = { from: next[f] ? next[f].from : v.from, to: v.to };
		const change: AuditChange = { entity, entityId: id, action: 'update', fields: [...merged].sort() };
		if (Object.keys(next).length) change.values = next;
		current.set(key, change);
	}
}
