import { error, json } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { tasks } from '$lib/server/db/schema';
import { requirePlanMember } from '$lib/server/services/api-access';
import { taskHistory } from '$lib/server/services/task-history';
import type { RequestHandler } from './$types';

/**
 * `GET /api/plans/:planId/tasks/:taskId/history` → `{ entries: [{ at, user, action, field, from,
 * to }] }`, newest first, for any member of the plan (the same guard as every plan route). A task
 * neither in the plan nor in its audit is a 404; a deleted task keeps its history.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { plan } = await requirePlanMember(db, locals.user, params.planId);
	const entries = await taskHistory(db, plan.id, params.taskId);
	if (!entries.length) {
		const [row] = await db
			.select({ id: tasks.id })
			.from(tasks)
			.where(and(eq(tasks.planId, plan.id), eq(tasks.id, params.taskId)))
			.limit(1);
		if (!row) error(404, 'not_found');
	}
	return json({ entries }, { headers: { 'cache-control': 'no-store' } });
};
