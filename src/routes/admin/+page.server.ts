import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { LibsqlDocStorage } from '$lib/server/docs/libsql-storage';
import { parseNewUser, checkPassword } from '$lib/server/auth/user-input';
import { fieldMessages } from '$lib/server/auth/field-messages';
import {
	createPlan,
	createUser,
	listPlansWithSchools,
	listUsersWithMemberships,
	removeMembership,
	removeUser,
	resetPassword,
	setMembership,
	parseUnits,
	setUserUnits
} from '$lib/server/services/admin';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Signed out → sign-in page (and back); signed in without admin rights → 403. */
function requireAdmin({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (!locals.user.isAdmin) error(403, m.admin_forbidden());
	return locals.user;
}

const field = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = await getDb();
	const [users, plans, quarantine] = await Promise.all([
		listUsersWithMemberships(db),
		listPlansWithSchools(db),
		new LibsqlDocStorage(db).listQuarantine(50)
	]);
	return { me: me.id, users, plans, quarantine };
};

export const actions: Actions = {
	createUser: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const values = { username: field(form, 'username'), displayName: field(form, 'displayName') };
		const parsed = parseNewUser(form, { confirm: false });
		if (!parsed.ok) return fail(400, { form: 'createUser', values, errors: fieldMessages(parsed.errors) });
		const result = await createUser(await getDb(), { ...parsed.value, isAdmin: form.get('isAdmin') === 'on' });
		if (!result.ok) return fail(400, { form: 'createUser', values, errors: fieldMessages(result.errors) });
		return { form: 'createUser', success: m.admin_user_created({ username: parsed.value.username }) };
	},

	setUnits: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		const units = parseUnits(field(form, 'units'));
		if (!units) return fail(400, { form: 'setUnits', userId, errors: { units: m.admin_units_invalid() } });
		if (!(await setUserUnits(await getDb(), userId, units))) {
			return fail(400, { form: 'setUnits', userId, errors: { userId: m.admin_units_invalid() } });
		}
		return { form: 'setUnits', userId, success: m.admin_units_saved() };
	},

	resetPassword: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		const problem = checkPassword(field(form, 'password'), null);
		if (problem) {
			return fail(400, { form: 'resetPassword', userId, errors: fieldMessages({ password: problem }) });
		}
		const result = await resetPassword(await getDb(), userId, field(form, 'password'));
		if (!result.ok) return fail(400, { form: 'resetPassword', userId, errors: fieldMessages(result.errors) });
		return { form: 'resetPassword', userId, success: m.admin_password_reset_done() };
	},

	/** Removes an account (not one's own); its sessions, sockets and calendar feeds end with it. */
	removeUser: async (event) => {
		const me = requireAdmin(event);
		const form = await event.request.formData();
		const userId = field(form, 'userId');
		if (userId === me.id) return fail(400, { form: 'removeUser', userId, errors: fieldMessages({ userId: 'self' }) });
		const result = await removeUser(await getDb(), userId);
		if (!result.ok) return fail(400, { form: 'removeUser', userId, errors: fieldMessages(result.errors) });
		return { form: 'removeUser', success: m.admin_user_removed() };
	},

	setMembership: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const values = {
			planId: field(form, 'planId'),
			userId: field(form, 'userId'),
			role: field(form, 'role'),
			schoolId: field(form, 'schoolId')
		};
		const result = await setMembership(await getDb(), values);
		if (!result.ok) return fail(400, { form: 'setMembership', values, errors: fieldMessages(result.errors) });
		return { form: 'setMembership', success: m.admin_membership_saved() };
	},

	removeMembership: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		await removeMembership(await getDb(), field(form, 'planId'), field(form, 'userId'));
		return { form: 'removeMembership', success: m.admin_membership_removed() };
	},

	createPlan: async (event) => {
		requireAdmin(event);
		const form = await event.request.formData();
		const values = { title: field(form, 'title'), start: field(form, 'start'), end: field(form, 'end') };
		const result = await createPlan(await getDb(), values);
		if (!result.ok) return fail(400, { form: 'createPlan', values, errors: fieldMessages(result.errors) });
		return { form: 'createPlan', success: m.admin_plan_created({ title: values.title.trim() }) };
	}
};
