import { describe, expect, it } from 'vitest';
import type { ChangeRequest } from '$lib/shared/calendar/change-request';
import {
	approvalBaselines,
	approvalVersion,
	clearDraft,
	clearsDue,
	draftKey,
	dueDraft,
	gateClears,
	gatePatches,
	gateRemovals,
	latestApprovedBaseline,
	mayDecide,
	pendingByTask,
	removeDraft,
	requestBody,
	withPickedDue
} from './change-gate';

const limits = new Map([
	['t1', { due: '2026-03-31', removable: false }],
	['t2', { due: '2026-04-30', removable: true }]
]);
const limitOf = (id: string) => limits.get(id);
const t1 = { id: 't1', title: 'Survey', due: '2026-03-31' };

const request = (over: Partial<ChangeRequest>): ChangeRequest => ({
	id: 'r1', taskId: 't1', kind: 'due', due: '2026-04-10', fromDue: '2026-03-31', reason: 'late data', status: 'pending',
	requestedBy: 'u-leader', requestedByName: 'Leader', requestedAt: '2026-03-01T00:00:00Z',
	decidedBy: null, decidedByName: null, decidedAt: null, note: '', ...over
});

describe('change gate', () => {
	it('[AP1] a due later than the approved limit becomes a request draft; earlier or equal dues are written', () => {
		expect(dueDraft(limitOf, t1, { due: '2026-04-07' })).toEqual({
			kind: 'due', taskId: 't1', title: 'Survey', from: '2026-03-31', to: '2026-04-07', limit: '2026-03-31'
		});
		expect(dueDraft(limitOf, t1, { due: '2026-03-31' })).toBeNull();
		expect(dueDraft(limitOf, t1, { due: '2026-03-20' })).toBeNull();
		expect(dueDraft(limitOf, t1, { progress: 40 } as { due?: unknown })).toBeNull();
	});

	it('[AP1] a task without a limit (plan not approved, or added after) is free', () => {
		expect(dueDraft(() => undefined, t1, { due: '2027-01-01' })).toBeNull();
		expect(dueDraft(limitOf, { id: 'new', title: 'x', due: '2026-01-01' }, { due: '2027-01-01' })).toBeNull();
	});

	it('[AP1] deleting an approved task needs a removal request unless one was approved', () => {
		expect(removeDraft(limitOf, t1)).toMatchObject({ kind: 'remove', taskId: 't1', limit: '2026-03-31' });
		expect(removeDraft(limitOf, { id: 't2', title: 'y', due: '2026-04-30' })).toBeNull();
		expect(removeDraft(limitOf, { id: 'new', title: 'z', due: null })).toBeNull();
	});

	it('[AP2] a request needs a reason; its body follows the contract', () => {
		const d = dueDraft(limitOf, t1, { due: '2026-04-07' })!;
		expect(requestBody(d, '   ')).toBeNull();
		expect(requestBody(d, ' data late ')).toEqual({ taskId: 't1', due: '2026-04-07', reason: 'data late' });
		expect(requestBody(removeDraft(limitOf, t1)!, 'merged')).toEqual({ taskId: 't1', remove: true, reason: 'merged' });
	});

	it('[AP2] a bar shows its newest pending request; decided ones mark nothing', () => {
		const list = [
			request({ id: 'a', requestedAt: '2026-03-01T00:00:00Z' }),
			request({ id: 'b', requestedAt: '2026-03-02T00:00:00Z' }),
			request({ id: 'c', taskId: 't2', status: 'refused' })
		];
		const p = pendingByTask(list);
		expect(p.get('t1')?.id).toBe('b');
		expect(p.has('t2')).toBe(false);
	});

	it('[AP3] the Gantt compares with the latest approval baseline by version, not by name order', () => {
		expect(latestApprovedBaseline([{ id: 'b-own' }, { id: 'approved-v2' }, { id: 'approved-v10' }, { id: 'approved-vx' }])).toBe('approved-v10');
		expect(latestApprovedBaseline([{ id: 'b-own' }])).toBe('');
		expect(approvalBaselines([{ id: 'approved-v2' }, { id: 'b-own' }, { id: 'approved-v10' }]).map((b) => b.id)).toEqual(['approved-v10', 'approved-v2']);
	});

	it('[AP4] only another admin or leader decides, and only a pending request', () => {
		const r = request({});
		expect(mayDecide(r, { id: 'u-admin', steering: true })).toBe(true);
		expect(mayDecide(r, { id: 'u-leader', steering: true })).toBe(false);
		expect(mayDecide(r, { id: 'u-coord', steering: false })).toBe(false);
		expect(mayDecide(request({ status: 'approved' }), { id: 'u-admin', steering: true })).toBe(false);
	});

	it('[AP5] a paste writes what it may: a later approved due is held back as a draft, the rest of its row and every other cell go on', () => {
		const tasks = [t1, { id: 't2', title: 'Visit', due: '2026-04-30' }, { id: 'new', title: 'Added', due: '2026-01-01' }];
		const { edits, drafts } = gatePatches(limitOf, tasks, [
			{ id: 't1', patch: { due: '2026-04-07', lead: 'Wang' } },
			{ id: 't2', patch: { due: '2026-04-20' } },
			{ id: 'new', patch: { due: '2027-01-01' } },
			{ id: 't1', patch: { due: 'invalid' } }
		]);
		expect(drafts).toEqual([{ kind: 'due', taskId: 't1', title: 'Survey', from: '2026-03-31', to: '2026-04-07', limit: '2026-03-31' }]);
		// the earlier due, the task added after approval and the text that is no date (the rules refuse it) are written
		expect(edits).toEqual([
			{ id: 't1', patch: { lead: 'Wang' } },
			{ id: 't2', patch: { due: '2026-04-20' } },
			{ id: 'new', patch: { due: '2027-01-01' } },
			{ id: 't1', patch: { due: 'invalid' } }
		]);
		// a row that held only the due writes nothing at all
		expect(gatePatches(limitOf, tasks, [{ id: 't1', patch: { due: '2026-05-01' } }]).edits).toEqual([]);
	});

	it('[AP5] deleting several tasks deletes the free ones and holds each approved one as a removal draft', () => {
		const tasks = [t1, { id: 't2', title: 'Visit', due: '2026-04-30' }, { id: 'new', title: 'Added', due: '2026-01-01' }];
		const { ids, drafts } = gateRemovals(limitOf, tasks, ['t1', 't2', 'new', 'gone']);
		expect(ids).toEqual(['t2', 'new', 'gone']);
		expect(drafts.map(draftKey)).toEqual(['remove:t1']);
	});

	it('[AP6] an approval baseline is known by its id alone', () => {
		expect(approvalVersion('approved-v4')).toBe(4);
		expect(approvalVersion('approved-v')).toBeNull();
		expect(approvalVersion('b-approved-v4')).toBeNull();
	});

	it('[AP7] a due that is no day is no request: the rules refuse it, blank or text, and nothing is asked for it', () => {
		expect(dueDraft(limitOf, t1, { due: 'invalid' })).toBeNull();
		expect(dueDraft(limitOf, t1, { due: '' })).toBeNull();
		expect(dueDraft(limitOf, t1, { due: null })).toBeNull();
	});

	it('[AP7] clearing an approved due becomes a request for a later day, first the day after the limit; a task without a limit is the rules\' call', () => {
		expect(clearDraft(limitOf, t1)).toEqual({ kind: 'due', taskId: 't1', title: 'Survey', from: '2026-03-31', to: '2026-04-01', limit: '2026-03-31', cleared: true });
		expect(clearDraft(limitOf, { id: 'new', title: 'Added', due: '2026-01-01' })).toBeNull();
		expect([clearsDue(''), clearsDue('  '), clearsDue(null), clearsDue('4/1'), clearsDue('x')]).toEqual([true, true, true, false, false]);
	});

	it('[AP7] the day picked for a cleared due must be later than the limit; other drafts pass as they are', () => {
		const cleared = clearDraft(limitOf, t1)!;
		expect(withPickedDue(cleared, '2026-04-15')).toEqual({ ...cleared, to: '2026-04-15' });
		expect(withPickedDue(cleared, undefined)).toBe(cleared);
		expect(withPickedDue(cleared, '2026-03-31')).toBeNull();
		expect(withPickedDue(cleared, '')).toBeNull();
		expect(withPickedDue(cleared, '2026-02-30')).toBeNull();
		const later = dueDraft(limitOf, t1, { due: '2026-04-07' })!;
		expect(withPickedDue(later, '2026-01-01')).toBe(later);
		expect(requestBody(withPickedDue(cleared, '2026-04-15')!, 'exam week')).toEqual({ taskId: 't1', due: '2026-04-15', reason: 'exam week' });
	});

	it('[AP7] Delete over a block holds each approved due cell as a draft and clears every other cell', () => {
		const tasks = [t1, { id: 't2', title: 'Visit', due: '2026-04-30' }, { id: 'new', title: 'Added', due: '2026-01-01' }];
		const cells = [
			{ id: 't1', field: 'due' },
			{ id: 't1', field: 'lead' },
			{ id: 't2', field: 'due' },
			{ id: 'new', field: 'due' },
			{ id: 'gone', field: 'due' }
		];
		const { cells: cleared, drafts } = gateClears(limitOf, tasks, cells);
		expect(drafts.map(draftKey)).toEqual(['due:t1', 'due:t2']);
		expect(drafts.every((d) => d.kind === 'due' && d.cleared)).toBe(true);
		expect(cleared).toEqual([{ id: 't1', field: 'lead' }, { id: 'new', field: 'due' }, { id: 'gone', field: 'due' }]);
	});
});
