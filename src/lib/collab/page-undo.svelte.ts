/**
 * A page's undo history: the plan's `UndoStack` limited to the rooms the page edits, with
 * `canUndo`/`canRedo` as runes for the buttons. `PlanLive.undoFor` makes one; Ctrl+Z reaches the
 * one the page hands to `PlanLive.useUndo`.
 */
import type * as Y from 'yjs';
import type { UndoStack } from './undo-stack';

/** What the undo buttons and the keyboard need: a room's `LiveDoc` is one too. */
export interface Undoable {
	readonly canUndo: boolean;
	readonly canRedo: boolean;
	undo(): void;
	redo(): void;
}

export class PageUndo implements Undoable {
	readonly #stack: UndoStack;
	readonly #scope: readonly Y.UndoManager[];
	#canUndo = $state(false);
	#canRedo = $state(false);
	#off: () => void;

	constructor(stack: UndoStack, scope: readonly Y.UndoManager[]) {
		this.#stack = stack;
		this.#scope = scope;
		this.#off = stack.onChange(() => this.#refresh());
		this.#refresh();
	}

	get canUndo(): boolean {
		return this.#canUndo;
	}

	get canRedo(): boolean {
		return this.#canRedo;
	}

	undo(): void {
		this.#stack.undo(this.#scope);
	}

	redo(): void {
		this.#stack.redo(this.#scope);
	}

	destroy(): void {
		this.#off();
	}

	#refresh(): void {
		this.#canUndo = this.#stack.canUndo(this.#scope);
		this.#canRedo = this.#stack.canRedo(this.#scope);
	}
}
