import { describe, expect, it } from 'vitest';
import { mayConfirmVisit, mayLogVisit, parseJsonBody, parseVisitInput } from './visits';

const good = {
	pairingId: 'p1',
	date: '2026-03-12',
	host: 's1',
	visitor: 's2',
	kind: 'lesson_observation',
	participants: 12,
	topic: '同课异构',
	summary: ''
};

describe('[H8] visit input validation', () => {
	it('accepts a well-formed visit and trims text', () => {
		expect(parseVisitInput({ ...good, topic: '  同课异构 ' })).toEqual({
			ok: true,
			value: { ...good, participantNames: [], hours: null, status: 'logged' }
		});
	});
	it('[V3][V4] takes participants’ names, hours and a planned status; names every bad one', () => {
		expect(parseVisitInput({ ...good, participantNames: [' 王老师 ', ''], hours: 2.5, status: 'planned' })).toMatchObject({
			ok: true,
			value: { participantNames: ['王老师'], hours: 2.5, status: 'planned' }
		});
		expect(parseVisitInput({ ...good, participantNames: 'x', hours: -1, status: 'confirmed' })).toEqual({
			ok: false,
			fields: ['participantNames', 'hours', 'status']
		});
		expect(parseVisitInput({ ...good, participantNames: ['x'.repeat(51)], hours: Infinity })).toEqual({
			ok: false,
			fields: ['participantNames', 'hours']
		});
	});
	it('names every bad field', () => {
		const r = parseVisitInput({
			pairingId: '',
			date: '2026-02-30',
			host: 's1',
			visitor: 's1',
			kind: 'picnic',
			participants: 2.5,
			topic: '   ',
			summary: 'x'.repeat(5000)
		});
		expect(r).toEqual({
			ok: false,
			fields: ['pairingId', 'date', 'visitor', 'kind', 'participants', 'topic', 'summary']
		});
	});
	it.each([0, -1, '3', null, 1e9])('participants %s is refused', (participants) => {
		expect(parseVisitInput({ ...good, participants })).toEqual({ ok: false, fields: ['participants'] });
	});
	it('refuses a body that is not an object', () => {
		expect(parseVisitInput([good])).toEqual({ ok: false, fields: ['body'] });
		expect(parseVisitInput(null)).toEqual({ ok: false, fields: ['body'] });
	});
	it('reads calendar days strictly (one validator, [D1])', () => {
		for (const date of ['2026-02-29', '2026-13-01', '2026-1-01']) {
			expect(parseVisitInput({ ...good, date })).toMatchObject({ ok: false, fields: ['date'] });
		}
	});
	it('returns malformed or oversized JSON as an error value', () => {
		expect(parseJsonBody('{"a":')).toEqual({ ok: false, error: 'malformed' });
		expect(parseJsonBody(JSON.stringify({ s: 'x'.repeat(20_000) }))).toEqual({ ok: false, error: 'too_large' });
		expect(parseJsonBody('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
	});
});

describe('[H9] visit permissions', () => {
	const pairing = { strongId: 'strong', weakId: 'weak' };
	it('lets admin, leader and the pairing schools’ liaisons log', () => {
		expect(mayLogVisit({ role: 'leader', schoolId: null }, pairing)).toBe(true);
		expect(mayLogVisit({ role: 'partner', schoolId: 'weak' }, pairing)).toBe(true);
		expect(mayLogVisit({ role: 'coordinator', schoolId: 'strong' }, pairing)).toBe(true);
		expect(mayLogVisit({ role: 'partner', schoolId: 'other' }, pairing)).toBe(false);
		expect(mayLogVisit({ role: 'viewer', schoolId: null }, pairing)).toBe(false);
	});
	it('[H10] lets only the host liaison (or admin/leader) confirm', () => {
		expect(mayConfirmVisit({ role: 'partner', schoolId: 'strong' }, { host: 'strong' })).toBe(true);
		expect(mayConfirmVisit({ role: 'partner', schoolId: 'weak' }, { host: 'strong' })).toBe(false);
		expect(mayConfirmVisit({ role: 'admin', schoolId: null }, { host: 'strong' })).toBe(true);
		expect(mayConfirmVisit({ role: 'viewer', schoolId: 'strong' }, { host: 'strong' })).toBe(false);
	});
});
