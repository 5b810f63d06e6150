import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** `/` opens the user's first plan; signed out, the sign-in page. */
export const load: PageServerLoad = async ({ parent }) => {
	const { user, plans } = await parent();
	if (!user) redirect(303, '/login');
	if (plans.length) redirect(303, `/plans/${encodeURIComponent(plans[0].id)}`);
	if (user.isAdmin) redirect(303, '/admin');
	return {};
};
