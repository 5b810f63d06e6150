import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePhase, writeTask } from '../shared/plan/doc';
import { makeTask } from '../table/test-task';
import { PlanLive } from './plan-live.svelte';

const plan = { id: 'p1', title: '方案', start: '2026-01-01', end: '2026-12-31' };

function open(userId: string, role: 'leader' | 'viewer' | 'coordinator' = 'leader') {
	return new PlanLive({
		plan,
		user: { id: userId, displayName: userId },
		member: { role, schoolId: role === 'coordinator' ? 's1' : null },
		offlineCache: false
	});
}

/** Keeps two pages' plan documents in sync, as the server would (a remote origin). */
function link(a: PlanLive, b: PlanLive) {
	const relay = (from: Y.Doc, to: Y.Doc) =>
		from.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') Y.applyUpdate(to, u, 'remote');
		});
	relay(a.live.doc, b.live.doc);
	relay(b.live.doc, a.live.doc);
}

function seeded(userId: string) {
	const live = open(userId);
	Y.transact(live.live.doc, () => {
		writePhase(live.live.doc, { key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' });
		writeTask(live.live.doc, makeTask({ id: 't01', order: 'a0' }));
		writeTask(live.live.doc, makeTask({ id: 't02', order: 'a1', deps: ['t01'] }));
	}, 'remote');
	return live;
}

describe('PlanLive', () => {
	it('[E1] edits go through the shared rules and only valid ones are written', () => {
		const live = seeded('u1');
		expect(live.updateTask('t01', { due: '2026-02-30' })).toMatchObject({ ok: false, error: 'invalid_date' });
		expect(live.updateTask('t01', { due: '2026-04-15' })).toMatchObject({ ok: false, error: 'outside_phase' });
		expect(live.updateTask('t01', { progress: 70 })).toMatchObject({ ok: true });
		expect(live.tasks.find((t) => t.id === 't01')!.progress).toBe(70);
		expect(live.linkTasks('t02', 't01')).toMatchObject({ ok: false, error: 'dependency_cycle' });
		live.destroy();
	});

	it('[E5] removing a task drops it from dependencies; adding and moving keep the order', () => {
		const live = seeded('u1');
		const id = live.addTask({ title: '新任务', start: '2026-02-01', due: '2026-02-10' });
		expect(live.tasks.map((t) => t.id)).toEqual(['t01', 't02', id]);
		live.moveTask(id, 't01');
		expect(live.tasks.map((t) => t.id)).toEqual([id, 't01', 't02']);
		live.removeTask('t01');
		expect(live.tasks.map((t) => [t.id, t.deps])).toEqual([
			[id, []],
			['t02', []]
		]);
		live.destroy();
	});

	it('[U1] undo takes back only this user’s own change; another person’s edit stays', () => {
		const a = seeded('u1');
		const b = open('u2');
		Y.applyUpdate(b.live.doc, Y.encodeStateAsUpdate(a.live.doc), 'remote');
		link(a, b);

		a.updateTask('t01', { title: 'A 改的标题' });
		a.live.stopCapturing();
		b.updateTask('t01', { unit: 'B 改的单位' });
		b.updateTask('t02', { progress: 90 });
		expect(a.canUndo).toBe(true);
		a.undo();
		for (const side of [a, b]) {
			const t1 = side.tasks.find((t) => t.id === 't01')!;
			expect(t1.title).toBe('制定方案');
			expect(t1.unit).toBe('B 改的单位');
			expect(side.tasks.find((t) => t.id === 't02')!.progress).toBe(90);
		}
		expect(a.canUndo).toBe(false);
		a.redo();
		expect(b.tasks.find((t) => t.id === 't01')!.title).toBe('A 改的标题');
		a.destroy();
		b.destroy();
	});

	it('[U1] a remote change never enters this user’s undo history', () => {
		const a = seeded('u1');
		const b = open('u2');
		Y.applyUpdate(b.live.doc, Y.encodeStateAsUpdate(a.live.doc), 'remote');
		link(a, b);
		b.updateTask('t02', { progress: 40 });
		expect(a.canUndo).toBe(false);
		a.undo();
		expect(a.tasks.find((t) => t.id === 't02')!.progress).toBe(40);
		a.destroy();
		b.destroy();
	});

	it('[K4] bad values written by a modified client read as invalid and can be corrected', () => {
		const live = seeded('u1');
		Y.transact(live.live.doc, () => {
			const m = live.live.doc.getMap<Y.Map<unknown>>('tasks').get('t01')!;
			m.set('progress', 'a lot');
			m.set('due', 12);
		}, 'remote');
		expect(live.invalidTasks.get('t01')?.sort()).toEqual(['due', 'progress']);
		expect(live.tasks.find((t) => t.id === 't01')).toMatchObject({ progress: 0, due: '' });
		expect(live.updateTask('t01', { progress: 20, due: '2026-03-20' })).toMatchObject({ ok: true });
		expect(live.invalidTasks.has('t01')).toBe(false);
		live.destroy();
	});

	it('[R1][R2][R3] room handles follow the member’s access', () => {
		const viewer = open('u3', 'viewer');
		expect(viewer.canWrite).toBe(false);
		expect(viewer.school('s1').live.readOnly).toBe(true);
		const coordinator = open('u4', 'coordinator');
		expect(coordinator.canWrite).toBe(false);
		expect(coordinator.school('s1').live.readOnly).toBe(false);
		expect(coordinator.school('s2').live.readOnly).toBe(true);
		expect(coordinator.school('s1')).toBe(coordinator.school('s1'));
		expect(coordinator.pairings().live.readOnly).toBe(true);
		expect(coordinator.openRooms).toEqual(['plan:p1', 'school:p1:s1', 'school:p1:s2', 'pairings:p1']);
		viewer.destroy();
		coordinator.destroy();
	});

	it('[T14] a batch (a paste) writes every valid cell, reports the bad ones, adds rows, and is one undo step', () => {
		const live = seeded('u1');
		const { errors, created } = live.applyTaskBatch(
			[
				{ id: 't01', patch: { unit: '教研室', progress: 140 } },
				{ id: 't02', patch: { title: '', lead: '李四' } }
			],
			[{ title: '新增一', due: '2026-03-20' }, { title: '新增二', start: 'not a day' }],
			{ phase: 'launch', start: '2026-03-01', due: '2026-03-31' }
		);
		expect(errors.map((e) => [e.row, e.field, e.error])).toEqual([
			[0, 'progress', 'progress_range'],
			[1, 'title', 'title_required'],
			[3, 'start', 'invalid_date']
		]);
		expect(created).toHaveLength(2);
		const byId = new Map(live.tasks.map((t) => [t.id, t]));
		expect(byId.get('t01')?.unit).toBe('教研室');
		expect(byId.get('t02')?.lead).toBe('李四');
		expect(live.tasks.slice(-2).map((t) => [t.title, t.start, t.due])).toEqual([
			['新增一', '2026-03-01', '2026-03-20'],
			['新增二', '2026-03-01', '2026-03-31']
		]);
		live.undo();
		expect(live.tasks.map((t) => t.id)).toEqual(['t01', 't02']);
		expect(live.tasks[0].unit).toBe('教育局');
		expect(live.tasks[1].lead).toBe('张三');
	});

	it('[U1] a step is one undo step of its own: edits inside it undo together, the ones around it apart', () => {
		const live = seeded('u1');
		live.step(() => live.updateTask('t01', { progress: 10 }));
		live.step(() => {
			live.updateTask('t01', { progress: 20 });
			live.updateTask('t02', { progress: 30 });
		});
		live.step(() => live.updateTask('t02', { progress: 40 }));
		const progress = () => live.tasks.map((t) => t.progress);
		expect(progress()).toEqual([20, 40]);
		live.undo();
		expect(progress()).toEqual([20, 30]);
		live.undo();
		expect(progress()).toEqual([10, 50]);
		live.undo();
		expect(progress()).toEqual([50, 50]);
		live.destroy();
	});

	it('[U5] a page’s undo covers the rooms it edits, latest own edit first; Ctrl+Z reaches it while the page shows', () => {
		const live = seeded('u1');
		const ctx = { today: '2026-02-01', schools: [{ id: 'a', tier: 'strong' as const }, { id: 'x', tier: 'weak' as const }] };
		const board = live.pairings();
		live.step(() => live.updateTask('t01', { progress: 10 }));
		expect(board.pair('a', 'x', ctx).ok).toBe(true);
		// A page that edits only the plan room never undoes the pairing it does not show.
		const planOnly = live.undoFor(live.planRoom);
		const both = live.undoFor(live.planRoom, board);
		const stop = live.useUndo(both);
		expect(live.canUndo).toBe(true);
		live.undo();
		expect(board.pairings).toHaveLength(0);
		expect(live.tasks[0].progress).toBe(10);
		live.undo();
		expect(live.tasks[0].progress).toBe(50);
		live.redo();
		expect(live.tasks[0].progress).toBe(10);
		expect(board.pairings).toHaveLength(0);
		live.redo();
		expect(board.pairings).toHaveLength(1);
		stop();
		// Back on a page that names no rooms: the plan room's own history.
		live.undo();
		expect([live.tasks[0].progress, board.pairings.length]).toEqual([50, 1]);
		expect(planOnly.canUndo).toBe(false);
		planOnly.destroy();
		live.destroy();
	});
});
