import type { PageServerLoad } from './$types';

/**
 * The approval page ([AP4]) reads its approval and requests from the API in the browser (and
 * re-reads them every few seconds); here only the membership check and who may act.
 */
export const load: PageServerLoad = async ({ parent }) => {
	const { canWritePlan } = await parent(); // the layout's membership check must run even when the client skips it
	return { steering: canWritePlan };
};
