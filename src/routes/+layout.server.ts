import { getDb } from '$lib/server/db';
import { listPlansForUser } from '$lib/server/services/plans';
import type { LayoutServerLoad } from './$types';

/** The signed-in user and their plans, for the shell's header; nothing when signed out. */
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user ?? null;
	if (!user) return { user: null, plans: [] };
	const plans = await listPlansForUser(await getDb(), user);
	return {
		user: { id: user.id, username: user.username, displayName: user.displayName, isAdmin: user.isAdmin },
		plans: plans.map((p) => ({ id: p.id, title: p.title }))
	};
};
