import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listRegistry } from '$lib/server/services/schools';
import { roomAccess } from '$lib/shared/sync/access';
import * as m from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** One school's page (the coordinator's, phone first): any plan member reads it. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { member } = await parent(); // the layout's membership check must run even when the client skips it
	const school = (await listRegistry(await getDb(), params.planId)).find((s) => s.id === params.schoolId);
	if (!school) error(404, m.schools_not_found());
	const canWrite = roomAccess(member, { kind: 'school', planId: params.planId, schoolId: school.id }) === 'write';
	return { school, canWrite };
};
