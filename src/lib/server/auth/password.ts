/** argon2id with the parameters the Lucia guide recommends (OWASP minimums). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** 8–256 characters; argon2 hashes any length, but a cap keeps a request from costing much more. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | null {
	if (password.length < 8) return 'too_short';
	if (password.length > 256) return 'too_long';
	return null;
}
