/**
 * In-process news about sessions and access: a session ended (sign-out, expiry), every session of
 * a user ended (password reset, account removal), or a user's memberships changed. The sync server
 * listens and closes or downgrades that user's sockets at once; other instances notice within
 * their re-validation interval.
 *
 * The listeners live on a bus, part of the process's runtime (`../runtime.ts`): in production the
 * SvelteKit bundle adopts the Node entry's bus from the request, so what a route emits reaches
 * the sync server's listeners.
 */

export type SessionEvent =
	/** One session is gone (sign-out, expiry); `sessionId` is the SHA-256 of its token. */
	| { kind: 'session-ended'; sessionId: string }
	/** Every session of the user is gone (password reset, account removal). */
	| { kind: 'user-sessions-ended'; userId: string }
	/** The user's role or school changed, or a membership was removed. */
	| { kind: 'access-changed'; userId: string };

export type SessionListener = (event: SessionEvent) => void;

export interface SessionBus {
	on(listener: SessionListener): () => void;
	emit(event: SessionEvent): void;
}

/** A bus of listeners; a failing listener never breaks the caller's request. */
export function createSessionBus(): SessionBus {
	const listeners = new Set<SessionListener>();
	return {
		on(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		emit(event) {
			for (const listener of listeners) {
				try {
					listener(event);
				} catch (err) {
					console.error(`session event listener failed: ${String(err)}`);
				}
			}
		}
	};
}

let bus = createSessionBus();

/** This module graph's bus. */
export const sessionBus = (): SessionBus => bus;

/** Uses another graph's bus (the runtime adopted from the Node entry). */
export function useSessionBus(next: SessionBus): void {
	bus = next;
}

/** Subscribes to session events; returns the unsubscribe function. */
export function onSessionEvent(listener: SessionListener): () => void {
	return bus.on(listener);
}

/** Tells every listener in this process. */
export function emitSessionEvent(event: SessionEvent): void {
	bus.emit(event);
}
