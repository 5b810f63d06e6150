/**
 * How each attention state ([A1]) looks in the Gantt: colours from the Okabe–Ito palette (told
 * apart with the common colour-vision deficiencies) and, so colour is never the only cue, a
 * fill pattern and a mark per state. Shared by the live chart, the exports and the legend.
 */
import type { AttentionState } from '../shared/plan/attention';

export interface StateStyle {
	/** Bar colour (the progress fill); the rest of the bar is a light tint of it. */
	color: string;
	tint: string;
	/** SVG pattern id for the unfinished part, or `null` for a plain tint. */
	pattern: 'hatch' | 'cross' | 'dots' | null;
	/** A short mark drawn after the bar's end. */
	mark: string;
}

export const STATE_STYLES: Record<AttentionState, StateStyle> = {
	on_track: { color: '#0072B2', tint: '#cfe3f1', pattern: null, mark: '' },
	due_soon: { color: '#56B4E9', tint: '#dbeffa', pattern: null, mark: '◷' },
	behind: { color: '#E69F00', tint: '#fbe9c2', pattern: 'hatch', mark: '▼' },
	overdue: { color: '#D55E00', tint: '#f6d5c0', pattern: 'cross', mark: '!' },
	blocked: { color: '#6d5a8a', tint: '#e4dced', pattern: 'dots', mark: '⏸' },
	done: { color: '#009E73', tint: '#c8ebdf', pattern: null, mark: '✓' }
};

/** Band colours of the four phases (light, so bars stay readable over them). */
export const PHASE_COLORS = { launch: '#eef4fb', pilot: '#f3f0fa', rollout: '#eef8f3', evaluation: '#fdf5ea' } as const;
export const PHASE_INK = { launch: '#1f5f99', pilot: '#5b4a8a', rollout: '#1d6b4b', evaluation: '#8a5a12' } as const;

/** The `<defs>` every Gantt SVG needs: the state patterns and the arrow head. */
export function svgDefs(prefix = 'g'): string {
	const pat = (id: string, body: string) =>
		`<pattern id="${prefix}-${id}" width="6" height="6" patternUnits="userSpaceOnUse">${body}</pattern>`;
	return (
		pat('hatch', `<rect width="6" height="6" fill="${STATE_STYLES.behind.tint}"/><path d="M0,6 L6,0" stroke="${STATE_STYLES.behind.color}" stroke-width="1.2"/>`) +
		pat('cross', `<rect width="6" height="6" fill="${STATE_STYLES.overdue.tint}"/><path d="M0,0 L6,6 M0,6 L6,0" stroke="${STATE_STYLES.overdue.color}" stroke-width="1"/>`) +
		pat('dots', `<rect width="6" height="6" fill="${STATE_STYLES.blocked.tint}"/><circle cx="3" cy="3" r="1.2" fill="${STATE_STYLES.blocked.color}"/>`) +
		`<marker id="${prefix}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#475569"/></marker>` +
		`<marker id="${prefix}-arrow-bad" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#D55E00"/></marker>`
	);
}

/** The unfinished part's fill for a state. */
export function stateFill(state: AttentionState, prefix = 'g'): string {
	const s = STATE_STYLES[state];
	return s.pattern ? `url(#${prefix}-${s.pattern})` : s.tint;
}
