import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { planAccess } from '$lib/server/services/plans';
import { roomAccess } from '$lib/shared/sync/access';
import * as m from '$lib/paraglide/messages';
import type { LayoutServerLoad } from './$types';

/**
 * Every page of a plan needs a signed-in member: signed out → the sign-in page (coming back here
 * afterwards), unknown plan → 404, not a member → 403. Pages learn the user's role and whether the
 * live plan document accepts their edits.
 *
 * A client navigating between a plan's pages asks only for the page's data (`__data.json` with
 * the layout marked as unchanged), which skips this load: so every page load under this layout
 * starts with `await parent()`, and tests/integration/plan-pages.test.ts checks each page.
 */
export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const access = await planAccess(await getDb(), locals.user.id, params.planId);
	if (!access.ok) {
		if (access.status === 404) error(404, m.common_plan_not_found());
		error(403, m.common_not_member());
	}
	const { plan, member } = access;
	return {
		plan,
		role: member.role,
		member,
		canWritePlan: roomAccess(member, { kind: 'plan', planId: plan.id }) === 'write'
	};
};
