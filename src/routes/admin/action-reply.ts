/**
 * The admin page's form actions answer with the name of their form (and the user row it was
 * for), so each outcome lands right: field errors beside their fields, everything else as the
 * page's one notice for that form ([C4]).
 */
import type { Notices } from '$lib/components/notices.svelte';

/** What an admin action answers (`+page.server.ts`). */
export interface Reply {
	form?: string;
	success?: string;
	userId?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
}

/** Forms whose refusals mark their fields (shown beside them, also without JavaScript). */
const FIELD_FORMS = new Set(['createUser', 'setMembership', 'createPlan']);

/** [C4] Shows a reply as the notice of its form: its success, a refusal no field shows, else none. */
export function reportReply(notices: Pick<Notices, 'success' | 'fail' | 'dismiss'>, reply: Reply): void {
	if (!reply.form) return;
	const key = `admin-${reply.form}${reply.userId ? `-${reply.userId}` : ''}`;
	if (reply.success) notices.success(key, reply.success);
	else if (reply.errors && !FIELD_FORMS.has(reply.form)) notices.fail(key, { status: 400, body: { errors: reply.errors } });
	else notices.dismiss(key);
}
