import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { applyMilestoneTemplates } from '$lib/server/services/milestone-templates';
import { roomAccess } from '$lib/shared/sync/access';
import { SCHOOL_TYPES, type SchoolType } from '$lib/shared/plan/types';
import { isRecordId } from '$lib/shared/sync/schema';
import type { RequestHandler } from './$types';

/**
 * Applies the plan's milestone templates ([M1]) to every pilot school, the pilot schools of one
 * type (`{ "schoolType" }`) or one school (`{ "schoolId" }`); leaders and admins only. Applying
 * again adds only what is new: `{ schools, created }`.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (roomAccess(member, { kind: 'plan', planId: params.planId }) !== 'write') error(403, 'forbidden');
	let body: Record<string, unknown> = {};
	const text = await request.text();
	if (text.trim()) {
		try {
			const parsed = JSON.parse(text);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
			body = parsed;
		} catch {
			return json({ error: 'invalid_body', fields: ['body'] }, { status: 400 });
		}
	}
	const fields: string[] = [];
	const schoolType = body.schoolType ?? null;
	const schoolId = body.schoolId ?? null;
	if (schoolType !== null && !SCHOOL_TYPES.includes(schoolType as SchoolType)) fields.push('schoolType');
	if (schoolId !== null && !isRecordId(schoolId)) fields.push('schoolId');
	if (fields.length) return json({ error: 'invalid_input', fields }, { status: 400 });
	const result = await applyMilestoneTemplates(db, params.planId, user.id, {
		schoolType: schoolType as SchoolType | null,
		schoolId: schoolId as string | null
	});
	return json(result);
};
