/**
 * Validation of the account forms (first-run setup, admin "create user", password reset). Returns
 * problem codes per field; the routes turn them into translated messages.
 */
import { passwordProblem } from './password';
import { USERNAME_PATTERN } from './login';

export type UserFieldProblem =
	| 'required'
	| 'username_format'
	| 'too_long'
	| 'too_short'
	| 'password_mismatch';

export interface NewUserInput {
	username: string;
	displayName: string;
	password: string;
}

export type Parsed<T, F extends string> =
	| { ok: true; value: T }
	| { ok: false; errors: Partial<Record<F, UserFieldProblem>> };

const text = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** A password and, when the form has one, its confirmation (`password2`). */
export function checkPassword(
	password: string,
	confirmation: string | null
): UserFieldProblem | null {
	if (!password) return 'required';
	const problem = passwordProblem(password);
	if (problem) return problem;
	if (confirmation !== null && confirmation !== password) return 'password_mismatch';
	return null;
}

export function parseNewUser(
	form: FormData,
	opts: { confirm: boolean }
): Parsed<NewUserInput, 'username' | 'displayName' | 'password' | 'password2'> {
	const username = text(form, 'username').trim();
	const displayName = text(form, 'displayName').trim();
	const password = text(form, 'password');
	const errors: Partial<Record<'username' | 'displayName' | 'password' | 'password2', UserFieldProblem>> = {};
	if (!username) errors.username = 'required';
	else if (!USERNAME_PATTERN.test(username)) errors.username = 'username_format';
	if (!displayName) errors.displayName = 'required';
	else if (displayName.length > 64) errors.displayName = 'too_long';
	const pw = checkPassword(password, null);
	if (pw) errors.password = pw;
	else if (opts.confirm && text(form, 'password2') !== password) errors.password2 = 'password_mismatch';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { username, displayName, password } };
}
