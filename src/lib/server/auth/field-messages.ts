/**
 * Problem codes of the account and admin forms as translated messages. Routes only: it reads the
 * request's locale through Paraglide.
 */
import * as m from '../../paraglide/messages';

const MESSAGES: Record<string, () => string> = {
	required: () => m.auth_field_required(),
	username_format: () => m.auth_field_username_format(),
	too_long: () => m.auth_field_too_long(),
	too_short: () => m.auth_field_password_too_short(),
	password_mismatch: () => m.auth_field_password_mismatch(),
	taken: () => m.admin_error_username_taken(),
	not_found: () => m.admin_error_not_found(),
	invalid: () => m.admin_error_invalid(),
	wrong_plan: () => m.admin_error_school_wrong_plan(),
	date: () => m.admin_error_date(),
	before_start: () => m.admin_error_end_before_start(),
	self: () => m.admin_error_remove_self()
};

export function fieldMessages(errors: Partial<Record<string, string>>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [field, code] of Object.entries(errors)) {
		if (code) out[field] = (MESSAGES[code] ?? MESSAGES.invalid)();
	}
	return out;
}
