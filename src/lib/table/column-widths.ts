/**
 * The grid's column widths as a CSS grid template, by column: one place for the header, the rows
 * and the minimum width that keeps every column readable (the baseline's three sit after 完成时限
 * when one is compared).
 */
import type { GridColumn } from './edit';

const WIDTH: Record<GridColumn, string> = {
	no: '4.4rem',
	workstream: '6rem',
	title: 'minmax(9rem, 1fr)',
	unit: '6.5rem',
	lead: '5rem',
	start: '6.2rem',
	// the due date and the task's duration ([WD9])
	due: '9.4rem',
	baseStart: '6.2rem',
	baseDue: '6.2rem',
	slip: '4.8rem',
	phase: '5.5rem',
	status: '5.5rem',
	progress: '6rem',
	deps: '4.5rem',
	attention: '6.8rem'
};

/** `grid-template-columns` for these columns. */
export const columnTemplate = (columns: readonly GridColumn[]): string => columns.map((c) => WIDTH[c]).join(' ');

/** The grid's minimum width: 75.2rem for the twelve plain columns, 6rem more for each added one. */
export const minGridWidth = (columns: readonly GridColumn[]): string => `${75.2 + (columns.length - 12) * 6}rem`;
