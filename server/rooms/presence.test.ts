import { describe, expect, it } from 'vitest';
import { colorFor } from '../../src/lib/shared/sync/presence';
import { cleanPresence, cleanPresenceJson, presenceUser } from './presence';

const me = presenceUser('u-viewer', '王老师');

describe('presence schema', () => {
	it('[Y31] the identity is the server’s: a forged name, id and colour are replaced', () => {
		const state = cleanPresence({ user: { id: 'u-admin', name: '系统管理员', color: 'url(http://evil.test/x)' } }, me);
		expect(state?.user).toEqual({ id: 'u-viewer', name: '王老师', color: colorFor('u-viewer') });
		expect(state?.user.color).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('[Y31] keeps only editing and dragging, bounded; other fields are dropped', () => {
		const state = cleanPresence(
			{
				editing: { id: 't07', field: 'title', extra: 'x' },
				dragging: { id: 't07', start: '2026-03-01', due: '2026-03-09', x: 1 },
				cursor: { x: 1 },
				avatars: new Array(100).fill('x')
			},
			me
		);
		expect(state).toEqual({
			user: me,
			editing: { id: 't07', field: 'title' },
			dragging: { id: 't07', start: '2026-03-01', due: '2026-03-09' }
		});
	});

	it('[Y31] an editing or dragging value that does not fit becomes null', () => {
		for (const editing of [{ id: 'x'.repeat(65), field: 'title' }, { id: 't1', field: 'f'.repeat(33) }, { id: 1, field: 'title' }, 'title', []]) {
			expect(cleanPresence({ editing }, me)?.editing).toBeNull();
		}
		for (const dragging of [{ id: 't1', start: 'not-a-date', due: '2026-01-01' }, { id: 't1', start: '2026-02-30', due: '2026-03-01' }, { id: '', start: '2026-01-01', due: '2026-01-02' }]) {
			expect(cleanPresence({ dragging }, me)?.dragging).toBeNull();
		}
	});

	it('[Y31] a client leaving (null) stays null; a non-object state is the identity alone; bad JSON is malformed', () => {
		expect(cleanPresence(null, me)).toBeNull();
		expect(cleanPresence(42, me)).toEqual({ user: me, editing: null, dragging: null });
		expect(cleanPresenceJson('null', me)).toBe('null');
		expect(cleanPresenceJson('{', me)).toBe('malformed');
		expect(JSON.parse(cleanPresenceJson('{"editing":{"id":"a","field":"b"}}', me) as string).editing).toEqual({ id: 'a', field: 'b' });
	});
});
