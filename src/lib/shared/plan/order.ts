/**
 * Fractional index keys for the tasks' `order` field: strings that sort with plain `<` and always
 * leave room for another key between two neighbours, so a row moves by rewriting one field and two
 * people reordering at once never renumber each other's rows.
 *
 * The algorithm of David Greenspan's "Implementing Fractional Indexing" as in the
 * `fractional-indexing` package (CC0): a key is an integer part, whose first character encodes its
 * length (`a`–`z` for 2–27 characters going up, `Z`–`A` going down), followed by a fraction in
 * base 62 without trailing zeros. Keys stay short for appends and grow by about one character per
 * insertion at the same spot.
 */

export const BASE_62_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const ZERO = BASE_62_DIGITS[0];
const LAST = BASE_62_DIGITS[BASE_62_DIGITS.length - 1];
/** The smallest integer part; no key may consist of it alone (nothing could sort before it). */
const SMALLEST_INTEGER = 'A' + ZERO.repeat(26);

/** A key that is not a valid order key, or two keys given in the wrong order. */
export class OrderKeyError extends Error {
	override name = 'OrderKeyError';
}

/** A key strictly between fraction strings `a` and `b` (`null` = no upper bound). */
function midpoint(a: string, b: string | null): string {
	if (b !== null && a >= b) throw new OrderKeyError(`${a} >= ${b}`);
	if (a.slice(-1) === ZERO || (b && b.slice(-1) === ZERO)) throw new OrderKeyError('trailing zero');
	if (b) {
		// Skip the common prefix (a missing digit of `a` counts as zero).
		let n = 0;
		while ((a[n] || ZERO) === b[n]) n++;
		if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
	}
	const digitA = a ? BASE_62_DIGITS.indexOf(a[0]) : 0;
	const digitB = b !== null ? BASE_62_DIGITS.indexOf(b[0]) : BASE_62_DIGITS.length;
	if (digitB - digitA > 1) return BASE_62_DIGITS[Math.round(0.5 * (digitA + digitB))];
	// Consecutive digits: keep a's digit and find a midpoint after it.
	if (b && b.length > 1) return b.slice(0, 1);
	return BASE_62_DIGITS[digitA] + midpoint(a.slice(1), null);
}

function integerLength(head: string): number {
	if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 'a'.charCodeAt(0) + 2;
	if (head >= 'A' && head <= 'Z') return 'Z'.charCodeAt(0) - head.charCodeAt(0) + 2;
	throw new OrderKeyError(`invalid order key head: ${head}`);
}

function integerPart(key: string): string {
	const length = integerLength(key[0]);
	if (length > key.length) throw new OrderKeyError(`invalid order key: ${key}`);
	return key.slice(0, length);
}

function validate(key: string): void {
	if (key === SMALLEST_INTEGER) throw new OrderKeyError(`invalid order key: ${key}`);
	for (const ch of key) {
		if (!BASE_62_DIGITS.includes(ch)) throw new OrderKeyError(`invalid order key: ${key}`);
	}
	const i = integerPart(key);
	if (key.slice(i.length).slice(-1) === ZERO) throw new OrderKeyError(`invalid order key: ${key}`);
}

/** True when `key` is a well-formed order key (e.g. before trusting one a client wrote). */
export function isValidOrderKey(key: unknown): key is string {
	if (typeof key !== 'string' || key.length === 0) return false;
	try {
		validate(key);
		return true;
	} catch {
		return false;
	}
}

function incrementInteger(x: string): string | null {
	const [head, ...digits] = x.split('');
	let carry = true;
	for (let i = digits.length - 1; carry && i >= 0; i--) {
		const d = BASE_62_DIGITS.indexOf(digits[i]) + 1;
		if (d === BASE_62_DIGITS.length) digits[i] = ZERO;
		else {
			digits[i] = BASE_62_DIGITS[d];
			carry = false;
		}
	}
	if (!carry) return head + digits.join('');
	if (head === 'Z') return 'a' + ZERO;
	if (head === 'z') return null;
	const h = String.fromCharCode(head.charCodeAt(0) + 1);
	if (h > 'a') digits.push(ZERO);
	else digits.pop();
	return h + digits.join('');
}

function decrementInteger(x: string): string | null {
	const [head, ...digits] = x.split('');
	let borrow = true;
	for (let i = digits.length - 1; borrow && i >= 0; i--) {
		const d = BASE_62_DIGITS.indexOf(digits[i]) - 1;
		if (d === -1) digits[i] = LAST;
		else {
			digits[i] = BASE_62_DIGITS[d];
			borrow = false;
		}
	}
	if (!borrow) return head + digits.join('');
	if (head === 'a') return 'Z' + LAST;
	if (head === 'A') return null;
	const h = String.fromCharCode(head.charCodeAt(0) - 1);
	if (h < 'Z') digits.push(LAST);
	else digits.pop();
	return h + digits.join('');
}

/**
 * [O1] A key strictly between `a` and `b`; `null` means "no neighbour" on that side, so
 * `(null, null)` starts a list, `(last, null)` appends and `(null, first)` prepends.
 * Throws `OrderKeyError` for an invalid key or for `a >= b`.
 */
export function generateKeyBetween(a: string | null, b: string | null): string {
	if (a !== null) validate(a);
	if (b !== null) validate(b);
	if (a !== null && b !== null && a >= b) throw new OrderKeyError(`${a} >= ${b}`);
	if (a === null) {
		if (b === null) return 'a' + ZERO;
		const ib = integerPart(b);
		const fb = b.slice(ib.length);
		if (ib === SMALLEST_INTEGER) return ib + midpoint('', fb);
		if (ib < b) return ib;
		const res = decrementInteger(ib);
		if (res === null) throw new OrderKeyError('cannot decrement any more');
		return res;
	}
	if (b === null) {
		const ia = integerPart(a);
		const fa = a.slice(ia.length);
		const i = incrementInteger(ia);
		return i === null ? ia + midpoint(fa, null) : i;
	}
	const ia = integerPart(a);
	const fa = a.slice(ia.length);
	const ib = integerPart(b);
	const fb = b.slice(ib.length);
	if (ia === ib) return ia + midpoint(fa, fb);
	const i = incrementInteger(ia);
	if (i === null) throw new OrderKeyError('cannot increment any more');
	if (i < b) return i;
	return ia + midpoint(fa, null);
}

/**
 * [O2] `n` ascending keys strictly between `a` and `b`, spread evenly (by bisection) so a bulk
 * insert does not make the keys grow linearly.
 */
export function generateNKeysBetween(a: string | null, b: string | null, n: number): string[] {
	if (n <= 0) return [];
	if (n === 1) return [generateKeyBetween(a, b)];
	if (b === null) {
		let c = generateKeyBetween(a, b);
		const out = [c];
		for (let i = 0; i < n - 1; i++) out.push((c = generateKeyBetween(c, b)));
		return out;
	}
	if (a === null) {
		let c = generateKeyBetween(a, b);
		const out = [c];
		for (let i = 0; i < n - 1; i++) out.push((c = generateKeyBetween(a, c)));
		return out.reverse();
	}
	const mid = Math.floor(n / 2);
	const c = generateKeyBetween(a, b);
	return [...generateNKeysBetween(a, c, mid), c, ...generateNKeysBetween(c, b, n - mid - 1)];
}

/** Compares order keys the way they sort everywhere: plain code-unit order. */
export function compareOrderKeys(a: string, b: string): -1 | 0 | 1 {
	return a < b ? -1 : a > b ? 1 : 0;
}
