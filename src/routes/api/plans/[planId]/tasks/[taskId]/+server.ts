import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { applyToRoom } from '$lib/server/runtime';
import { phasesCollection, readPhases, tasksCollection } from '$lib/shared/plan/doc';
import { checkTaskEdit, type EditCheck, type TaskPatch } from '$lib/shared/plan/rules';
import { roomAccess } from '$lib/shared/sync/access';
import type { Task } from '$lib/shared/plan/types';
import { readApprovedLimits } from '$lib/server/services/approvals';
import { needsRequest } from '$lib/shared/calendar/change-request';
import type { RequestHandler } from './$types';

const MAX_BODY = 16 * 1024;

/**
 * Edits one task of the live plan: the same rules as the table ([E1]–[E4]), written into the
 * plan room as the signed-in user (stored, audited and broadcast like a client's edit).
 * 400 `{ error, fields }` names the field that breaks a rule; 403 for members who only read;
 * 409 `change_request_required` for a due later than the approved one ([CR3]: the room would
 * correct it anyway, so the answer says so instead of showing a change that never takes effect).
 */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { plan, member, user } = await requirePlanMember(db, locals.user, params.planId);
	const room = { kind: 'plan', planId: plan.id } as const;
	if (roomAccess(member, room) !== 'write') error(403, 'forbidden');

	const text = await request.text();
	let patch: unknown;
	try {
		if (text.length > MAX_BODY) throw new Error('too big');
		patch = JSON.parse(text);
	} catch {
		return json({ error: 'invalid_body', fields: ['body'] }, { status: 400 });
	}
	if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
		return json({ error: 'invalid_body', fields: ['body'] }, { status: 400 });
	}

	if ('due' in patch) {
		const limit = (await readApprovedLimits(db, plan.id))?.get(params.taskId);
		if (needsRequest(limit, (patch as TaskPatch).due)) return json({ error: 'change_request_required', fields: ['due'] }, { status: 409 });
	}

	const outcome = await applyToRoom(room, user.id, (doc): { check: EditCheck; task: Task | null } | null => {
		const current = tasksCollection.read(doc, params.taskId);
		if (!current) return null;
		const check = checkTaskEdit(current, patch as TaskPatch, {
			plan,
			phases: phasesCollection.map(doc).size ? readPhases(doc) : [],
			tasks: tasksCollection.readAll(doc)
		});
		if (check.ok) tasksCollection.update(doc, params.taskId, check.patch);
		return { check, task: tasksCollection.read(doc, params.taskId) };
	});
	if (!outcome) error(404, 'not_found');
	const { check, task } = outcome;
	if (!check.ok) return json({ error: check.error, fields: [check.field] }, { status: 400 });
	return json({ ...task, offer: check.offer });
};
