import { getDb } from '$lib/server/db';
import { listSchools } from '$lib/server/services/plans';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	return { schools: await listSchools(await getDb(), params.planId) };
};
