/**
 * One undo history of this user's own edits across the rooms of a plan. Each room keeps its own
 * `Y.UndoManager` (which tracks only the room's local origin, so remote changes never enter it);
 * this orders their steps by when they were made and delegates to the room whose step is the
 * latest, so Ctrl+Z takes back the last own edit whichever room it was in ([U5]).
 *
 * Every step a manager adds (an edit, or the step an undo leaves for redo) gets the next number:
 * undo takes the undo step with the highest number, redo the redo step with the highest number.
 * A scope (the rooms a page edits) limits both to its managers, so a page never undoes an edit
 * made elsewhere that it does not show.
 */
import type * as Y from 'yjs';

type StackItem = Y.UndoManager['undoStack'][number];

interface StackEvent {
	stackItem: StackItem;
	type: 'undo' | 'redo';
}

export class UndoStack {
	readonly #managers = new Map<Y.UndoManager, () => void>();
	/** When each step was made (steps made before a manager was tracked count as oldest). */
	readonly #made = new WeakMap<StackItem, number>();
	readonly #listeners = new Set<() => void>();
	#clock = 0;

	/** Orders `manager`'s steps with the others'; returns a function that stops tracking it. */
	track(manager: Y.UndoManager): () => void {
		if (this.#managers.has(manager)) return () => this.untrack(manager);
		const added = (e: StackEvent) => {
			this.#made.set(e.stackItem, ++this.#clock);
			// A new edit (neither an undo nor a redo) ends every room's redo history, and the next
			// edit elsewhere must not merge into an older step of another room.
			if (e.type === 'undo' && !manager.redoing) {
				for (const other of this.#managers.keys()) {
					if (other === manager) continue;
					other.stopCapturing();
					other.clear(false, true);
				}
			}
			this.#changed();
		};
		const changed = () => this.#changed();
		manager.on('stack-item-added', added);
		for (const e of ['stack-item-popped', 'stack-item-updated', 'stack-cleared'] as const) manager.on(e, changed);
		this.#managers.set(manager, () => {
			manager.off('stack-item-added', added);
			for (const e of ['stack-item-popped', 'stack-item-updated', 'stack-cleared'] as const) manager.off(e, changed);
		});
		return () => this.untrack(manager);
	}

	untrack(manager: Y.UndoManager): void {
		this.#managers.get(manager)?.();
		if (this.#managers.delete(manager)) this.#changed();
	}

	canUndo(scope?: Iterable<Y.UndoManager>): boolean {
		return this.#latest('undoStack', scope) !== null;
	}

	canRedo(scope?: Iterable<Y.UndoManager>): boolean {
		return this.#latest('redoStack', scope) !== null;
	}

	/** Takes back the latest own step within `scope` (every tracked room when absent). */
	undo(scope?: Iterable<Y.UndoManager>): void {
		// A step whose change others have since removed does nothing: the manager drops it, and
		// the next latest one is tried.
		for (let m = this.#latest('undoStack', scope); m; m = this.#latest('undoStack', scope)) {
			if (m.undo()) return;
		}
	}

	/** Brings back the step undone last within `scope`. */
	redo(scope?: Iterable<Y.UndoManager>): void {
		for (let m = this.#latest('redoStack', scope); m; m = this.#latest('redoStack', scope)) {
			if (m.redo()) return;
		}
	}

	/** Calls `fn` whenever a tracked room's history changes; returns the unsubscribe. */
	onChange(fn: () => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	destroy(): void {
		for (const m of [...this.#managers.keys()]) this.untrack(m);
		this.#listeners.clear();
	}

	#latest(stack: 'undoStack' | 'redoStack', scope?: Iterable<Y.UndoManager>): Y.UndoManager | null {
		let best: Y.UndoManager | null = null;
		let bestMade = -1;
		for (const m of scope ?? this.#managers.keys()) {
			if (!this.#managers.has(m)) continue;
			const top = m[stack].at(-1);
			if (!top) continue;
			const made = this.#made.get(top) ?? 0;
			if (made > bestMade) {
				best = m;
				bestMade = made;
			}
		}
		return best;
	}

	#changed(): void {
		for (const fn of this.#listeners) fn();
	}
}
