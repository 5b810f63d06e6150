/**
 * Dragging a weak school from the side list onto a strong school's card pairs them ([B4]). The
 * drag's state (which weak school, over which card) lives in `state`: the page passes a
 * `$state` object so the cards redraw, tests a plain one. No DOM beyond the drag's data.
 */

export interface DragState {
	/** The weak school being dragged. */
	dragging: string | null;
	/** The strong school whose card it is over. */
	over: string | null;
}

/** The part of a drag event's `DataTransfer` the board uses. */
type DragData = Pick<DataTransfer, 'setData' | 'getData'> | null | undefined;

export class BoardDrag {
	constructor(
		private readonly state: DragState,
		/** Whether the user may pair now (a leader, with the room loaded). */
		private readonly editable: () => boolean
	) {}

	get dragging(): string | null {
		return this.state.dragging;
	}

	isOver(strong: string): boolean {
		return this.state.over === strong;
	}

	start(weak: string, data: DragData): void {
		data?.setData('text/plain', weak);
		this.state.dragging = weak;
	}

	end(): void {
		this.state.dragging = null;
		this.state.over = null;
	}

	/** A drag over `strong`'s card; true when the card takes the drop (the caller prevents the default). */
	enter(strong: string): boolean {
		if (!this.editable() || !this.state.dragging) return false;
		this.state.over = strong;
		return true;
	}

	leave(strong: string): void {
		if (this.state.over === strong) this.state.over = null;
	}

	/** The drop on `strong`'s card: the weak school to pair with it, or `null` when none may be. */
	drop(data: DragData): string | null {
		const weak = data?.getData('text/plain') || this.state.dragging;
		this.end();
		return weak && this.editable() ? weak : null;
	}
}
