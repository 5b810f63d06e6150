import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listPairings } from '$lib/server/services/pairings';
import { withApiDates } from '$lib/server/services/plans';
import { PAIRING_FIELD } from '$lib/shared/sync/kinds/pairings';
import type { RequestHandler } from './$types';

/** The pairings projection with each pairing's health (contract v2 fields). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(withApiDates(await listPairings(db, params.planId), [PAIRING_FIELD.start, PAIRING_FIELD.end, PAIRING_FIELD.ended, 'lastConfirmedVisit']));
};
