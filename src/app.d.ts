import type { SessionUser, SessionRecord } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: SessionRecord | null;
			/** The process's database, session bus and room writer (`$lib/server/runtime`). */
			runtime: import('$lib/server/runtime').Runtime;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
