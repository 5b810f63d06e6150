/**
 * Projects live documents into relational rows (tasks, phases, milestones) so the JSON API,
 * exports and reports read SQL and never load a document. Each call rewrites the whole projection
 * of one document in one batch: simple, and a plan of 5,000 tasks is still one short batch.
 */
import { and, eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db } from '../db/index';
import { milestones, phases, tasks } from '../db/schema';
import { readMilestones, readPhases, readTasks } from '../../shared/plan/doc';

const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
	return out;
}

export async function projectPlanDoc(db: Db, planId: string, doc: Y.Doc): Promise<void> {
	const taskRows = readTasks(doc).map((t) => ({ planId, ...t }));
	const phaseRows = readPhases(doc).map((p) => ({ planId, ...p }));
	await db.batch([
		db.delete(tasks).where(eq(tasks.planId, planId)),
		db.delete(phases).where(eq(phases.planId, planId)),
		...chunks(taskRows).map((c) => db.insert(tasks).values(c)),
		...chunks(phaseRows).map((c) => db.insert(phases).values(c))
	]);
}

export async function projectSchoolDoc(
	db: Db,
	planId: string,
	schoolId: string,
	doc: Y.Doc
): Promise<void> {
	const rows = readMilestones(doc).map(({ doneOn, ...m }) => ({
		planId,
		schoolId,
		...m,
		doneOn: doneOn ?? null
	}));
	await db.batch([
		db.delete(milestones).where(and(eq(milestones.planId, planId), eq(milestones.schoolId, schoolId))),
		...chunks(rows).map((c) => db.insert(milestones).values(c))
	]);
}
