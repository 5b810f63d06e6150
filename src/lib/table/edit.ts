/**
 * Turning what a cell's control holds (always a string) into a task field's value. Whether the
 * value is allowed is the shared edit rules' call (`$lib/shared/plan/rules`), not the table's.
 */
import type { Task } from '../shared/plan/types';

/** The task fields a cell edits; `deps` and `order` change through other tools. */
export type EditableField = Exclude<keyof Task, 'id' | 'deps' | 'order'>;

/** A cell's text as the field's value: progress as a number (or NaN, which the rules refuse). */
export function parseCell(field: EditableField, raw: string): unknown {
	if (field === 'progress') {
		const s = raw.trim();
		return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
	}
	return raw;
}
