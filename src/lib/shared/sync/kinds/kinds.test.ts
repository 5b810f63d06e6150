import { describe, expect, expectTypeOf, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_KINDS, kindOf, parseRoom, roomName } from './index';
import { goals, indicators, TASK_FIELD, tasks, upgradeIndicators } from './plan';
import { PAIRING_FIELD, pairings, pairingsKind } from './pairings';
import { MILESTONE_FIELD, milestones } from './school';
import { roomAccess } from '../access';
import { collection } from '../schema';

const task = {
	id: 't1',
	title: '制定方案',
	workstream: '课程建设',
	phase: 'launch' as const,
	unit: '教研室',
	lead: '李明华',
	start: '2026-01-05',
	due: '2026-02-01',
	status: 'doing' as const,
	progress: 30,
	deps: [],
	order: 'a0'
};

describe('document kind registry', () => {
	it('[K1] every kind parses the room names it makes, and nothing else', () => {
		const rooms = [
			{ kind: 'plan', planId: 'p1' },
			{ kind: 'school', planId: 'p1', schoolId: 's1' },
			{ kind: 'pairings', planId: 'p1' }
		] as const;
		for (const room of rooms) expect(parseRoom(roomName(room))).toEqual(room);
		expect(Object.keys(DOC_KINDS).sort()).toEqual(['pairings', 'plan', 'school']);
		for (const bad of ['plan:', 'plan:a:b', 'school:p1', 'pairings:p/1', 'tasks:p1', 'toString:x', '__proto__:x', '']) {
			expect(parseRoom(bad)).toBeNull();
		}
	});

	it('[K1][R1][R3] pairings rooms are written by admins and leaders and read by every member', () => {
		const room = { kind: 'pairings', planId: 'p1' } as const;
		expect(roomAccess({ role: 'leader', schoolId: null }, room)).toBe('write');
		expect(roomAccess({ role: 'admin', schoolId: null }, room)).toBe('write');
		for (const role of ['coordinator', 'partner', 'viewer'] as const) {
			expect(roomAccess({ role, schoolId: 's1' }, room)).toBe('read');
		}
		expect(roomAccess(null, room)).toBe('none');
	});

	it('[K1] the audit and projection derive from each kind’s collections', () => {
		expect(DOC_KINDS.plan.collections.map((c) => c.entity)).toEqual(['task', 'phase', 'goal', 'indicator', 'milestone_template', 'baseline']);
		expect(DOC_KINDS.school.collections.map((c) => c.entity)).toEqual(['milestone']);
		const doc = new Y.Doc();
		pairings.create(doc, { id: 'pr1', strong: 's1', weak: 's2', modes: ['cadre_rotation'], start: '2026-03-01', end: '2026-12-31', target: 4 });
		const [rows] = pairingsKind.project({ kind: 'pairings', planId: 'p1' }, doc);
		expect(rows).toMatchObject({ table: 'pairings', scope: { planId: 'p1' } });
		expect(rows.rows).toEqual([
			{ planId: 'p1', id: 'pr1', strongId: 's1', weakId: 's2', modes: ['cadre_rotation'], start: '2026-03-01', end: '2026-12-31', target: 4, ended: null }
		]);
		expect(kindOf({ kind: 'school', planId: 'p', schoolId: 's' }).project({ kind: 'school', planId: 'p', schoolId: 's' }, new Y.Doc())[0].scope).toEqual({ planId: 'p', schoolId: 's' });
	});
});

describe('collections', () => {
	it('[K3] writers validate every field and write nothing when one is bad', () => {
		const doc = new Y.Doc();
		expect(tasks.create(doc, task)).toEqual({ ok: true });
		expect(tasks.read(doc, 't1')).toEqual(task);
		expect(tasks.update(doc, 't1', { progress: 140, due: '2026-02-30' })).toEqual({
			ok: false,
			errors: { progress: 'range', due: 'date' }
		});
		expect(tasks.update(doc, 't1', { status: 'finished' as never })).toEqual({ ok: false, errors: { status: 'not_allowed' } });
		expect(tasks.update(doc, 't1', { title: '  ' })).toEqual({ ok: false, errors: { title: 'required' } });
		expect(tasks.read(doc, 't1')).toEqual(task);
		expect(tasks.update(doc, 't1', { progress: 40, deps: ['t0', 't0'] })).toEqual({ ok: true, changed: true });
		expect(tasks.read(doc, 't1')).toMatchObject({ progress: 40, deps: ['t0'] });
		expect(tasks.update(doc, 't1', { progress: 40 })).toEqual({ ok: true, changed: false });
		expect(tasks.create(doc, { ...task, id: 'bad id' })).toEqual({ ok: false, errors: { id: 'not_allowed' } });
	});

	it('[K4] a value of the wrong type or range reads as invalid, never throws, and can be corrected', () => {
		const doc = new Y.Doc();
		tasks.create(doc, task);
		const m = tasks.map(doc).get('t1')!;
		m.set('progress', 1e9);
		m.set('start', 'not-a-date');
		m.set('status', { evil: true });
		m.set('deps', 'x');
		m.set('title', 42);
		tasks.map(doc).set('junk', 'not a map' as never);
		milestones.map(doc).set('m1', new Y.Map());
		const [checked] = tasks.readAllChecked(doc);
		expect(checked.invalid.sort()).toEqual(['deps', 'progress', 'start', 'status', 'title']);
		expect(checked.record).toMatchObject({ progress: 0, start: '', status: 'todo', deps: [], title: '' });
		expect(tasks.readAll(doc)).toHaveLength(1);
		expect(milestones.readAllChecked(doc)[0].invalid).toEqual(['title', 'due']);
		// Corrected through the writer, it reads as valid again.
		expect(tasks.update(doc, 't1', { progress: 10, start: '2026-01-05', status: 'todo', deps: [], title: '修正' }).ok).toBe(true);
		expect(tasks.readAllChecked(doc)[0].invalid).toEqual([]);
	});

	it('[K4] a list keeps its good entries when some are bad', () => {
		const doc = new Y.Doc();
		tasks.create(doc, task);
		tasks.map(doc).get('t1')!.set('deps', Y.Array.from<string | number>(['t2', 7, 't3', 't2']));
		expect(tasks.readAllChecked(doc)[0]).toMatchObject({ record: { deps: ['t2', 't3'] }, invalid: ['deps'] });
	});

	it('[K3] list edits touch only the entries that changed, so concurrent edits merge', () => {
		const a = new Y.Doc();
		tasks.create(a, { ...task, deps: ['x'] });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		tasks.update(a, 't1', { deps: ['x', 'y'] });
		tasks.update(b, 't1', { deps: ['x', 'z'] });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(tasks.read(a, 't1')!.deps.sort()).toEqual(['x', 'y', 'z']);
		expect(tasks.read(b, 't1')!.deps.sort()).toEqual(['x', 'y', 'z']);
	});

	it('[K2] two people editing two indicators of one group both keep their edit', () => {
		const a = new Y.Doc();
		goals.create(a, { id: 'g1', title: '学生发展', order: 1 });
		for (const [id, name] of [['i1', '达标率'], ['i2', '优秀率']]) {
			indicators.create(a, { id, group: 'g1', name, op: '>=', target: 90, unit: '%', baseline: null, scope: 'district', order: 1 });
		}
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		indicators.update(a, 'i1', { target: 98 });
		indicators.update(b, 'i2', { target: 60 });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(indicators.readAll(a).map((i) => i.target)).toEqual([98, 60]);
	});
});

describe('[K2] upgrading the old indicator shape', () => {
	it('moves each goal group’s JSON array into indicator maps, once', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			const g = new Y.Map<unknown>();
			g.set('title', '学生发展质量显著提升');
			g.set('order', 1);
			g.set('indicators', [
				{ id: 'g1-1', name: '国家课程学业达标率', op: '>=', target: 98, unit: '%' },
				{ name: '体质健康优良率', op: '>=', target: 'lots', unit: '%' }
			]);
			goals.map(doc).set('g1', g);
		});
		expect(upgradeIndicators(doc)).toBe(true);
		expect(goals.map(doc).get('g1')!.has('indicators')).toBe(false);
		const checked = indicators.readAllChecked(doc);
		expect(checked.map((c) => c.record.id)).toEqual(['g1-1', 'g1-2']);
		expect(checked[0].record).toMatchObject({ group: 'g1', name: '国家课程学业达标率', target: 98, scope: 'district', baseline: null });
		// A bad value is carried over as it was, shown as invalid to be corrected.
		expect(checked[1].invalid).toEqual(['target']);
		expect(upgradeIndicators(doc)).toBe(false);
	});
});

describe('[K7] a kind supplies its own initial state', () => {
	const room = { kind: 'pairings', planId: 'p1' } as const;
	const row = { id: 'pa1', planId: 'p1', strongId: 's1', weakId: 's2', modes: ['teacher_exchange', 'bogus'], start: '2026-03-01', end: '2027-01-31', target: 4, ended: null };

	it('pairings rows from SQL fill a never-written pairings room; none leaves it empty', async () => {
		const asked: unknown[] = [];
		const change = await pairingsKind.initial!(room, async (table, scope) => {
			asked.push([table, scope]);
			return [row];
		});
		expect(asked).toEqual([['pairings', { planId: 'p1' }]]);
		const doc = new Y.Doc();
		change!(doc);
		expect(pairings.readAll(doc)).toEqual([
			{ id: 'pa1', strong: 's1', weak: 's2', modes: ['teacher_exchange'], start: '2026-03-01', end: '2027-01-31', target: 4 }
		]);
		expect(await pairingsKind.initial!(room, async () => [])).toBeNull();
	});

	it('only kinds whose data lived in SQL declare one; pairings are upserted, kept while visits refer to them', () => {
		expect(Object.values(DOC_KINDS).filter((k) => k.initial).map((k) => k.kind)).toEqual(['pairings']);
		const doc = new Y.Doc();
		const groups = pairingsKind.project(room, doc);
		expect(groups.find((g) => g.table === 'pairings')?.write).toMatchObject({ mode: 'upsert', keepReferencedBy: { table: 'visits' } });
	});
});

describe('[K1] declarations are checked against their record types', () => {
	it('a declaration that disagrees with its record type does not compile (npm run check)', () => {
		const make = () => {
			// @ts-expect-error a number declared as text
			collection<{ id: string; n: number }>({ key: 'x', entity: 'x', fields: { n: { type: 'string', max: 5 } } });
			// @ts-expect-error an optional date declared as required
			collection<{ id: string; d?: string }>({ key: 'x', entity: 'x', fields: { d: { type: 'date' } } });
			// @ts-expect-error a field left undeclared
			collection<{ id: string; a: string; b: string }>({ key: 'x', entity: 'x', fields: { a: { type: 'string', max: 5 } } });
			return collection<{ id: string; a: string; d?: string; l: string[] }>({
				key: 'x',
				entity: 'x',
				fields: { a: { type: 'string', max: 5 }, d: { type: 'date', optional: true }, l: { type: 'list', of: 'id' } }
			});
		};
		expect(make().fieldNames).toEqual(['a', 'd', 'l']);
	});
});

describe('[K8] field names are constants from the declaration', () => {
	it('every collection of every kind names exactly its declared fields, each as itself', () => {
		for (const kind of Object.values(DOC_KINDS)) {
			for (const c of kind.collections) {
				expect(Object.keys(c.field)).toEqual(c.fieldNames);
				for (const f of c.fieldNames) expect((c.field as Record<string, string>)[f]).toBe(f);
				expect(Object.isFrozen(c.field)).toBe(true);
			}
		}
		expect(TASK_FIELD).toBe(tasks.field);
		expect(MILESTONE_FIELD).toBe(milestones.field);
		expect(PAIRING_FIELD).toBe(pairings.field);
	});

	it('each constant is typed as its own literal, and a field not declared does not compile (npm run check)', () => {
		expectTypeOf(TASK_FIELD.due).toEqualTypeOf<'due'>();
		expectTypeOf(MILESTONE_FIELD.doneOn).toEqualTypeOf<'doneOn'>();
		expectTypeOf(PAIRING_FIELD.ended).toEqualTypeOf<'ended'>();
		// @ts-expect-error `id` names the record, not a field
		expect(TASK_FIELD.id).toBeUndefined();
		// @ts-expect-error no such field
		expect(MILESTONE_FIELD.deps).toBeUndefined();
	});
});
