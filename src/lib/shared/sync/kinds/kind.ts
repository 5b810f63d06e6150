/**
 * What every document kind declares (one module per kind, listed in `./index.ts`): its room name,
 * who writes and reads it, its collections with every field, how older shapes are upgraded, and
 * the rows of its SQL projection. The sync server, the audit, the projector and the browser's
 * live-document layer iterate over the registry rather than naming kinds.
 */
import type * as Y from 'yjs';
import type { PlanMember, RoomAccess } from '../access';
import type { Room } from '../room';
import type { Collection } from '../schema';

/** Projection tables, named as in the server's schema. */
export type ProjectionTable = 'tasks' | 'phases' | 'milestones' | 'pairings' | 'pairing_settings';

/** Other tables a projection's write rule may name (rows the document does not own). */
export type ReferenceTable = 'schools' | 'visits';

/**
 * How a projection's rows reach SQL. By default the document owns every row in its scope: rows
 * are replaced (or, for a live room, only the difference is written). `upsert` is for a table
 * other rows refer to (with a cascading delete): rows are inserted or updated in place, and one
 * gone from the document is deleted only when nothing refers to it any more.
 */
export interface UpsertRule {
	mode: 'upsert';
	/** A row whose `column` names no row of `table` in the document's scope is left out. */
	mustExist: { column: string; table: ReferenceTable }[];
	/** Columns that must name different things (a row where they are equal is left out). */
	distinct?: [string, string];
	/** A row gone from the document stays while a row of `table` refers to it through `column`. */
	keepReferencedBy?: { table: ReferenceTable; column: string };
}

export interface ProjectionRows {
	table: ProjectionTable;
	/** The rows this document owns in `table` (column → value), e.g. `{ planId }`. */
	scope: Record<string, string>;
	rows: Record<string, unknown>[];
	write?: UpsertRule;
	/**
	 * One row per record of a collection (`recordRows`): a live room then projects only the
	 * records its edits changed instead of reading the whole collection each time.
	 */
	from?: RecordSource;
}

/** Where a group's rows come from: each well-formed record of `collection`, through `row`. */
export interface RecordSource {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	collection: Collection<any>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	row: (record: any) => Record<string, unknown>;
}

/**
 * A group with one row per record of `collection`. `rows` (every row, in display order) is read
 * only when asked for; the projector of a live room reads changed records through `from`.
 */
export function recordRows<T extends { id: string }>(
	doc: Y.Doc,
	table: ProjectionTable,
	scope: Record<string, string>,
	collection: Collection<T>,
	row: (record: T) => Record<string, unknown>
): ProjectionRows {
	return {
		table,
		scope,
		from: { collection, row },
		get rows() {
			return collection.readAll(doc).map(row);
		}
	};
}

/**
 * Reads the rows of a projection table in a scope (column → value), ordered by primary key. The
 * server supplies it to `DocKind.initial`, so a kind module stays free of the database.
 */
export type ReadRows = (table: ProjectionTable, scope: Record<string, string>) => Promise<Record<string, unknown>[]>;

export interface DocKind<R extends Room = Room> {
	kind: R['kind'];
	/** The room from the parts of its name after `<kind>:`, or `null` when they do not fit. */
	parse(parts: string[]): R | null;
	name(room: R): string;
	access(member: PlanMember | null, room: R): RoomAccess;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	collections: readonly Collection<any>[];
	/**
	 * Brings a document written in an older shape to the current one, in place and in one
	 * transaction; returns whether it changed anything. Runs on the server when a room loads.
	 */
	upgrade?(doc: Y.Doc): boolean;
	/**
	 * What a room never written before starts with, for a kind whose data lived in SQL before it
	 * became a live document: a change filling the empty document, or `null` to start empty.
	 * Runs on the server when a room loads for the first time; stored as a change of the system.
	 */
	initial?(room: R, read: ReadRows): Promise<((doc: Y.Doc) => void) | null>;
	project(room: R, doc: Y.Doc): ProjectionRows[];
}

/** Plan members read every room of their plan; admins and leaders write them. */
export function leadersWrite(member: PlanMember | null): RoomAccess {
	if (!member) return 'none';
	return member.role === 'admin' || member.role === 'leader' ? 'write' : 'read';
}

export function defineKind<R extends Room>(kind: DocKind<R>): DocKind<R> {
	return kind;
}
