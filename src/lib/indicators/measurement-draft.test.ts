import { describe, expect, it } from 'vitest';
import { MeasurementDraft, formatFigure, formatGap, formatTarget } from './measurement-draft';

const keys = () => {
	let n = 0;
	return () => `k${++n}`;
};
const fields = { value: 33.5, date: '2026-05-01', schoolId: 's02', source: '  人事科统计 ' };

describe('MeasurementDraft', () => {
	it('[I5] keeps one Idempotency-Key across resends and takes a new one once stored', () => {
		const d = new MeasurementDraft({ scope: 'school' }, null, keys());
		expect(d.key).toBe('k1');
		d.body(fields);
		expect(d.key).toBe('k1');
		d.stored();
		expect(d.key).toBe('k2');
	});

	it('[I5] sends schoolId only for a school indicator, fixed to a coordinator’s own school', () => {
		expect(new MeasurementDraft({ scope: 'school' }, null, keys()).body(fields)).toEqual({
			value: 33.5,
			date: '2026-05-01',
			schoolId: 's02',
			source: '人事科统计'
		});
		expect(new MeasurementDraft({ scope: 'school' }, 's01', keys()).body(fields)).toMatchObject({ schoolId: 's01' });
		expect(new MeasurementDraft({ scope: 'district' }, null, keys()).body({ ...fields, source: '' })).toEqual({
			value: 33.5,
			date: '2026-05-01'
		});
	});

	it('formats figures with their unit and gaps never below zero', () => {
		expect(formatFigure(96.19, '%')).toBe('96.19%');
		expect(formatFigure(1234.5, '所')).toBe('1,234.5 所');
		expect(formatGap(-0.05, '%')).toBe('0%');
		expect(formatGap(1.54, '%')).toBe('1.54%');
		expect(formatTarget({ op: '>=', target: 35, unit: '%' })).toBe('≥ 35%');
		expect(formatTarget({ op: '<=', target: 10, unit: '%' })).toBe('≤ 10%');
	});
});
