/**
 * Projects live documents into relational rows so the JSON API, exports and reports read SQL and
 * never load a document. Which rows a document has comes from its kind's declaration
 * (`DocKind.project`); this module only knows how to write each table. Without a memo a call
 * rewrites the whole projection of one document in one batch. A live room passes a
 * `ProjectionMemo`: its first call compares with the rows SQL holds, later ones with what the last
 * call wrote, and only the difference is written (the room projects every second while people
 * edit: rewriting a 5,000-task plan each time kept the database thread, which every edit's store
 * waits for, busy for tens of milliseconds).
 */
import { and, eq, getTableColumns, notInArray, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BatchItem } from 'drizzle-orm/batch';
import type { InArgs } from '@libsql/client';
import type * as Y from 'yjs';
import type { Db } from '../db/index';
import { milestones, pairingSettings, pairings, phases, schools, tasks, visits } from '../db/schema';
import { kindOf, type ProjectionRows, type ReadRows, type UpsertRule } from '../../shared/sync/kinds/index';
import type { Room } from '../../shared/sync/protocol';

/**
 * Rows per INSERT. Building a statement's SQL (drizzle, on the event loop) costs ~6 ms per 100
 * task rows on a quiet core, and up to 40 ms when the core is shared (the stall bench's cold
 * load, pinned): `writeBatch` yields between statements, so a statement is what one turn holds.
 */
const CHUNK = 25;

function chunks<T>(rows: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
	return out;
}

/** The drizzle table behind each projection table a kind names. */
export const PROJECTION_TABLES = { tasks, phases, milestones, pairings, pairing_settings: pairingSettings } as const;
const TABLES = PROJECTION_TABLES;

type Statement = BatchItem<'sqlite'>;

/** The rows of one scope (a plan, a plan's school): every scope column equal to its value. */
function inScope(columns: Columns, scope: ProjectionRows['scope']): SQL {
	return and(...Object.entries(scope).map(([col, v]) => eq(columns[col], v)))!;
}

const scopeOf = (group: ProjectionRows): SQL => inScope(TABLES[group.table] as unknown as Columns, group.scope);

/**
 * What one room last wrote, per table and scope: each row serialized (by record id for a group
 * with one row per record, `ProjectionRows.from`). A room keeps one and passes it to every
 * `projectDoc`; it is updated only when a batch is stored.
 */
export type ProjectionMemo = Map<string, Set<string> | Map<string, string>>;

/** Collection key → ids of the records changed since the memo was filled (`ChangedRecords`). */
export type ChangedKeys = ReadonlyMap<string, ReadonlySet<string>>;

/** Records read between two turns of the event loop when a whole collection is read. */
const RECORDS_PER_TURN = 250;

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/** `items.map(fn)`, `RECORDS_PER_TURN` items per turn of the event loop (a plan's 5,000 rows). */
async function mapInTurns<T, U>(items: T[], fn: (item: T) => U): Promise<U[]> {
	const out: U[] = [];
	for (let i = 0; i < items.length; i++) {
		out.push(fn(items[i]));
		if ((i + 1) % RECORDS_PER_TURN === 0) await nextTurn();
	}
	return out;
}

/** The primary-key columns of a table, by property name (composite keys or one primary column). */
function keyOf(table: SQLiteTable): [string, SQLiteColumn][] {
	const config = getTableConfig(table);
	const keyColumns: SQLiteColumn[] = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
	return Object.entries(getTableColumns(table)).filter(([, c]) => keyColumns.includes(c as SQLiteColumn)) as [string, SQLiteColumn][];
}

/**
 * One row as a comparable string: the JSON array of its columns' values in the table's declared
 * order, a missing value as null. A row the document projects and the same row read back from SQL
 * give the same string, and `fromCanonical` turns it back into a row.
 */
function canonical(table: SQLiteTable, row: Record<string, unknown>): string {
	let out = '[';
	for (const prop of columnsOf(table)) out += (out.length > 1 ? ',' : '') + JSON.stringify(row[prop] ?? null);
	return out + ']';
}

function fromCanonical(table: SQLiteTable, s: string): Record<string, unknown> {
	const values = JSON.parse(s) as unknown[];
	return Object.fromEntries(columnsOf(table).map((prop, i) => [prop, values[i]]));
}

const columnProps = new Map<SQLiteTable, string[]>();
const columnsOf = (table: SQLiteTable): string[] => {
	let props = columnProps.get(table);
	if (!props) columnProps.set(table, (props = Object.keys(getTableColumns(table))));
	return props;
};

/**
 * Difference strategy: rows gone or changed since `before` are deleted by primary key (in the
 * document's scope), then rows new or changed are inserted.
 */
function diffRows(db: Db, group: ProjectionRows, before: Set<string>, serialized: string[], now: Set<string>): Statement[] {
	const table = TABLES[group.table];
	const key = keyOf(table);
	const gone = [...before].filter((s) => !now.has(s)).map((s) => fromCanonical(table, s));
	const added = group.rows.filter((_, i) => !before.has(serialized[i]));
	return [
		...gone.map((row) => db.delete(table).where(and(scopeOf(group), ...key.map(([prop, col]) => eq(col, row[prop])))!)),
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		...chunks(added).map((c) => db.insert(table).values(c as any))
	];
}

/**
 * `db.batch(statements)` (one transaction, every statement or none), with the SQL of each built
 * in turn and the event loop free between them: drizzle's batch builds them all at once.
 */
async function writeBatch(db: Db, statements: Statement[]): Promise<void> {
	const built: { sql: string; args: InArgs }[] = [];
	let since = performance.now();
	for (const st of statements) {
		const q = (st as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
		built.push({ sql: q.sql, args: q.params as InArgs });
		if (performance.now() - since > 4) {
			await nextTurn();
			since = performance.now();
		}
	}
	await db.$client.batch(built, 'write');
}

/** Deletes rows `gone` (serialized) by primary key in the group's scope, then inserts `added`. */
async function changeRows(db: Db, group: ProjectionRows, gone: string[], added: string[]): Promise<Statement[]> {
	const table = TABLES[group.table];
	const key = keyOf(table);
	const deletes = await mapInTurns(gone, (s) => {
		const row = fromCanonical(table, s);
		return db.delete(table).where(and(scopeOf(group), ...key.map(([prop, col]) => eq(col, row[prop])))!);
	});
	const rows = await mapInTurns(added, (s) => fromCanonical(table, s));
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return [...deletes, ...chunks(rows).map((c) => db.insert(table).values(c as any))];
}

/**
 * A group with one row per record (`from`): with a memo by record id and the ids changed since,
 * only those records are read ([Y34]); otherwise every record is, a few hundred per turn of the
 * event loop so a large plan never holds it for long. Rows are compared serialized, as in
 * `diffRows`, against the memo, SQL's rows (a room's first projection) or nothing (replace).
 */
async function projectRecords(
	db: Db,
	doc: Y.Doc,
	group: ProjectionRows,
	prior: Set<string> | Map<string, string> | undefined,
	firstOfRoom: boolean,
	changed: ReadonlySet<string> | undefined
): Promise<{ statements: Statement[]; next: Map<string, string> }> {
	const table = TABLES[group.table];
	const { collection, row } = group.from!;
	const map = collection.map(doc);
	const serializedOf = (id: string) => {
		const c = collection.readChecked(id, map.get(id));
		return c ? canonical(table, row(c.record)) : undefined;
	};
	if (prior instanceof Map && changed) {
		const next = new Map(prior);
		const gone: string[] = [];
		const added: string[] = [];
		for (const id of changed) {
			const was = prior.get(id);
			const now = serializedOf(id);
			if (was === now) continue;
			if (was !== undefined) gone.push(was);
			if (now !== undefined) {
				added.push(now);
				next.set(id, now);
			} else next.delete(id);
		}
		return { statements: gone.length || added.length ? await changeRows(db, group, gone, added) : [], next };
	}
	const next = new Map<string, string>();
	const ids = [...map.keys()];
	const serialized = await mapInTurns(ids, serializedOf);
	ids.forEach((id, i) => {
		if (serialized[i] !== undefined) next.set(id, serialized[i]);
	});
	let before: Set<string> | undefined = prior instanceof Map ? new Set(prior.values()) : prior;
	if (!before && firstOfRoom) {
		const rows = await db.select().from(table).where(scopeOf(group));
		before = new Set(await mapInTurns(rows, (r) => canonical(table, r as Record<string, unknown>)));
	}
	if (!before) return { statements: [db.delete(table).where(scopeOf(group)), ...(await changeRows(db, group, [], [...next.values()]))], next };
	const now = new Set(next.values());
	const gone = [...before].filter((s) => !now.has(s));
	const added = [...now].filter((s) => !before.has(s));
	return { statements: gone.length || added.length ? await changeRows(db, group, gone, added) : [], next };
}

/** Replace strategy: the document owns every row in its scope. */
function replaceRows(db: Db, group: ProjectionRows): Statement[] {
	const table = TABLES[group.table];
	return [
		db.delete(table).where(scopeOf(group)),
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		...chunks(group.rows).map((c) => db.insert(table).values(c as any))
	];
}

/** The tables a projection's upsert rule may refer to. */
const REFERENCE_TABLES = { schools, visits } as const;

type Columns = Record<string, Parameters<typeof eq>[0]>;

/**
 * Upsert strategy (`UpsertRule`): for a table other rows refer to with a cascading delete. Rows
 * are inserted or updated in place (never taking over a row another scope owns), rows naming
 * what does not exist in the scope are left out, and a row gone from the document is deleted only
 * when nothing refers to it.
 */
async function upsertRows(db: Db, group: ProjectionRows, rule: UpsertRule): Promise<Statement[]> {
	const table = TABLES[group.table];
	const columns = table as unknown as Columns;
	const [[keyProp, keyColumn], ...more] = keyOf(table);
	if (more.length) throw new Error(`upsert needs a one-column key (${group.table})`);
	const existing = new Map<string, Set<unknown>>();
	for (const { table: ref } of rule.mustExist) {
		if (existing.has(ref)) continue;
		const refTable = REFERENCE_TABLES[ref];
		const ids = await db.select({ id: refTable.id }).from(refTable).where(inScope(refTable as unknown as Columns, group.scope));
		existing.set(ref, new Set(ids.map((r) => r.id)));
	}
	const rows = group.rows.filter(
		(r) =>
			rule.mustExist.every(({ column, table: ref }) => existing.get(ref)!.has(r[column])) &&
			(!rule.distinct || r[rule.distinct[0]] !== r[rule.distinct[1]])
	);
	const scopeSql = and(...Object.entries(group.scope).map(([col, v]) => sql`${columns[col]} = ${v}`))!;
	const out: Statement[] = rows.map((r) => {
		const set = Object.fromEntries(Object.entries(r).filter(([k]) => k !== keyProp && !(k in group.scope)));
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		return db.insert(table).values(r as any).onConflictDoUpdate({ target: keyColumn, set, setWhere: scopeSql });
	});
	const ids = rows.map((r) => r[keyProp] as string);
	const keep = rule.keepReferencedBy;
	const referrer = keep ? (REFERENCE_TABLES[keep.table] as unknown as Columns) : null;
	out.push(
		db.delete(table).where(
			and(
				inScope(columns, group.scope),
				ids.length ? notInArray(keyColumn, ids) : undefined,
				keep && referrer
					? notInArray(
							keyColumn,
							db.select({ id: referrer[keep.column] as SQLiteColumn }).from(REFERENCE_TABLES[keep.table]).where(inScope(referrer, group.scope))
						)
					: undefined
			)
		)
	);
	return out;
}

/** `ReadRows` over this database: a kind's initial state reads what SQL held before it was live. */
export function readProjectionRows(db: Db): ReadRows {
	return async (name, scope) => {
		const table = TABLES[name];
		const columns = table as unknown as Columns;
		return (await db.select().from(table).where(inScope(columns, scope)).orderBy(...keyOf(table).map(([, c]) => c))) as Record<string, unknown>[];
	};
}

/**
 * Writes the SQL projection of one live document: all of it, or with `memo` only what changed
 * since the call that last filled it; with `changed` too (the records changed since then), a
 * group of one row per record reads only those records.
 */
export async function projectDoc(db: Db, room: Room, doc: Y.Doc, memo?: ProjectionMemo, changed?: ChangedKeys | null): Promise<void> {
	const statements: Statement[] = [];
	const next: ProjectionMemo = new Map();
	for (const group of kindOf(room).project(room, doc)) {
		const memoKey = `${group.table}:${JSON.stringify(group.scope)}`;
		if (group.from && !group.write) {
			const ids = changed ? (changed.get(group.from.collection.key) ?? new Set<string>()) : undefined;
			const r = await projectRecords(db, doc, group, memo?.get(memoKey), !!memo && !memo.has(memoKey), ids);
			statements.push(...r.statements);
			next.set(memoKey, r.next);
			continue;
		}
		const table = TABLES[group.table];
		const serialized = group.rows.map((r) => canonical(table, r));
		const now = new Set(serialized);
		next.set(memoKey, now);
		const remembered = memo?.get(memoKey);
		let before = remembered instanceof Map ? new Set(remembered.values()) : remembered;
		if (memo && !before && !group.write) {
			// A room's first projection after a load: what SQL holds is the starting point, so a
			// plan whose rows are current (the usual case) costs a read, not a rewrite of every row.
			const rows = await db.select().from(table).where(scopeOf(group));
			before = new Set(await mapInTurns(rows, (r) => canonical(table, r as Record<string, unknown>)));
		}
		const unchanged = before !== undefined && before.size === now.size && serialized.every((r) => before.has(r));
		if (unchanged) continue;
		if (group.write) statements.push(...(await upsertRows(db, group, group.write)));
		else statements.push(...(before ? diffRows(db, group, before, serialized, now) : replaceRows(db, group)));
	}
	if (statements.length) await writeBatch(db, statements);
	if (memo) {
		memo.clear();
		for (const [k, v] of next) memo.set(k, v);
	}
}

export const projectPlanDoc = (db: Db, planId: string, doc: Y.Doc) => projectDoc(db, { kind: 'plan', planId }, doc);

export const projectSchoolDoc = (db: Db, planId: string, schoolId: string, doc: Y.Doc) =>
	projectDoc(db, { kind: 'school', planId, schoolId }, doc);
