import { getDb } from '$lib/server/db';
import { listSchools } from '$lib/server/services/plans';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	return { schools: await listSchools(await getDb(), params.planId) };
};
