/** Task ids, made the same way by the browser (new rows, pastes) and the server (imports). */
const ID_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A short random task id, e.g. `t-k3x9q2`. */
export function newTaskId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	return 't-' + Array.from(bytes, (b) => ID_DIGITS[b % 36]).join('');
}
