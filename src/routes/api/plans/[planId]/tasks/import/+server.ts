import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { applyToRoom } from '$lib/server/runtime';
import { readSheet } from '$lib/server/services/tasks-import';
import { phasesCollection, readPhases, tasksCollection } from '$lib/shared/plan/doc';
import { generateNKeysBetween } from '$lib/shared/plan/order';
import { newTaskId } from '$lib/shared/plan/task-id';
import { roomAccess } from '$lib/shared/sync/access';
import { detectLayout, parseRows, planImport, type PlannedRow } from '$lib/shared/plan/import-map';
import type { Task } from '$lib/shared/plan/types';
import { TASK_FIELD } from '$lib/shared/sync/kinds/plan';
import type { RequestHandler } from './$types';

const MAX_BYTES = 10 * 1024 * 1024;
const bad = (error: string, status = 400) => json({ error, fields: ['file'] }, { status });

/**
 * `POST /api/plans/:planId/tasks/import` (multipart, field `file`: .xlsx or .csv) → the column
 * mapping and a row-by-row report `{ columns, rows: [{ line, action, title, problems }], counts }`;
 * nothing is written. The same request with `?confirm=1` checks the rows again against the live
 * plan and writes the valid ones into the plan room as the user, in one change (stored, audited,
 * broadcast): rows matching a task (by title, else 序号) update it, the others are appended.
 * 403 for members who only read; 400 `{ error, fields: ["file"] }` names what is wrong.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const db = await getDb();
	const { plan, member, user } = await requirePlanMember(db, locals.user, params.planId);
	const room = { kind: 'plan', planId: plan.id } as const;
	if (roomAccess(member, room) !== 'write') error(403, 'forbidden');

	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return bad('invalid_body');
	}
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return bad('no_file');
	if (file.size > MAX_BYTES) return bad('too_large', 413);
	const sheet = await readSheet(new Uint8Array(await file.arrayBuffer()));
	if (!sheet.ok) return bad(sheet.error);
	const layout = detectLayout(sheet.matrix);
	if (!layout || !layout.columns.some((c) => c.field === TASK_FIELD.title)) return bad('no_header');
	const confirm = url.searchParams.get('confirm') === '1';

	const planned = await applyToRoom(room, user.id, (doc): PlannedRow[] => {
		const phases = phasesCollection.map(doc).size ? readPhases(doc) : [];
		const tasks = tasksCollection.readAll(doc);
		const rows = parseRows(sheet.matrix, layout, plan, phases);
		const result = planImport(rows, tasks, { plan, phases, tasks });
		if (confirm) write(doc, result, tasks);
		return result;
	});
	const counts = { create: 0, update: 0, skip: 0 };
	for (const r of planned) counts[r.action]++;
	return json({
		columns: layout.columns,
		rows: planned.map((r) => ({ line: r.line, action: r.action, title: r.fields.title ?? '', taskId: r.taskId, problems: r.problems })),
		counts,
		applied: confirm
	});
};

function write(doc: Parameters<typeof tasksCollection.readAll>[0], rows: PlannedRow[], tasks: Task[]): void {
	const creates = rows.filter((r) => r.action === 'create');
	const last = tasks.at(-1)?.order || null;
	let orders: string[];
	try {
		orders = generateNKeysBetween(last, null, creates.length);
	} catch {
		orders = generateNKeysBetween(null, null, creates.length).map((k) => `${last ?? ''}${k}`);
	}
	doc.transact(() => {
		for (const r of rows) if (r.action === 'update' && r.taskId) tasksCollection.update(doc, r.taskId, r.patch);
		creates.forEach((r, i) => {
			tasksCollection.create(doc, { deps: [], status: 'todo', progress: 0, workstream: '', unit: '', lead: '', ...r.patch, id: newTaskId(), order: orders[i] });
		});
	});
}
