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
 * The fields of a `Y.Map` that was just replaced. Its entries are already marked deleted (so
 * `toJSON` is empty), but their content is only garbage-collected after observers run; we read it
 * through Yjs internals and return `null` whenever that is not possible.
 */
function deletedMapFields(m: Y.Map<unknown>): Map<string, string> | null {
	const raw = (m as unknown as { _map?: Map<string, Y.Item> })._map;
	if (!(raw instanceof Map)) return null;
	const out = new Map<string, string>();
	for (const [key, item] of raw) {
		if (!(item instanceof Y.Item) || item.content instanceof Y.ContentDeleted) return null;
		const content = item.content.getContent();
		const value = content[content.length - 1];
		if (value instanceof Y.Array) {
			const items: unknown[] = [];
			for (let n = (value as unknown as { _start: Y.Item | null })._start; n; n = n.right as Y.Item | null) {
				if (n.content instanceof Y.ContentDeleted) continue;
				if (n.content instanceof Y.ContentAny || n.content instanceof Y.ContentString) {
					items.push(...n.content.getContent());
				} else return null;
			}
			out.set(key, stringify(items));
		} else if (value instanceof Y.AbstractType) {
			return null;
		} else {
			out.set(key, plain(value));
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
				if (change.action === 'add') {
					current.set(key, { entity, entityId: id, action: 'create', fields: ['*'] });
				} else if (change.action === 'delete') {
					current.set(key, { entity, entityId: id, action: 'delete', fields: ['*'] });
				} else {
					this.#merge(key, entity, id, replacedFields(change.oldValue, root.get(id)));
				}
			}
			return;
		}
		const path = event.path;
		const id = path[0];
		if (typeof id !== 'string') return;
		const fields =
			path.length === 1 ? [...event.changes.keys.keys()] : typeof path[1] === 'string' ? [path[1]] : ['*'];
		this.#merge(`${entity}:${id}`, entity, id, fields);
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

	#merge(key: string, entity: Entity, id: string, fields: string[]) {
		const current = this.#current!;
		const prior = current.get(key);
		if (prior && prior.action !== 'update') return; // a create or delete already says it all
		const merged = new Set([...(prior?.fields ?? []), ...fields]);
		if (merged.size === 0) return;
		current.set(key, { entity, entityId: id, action: 'update', fields: [...merged].sort() });
	}
}
