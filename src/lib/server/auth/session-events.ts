/**
 * In-process news about sessions and access: a session ended (sign-out, expiry), every session of
 * a user ended (password reset, account removal), or a user's memberships changed. The sync server
 * listens and closes or downgrades that user's sockets at once; other instances notice within
 * their re-validation interval.
 *
 * The SvelteKit handler is a separate Vite bundle from `server/` (run by tsx), so this module is
 * loaded twice in one process. The listener set therefore lives on `globalThis` under a
 * registered symbol: both copies share it.
 */

export type SessionEvent =
	/** One session is gone (sign-out, expiry); `sessionId` is the SHA-256 of its token. */
	| { kind: 'session-ended'; sessionId: string }
	/** Every session of the user is gone (password reset, account removal). */
	| { kind: 'user-sessions-ended'; userId: string }
	/** The user's role or school changed, or a membership was removed. */
	| { kind: 'access-changed'; userId: string };

export type SessionListener = (event: SessionEvent) => void;

const KEY = Symbol.for('quality-plan.session-events');

function listeners(): Set<SessionListener> {
	const g = globalThis as { [KEY]?: Set<SessionListener> };
	return (g[KEY] ??= new Set());
}

/** Subscribes to session events; returns the unsubscribe function. */
export function onSessionEvent(listener: SessionListener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}

/** Tells every listener in this process. A failing listener never breaks the caller's request. */
export function emitSessionEvent(event: SessionEvent): void {
	for (const listener of listeners()) {
		try {
			listener(event);
		} catch (err) {
			console.error(`session event listener failed: ${String(err)}`);
		}
	}
}
