/**
 * Projects live documents into relational rows so the JSON API, exports and reports read SQL and
 * never load a document. Which rows a document has comes from its kind's declaration
 * (`DocKind.project`); this module only knows how to write each table. Each call rewrites the
 * whole projection of one document in one batch: simple, and a plan of 5,000 tasks is still one
 * short batch.
 */
import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
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

const TABLES = { tasks, phases, milestones, pairings, pairing_settings: pairingSettings } as const;

type Statement = BatchItem<'sqlite'>;

function scopeOf(group: ProjectionRows): SQL {
	const table = TABLES[group.table] as unknown as Record<string, Parameters<typeof eq>[0]>;
	return and(...Object.entries(group.scope).map(([col, v]) => eq(table[col], v)))!;
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

/** Rewrites the SQL projection of one live document. */
export async function projectDoc(db: Db, room: Room, doc: Y.Doc): Promise<void> {
	const statements: Statement[] = [];
	for (const group of kindOf(room).project(room, doc)) {
		statements.push(...(group.table === 'pairings' ? await pairingRows(db, group) : replaceRows(db, group)));
	}
	if (statements.length) await db.batch(statements as [Statement, ...Statement[]]);
}

export const projectPlanDoc = (db: Db, planId: string, doc: Y.Doc) => projectDoc(db, { kind: 'plan', planId }, doc);

export const projectSchoolDoc = (db: Db, planId: string, schoolId: string, doc: Y.Doc) =>
	projectDoc(db, { kind: 'school', planId, schoolId }, doc);
