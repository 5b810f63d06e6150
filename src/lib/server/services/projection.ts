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
import type * as Y from 'yjs';
import type { Db } from '../db/index';
import { milestones, pairingSettings, pairings, phases, schools, tasks, visits } from '../db/schema';
import { kindOf, type ProjectionRows } from '../../shared/sync/kinds/index';
import type { Room } from '../../shared/sync/protocol';

const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
	return out;
}

/** The drizzle table behind each projection table a kind names. */
export const PROJECTION_TABLES = { tasks, phases, milestones, pairings, pairing_settings: pairingSettings } as const;
const TABLES = PROJECTION_TABLES;

type Statement = BatchItem<'sqlite'>;

function scopeOf(group: ProjectionRows): SQL {
	const table = TABLES[group.table] as unknown as Record<string, Parameters<typeof eq>[0]>;
	return and(...Object.entries(group.scope).map(([col, v]) => eq(table[col], v)))!;
}

/**
 * What one room last wrote, per table and scope: each row serialized. A room keeps one and passes
 * it to every `projectDoc`; it is updated only when a batch is stored.
 */
export type ProjectionMemo = Map<string, Set<string>>;

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

/** Replace strategy: the document owns every row in its scope. */
function replaceRows(db: Db, group: ProjectionRows): Statement[] {
	const table = TABLES[group.table];
	return [
		db.delete(table).where(scopeOf(group)),
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		...chunks(group.rows).map((c) => db.insert(table).values(c as any))
	];
}

/**
 * Pairings are referenced by visits (logged through the API, cascading on delete), so they are
 * upserted rather than replaced, and a pairing gone from the document is dropped only when no
 * visit refers to it. A row naming a school outside the plan, or the same school twice, is left
 * out (the board flags it in the document); an id another plan already uses is never taken over.
 */
async function pairingRows(db: Db, group: ProjectionRows): Promise<Statement[]> {
	const planId = group.scope.planId;
	const known = new Set(
		(await db.select({ id: schools.id }).from(schools).where(eq(schools.planId, planId))).map((s) => s.id)
	);
	const rows = group.rows.filter(
		(r) => known.has(r.strongId as string) && known.has(r.weakId as string) && r.strongId !== r.weakId
	) as (typeof pairings.$inferInsert)[];
	const ids = rows.map((r) => r.id);
	const out: Statement[] = rows.map((r) =>
		db
			.insert(pairings)
			.values(r)
			.onConflictDoUpdate({
				target: pairings.id,
				set: {
					strongId: r.strongId,
					weakId: r.weakId,
					modes: r.modes,
					start: r.start,
					end: r.end,
					target: r.target,
					ended: r.ended
				},
				setWhere: sql`${pairings.planId} = ${planId}`
			})
	);
	out.push(
		db
			.delete(pairings)
			.where(
				and(
					eq(pairings.planId, planId),
					ids.length ? notInArray(pairings.id, ids) : undefined,
					notInArray(pairings.id, db.select({ id: visits.pairingId }).from(visits).where(eq(visits.planId, planId)))
				)
			)
	);
	return out;
}

/**
 * Writes the SQL projection of one live document: all of it, or with `memo` only what changed
 * since the call that last filled it.
 */
export async function projectDoc(db: Db, room: Room, doc: Y.Doc, memo?: ProjectionMemo): Promise<void> {
	const statements: Statement[] = [];
	const next: ProjectionMemo = new Map();
	for (const group of kindOf(room).project(room, doc)) {
		const memoKey = `${group.table}:${JSON.stringify(group.scope)}`;
		const table = TABLES[group.table];
		const serialized = group.rows.map((r) => canonical(table, r));
		const now = new Set(serialized);
		next.set(memoKey, now);
		let before = memo?.get(memoKey);
		if (memo && !before && group.table !== 'pairings') {
			// A room's first projection after a load: what SQL holds is the starting point, so a
			// plan whose rows are current (the usual case) costs a read, not a rewrite of every row.
			const rows = await db.select().from(table).where(scopeOf(group));
			before = new Set(rows.map((r) => canonical(table, r as Record<string, unknown>)));
		}
		const unchanged = before !== undefined && before.size === now.size && serialized.every((r) => before.has(r));
		if (unchanged) continue;
		if (group.table === 'pairings') statements.push(...(await pairingRows(db, group)));
		else statements.push(...(before ? diffRows(db, group, before, serialized, now) : replaceRows(db, group)));
	}
	if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
	if (memo) {
		memo.clear();
		for (const [k, v] of next) memo.set(k, v);
	}
}

export const projectPlanDoc = (db: Db, planId: string, doc: Y.Doc) => projectDoc(db, { kind: 'plan', planId }, doc);

export const projectSchoolDoc = (db: Db, planId: string, schoolId: string, doc: Y.Doc) =>
	projectDoc(db, { kind: 'school', planId, schoolId }, doc);
