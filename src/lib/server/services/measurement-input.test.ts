import { describe, expect, it } from 'vitest';
import { parseMeasurementBody, parseMeasurementInput } from './measurement-input';

const today = '2026-05-10';
const ok = { value: 92.5, date: '2026-05-01', schoolId: 's1', source: ' 期中监测 ' };

describe('parseMeasurementInput', () => {
	it('[I4] reads a well-formed measurement, trimming the source and treating null ids as absent', () => {
		expect(parseMeasurementInput(ok, today)).toEqual({
			ok: true,
			value: { value: 92.5, date: '2026-05-01', schoolId: 's1', source: '期中监测', fileId: null }
		});
		expect(parseMeasurementInput({ value: 0, date: today, schoolId: null }, today)).toEqual({
			ok: true,
			value: { value: 0, date: today, schoolId: null, source: '', fileId: null }
		});
	});

	it('[I4] names a value that is not a finite number', () => {
		for (const value of [NaN, Infinity, -Infinity, 'abc', '92', null, undefined, 1e13]) {
			expect(parseMeasurementInput({ ...ok, value }, today)).toEqual({ ok: false, fields: ['value'] });
		}
	});

	it('[I4] names a date that is not a day or is after today', () => {
		for (const date of ['2026-05-11', '2026-02-30', '2026/05/01', '', 20260501]) {
			expect(parseMeasurementInput({ ...ok, date }, today)).toEqual({ ok: false, fields: ['date'] });
		}
	});

	it('[I4] names every bad field at once, and a body that is not an object', () => {
		expect(parseMeasurementInput({ value: 'x', date: 'x', schoolId: 5, source: 'x'.repeat(201), fileId: {} }, today)).toEqual({
			ok: false,
			fields: ['value', 'date', 'schoolId', 'source', 'fileId']
		});
		expect(parseMeasurementInput([], today)).toEqual({ ok: false, fields: ['body'] });
	});
});

describe('parseMeasurementBody', () => {
	it('[I4] reads NaN and Infinity literals as null so that the field is named, not the body', () => {
		expect(parseMeasurementBody('{"value": NaN, "date": "2026-05-01"}')).toEqual({ ok: true, value: { value: null, date: '2026-05-01' } });
		expect(parseMeasurementBody('{"date":"x","value":-Infinity}')).toEqual({ ok: true, value: { date: 'x', value: null } });
		expect(parseMeasurementBody('{"source": "NaN"}')).toEqual({ ok: true, value: { source: 'NaN' } });
		expect(parseMeasurementBody('{"value": ')).toEqual({ ok: false, error: 'malformed' });
		expect(parseMeasurementBody(`{"source":"${'x'.repeat(5000)}"}`)).toEqual({ ok: false, error: 'too_large' });
	});
});
