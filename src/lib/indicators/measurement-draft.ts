/**
 * [I5] One fill of the measurement form: the body it sends and its Idempotency-Key, kept across
 * resends (a retry after a dropped connection can never enter the figure twice) and renewed only
 * once the server has stored it. A coordinator's school is fixed to their own.
 */
import type { IndicatorFigures } from '../shared/supervision/indicators';

export interface DraftFields {
	/** What the number input holds: a number, or null when empty or not a number. */
	value: number | null;
	date: string;
	schoolId: string;
	source: string;
}

export class MeasurementDraft {
	#key: string;

	constructor(
		private readonly indicator: Pick<IndicatorFigures, 'scope'>,
		/** The member's own school when they may enter only its figures (a coordinator). */
		readonly fixedSchool: string | null,
		private readonly newKey: () => string = () => crypto.randomUUID()
	) {
		this.#key = newKey();
	}

	get key(): string {
		return this.#key;
	}

	/** The JSON body: `schoolId` only for a school indicator (the contract's "absent for district"). */
	body(f: DraftFields): Record<string, unknown> {
		const source = f.source.trim();
		return {
			value: f.value,
			date: f.date,
			...(this.indicator.scope === 'school' ? { schoolId: this.fixedSchool ?? f.schoolId } : {}),
			...(source ? { source } : {})
		};
	}

	/** The figure is stored: the next fill is a new measurement with a new key. */
	stored(): void {
		this.#key = this.newKey();
	}
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A figure with its unit: `96.2%`, `12 所`. */
export function formatFigure(value: number, unit: string): string {
	const n = number.format(value);
	return unit === '%' ? `${n}%` : unit ? `${n} ${unit}` : n;
}

/** A gap as the page shows it: how far from the target, never negative (met shows as 0). */
export function formatGap(gap: number, unit: string): string {
	return formatFigure(Math.max(0, gap), unit === '%' ? '%' : unit);
}

/** A target as people write it: `≥ 35%`, `≤ 10%`. */
export const formatTarget = (t: Pick<IndicatorFigures, 'op' | 'target' | 'unit'>): string =>
	`${t.op === '>=' ? '≥' : '≤'} ${formatFigure(t.target, t.unit)}`;
