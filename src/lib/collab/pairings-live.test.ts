import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bumpVisitsVersion, pairingsKind } from '../shared/sync/kinds/pairings';
import { PlanLive } from './plan-live.svelte';

const plan = { id: 'p1', title: '方案', start: '2026-01-01', end: '2026-12-31' };
const ctx = {
	today: '2026-12-01',
	schools: [
		{ id: 'a', tier: 'strong' as const },
		{ id: 'x', tier: 'weak' as const },
		{ id: 'y', tier: 'weak' as const },
		{ id: 'n', tier: 'none' as const }
	]
};

function board() {
	const live = new PlanLive({ plan, user: { id: 'u1', displayName: 'u1' }, member: { role: 'leader', schoolId: null }, offlineCache: false });
	return { live, pairings: live.pairings() };
}

describe('PairingsLive', () => {
	it('[B1][B3] pairs a strong and a weak school of the plan, and refuses anything else without writing', () => {
		const { live, pairings } = board();
		const made = pairings.pair('a', 'x', ctx, { modes: ['teacher_exchange'] });
		expect(made.ok).toBe(true);
		expect(pairings.pairings).toEqual([
			{ id: (made as { id: string }).id, strong: 'a', weak: 'x', modes: ['teacher_exchange'], start: '2026-12-01', end: '2026-12-31', target: 2 }
		]);
		expect(pairings.pair('a', 'x', ctx)).toEqual({ ok: false, errors: { weak: 'weak_taken' } });
		expect(pairings.pair('x', 'a', ctx)).toEqual({ ok: false, errors: { strong: 'not_strong', weak: 'not_weak' } });
		expect(pairings.pair('a', 'n', ctx)).toEqual({ ok: false, errors: { weak: 'not_weak' } });
		expect(pairings.pair('a', 'y', ctx, { start: '2026-12-10', end: '2026-12-01' })).toEqual({ ok: false, errors: { end: 'end_before_start' } });
		expect(pairings.pairings).toHaveLength(1);
		live.destroy();
	});

	it('[B2][B4] sets modes, dates and target, ends and resumes a pairing, each as one undo step', () => {
		const { live, pairings } = board();
		const { id } = pairings.pair('a', 'x', ctx) as { id: string };
		expect(pairings.setModes(id, ['cadre_rotation', 'resource_sharing'], ctx).ok).toBe(true);
		expect(pairings.setTarget(id, -1, ctx)).toEqual({ ok: false, errors: { target: 'range' } });
		expect(pairings.setTarget(id, 4, ctx).ok).toBe(true);
		expect(pairings.setDates(id, { end: '2026-11-01' }, ctx)).toEqual({ ok: false, errors: { end: 'end_before_start' } });
		expect(pairings.endPairing(id, ctx).ok).toBe(true);
		expect(pairings.pairings[0]).toMatchObject({ modes: ['cadre_rotation', 'resource_sharing'], target: 4, ended: '2026-12-01' });
		// Ended, the weak school can be paired again; then the old pairing cannot resume ([B3]).
		pairings.live.stopCapturing();
		const again = pairings.pair('a', 'x', ctx);
		expect(again.ok).toBe(true);
		expect(pairings.resumePairing(id, ctx)).toEqual({ ok: false, errors: { ended: 'weak_taken' } });
		pairings.live.stopCapturing();
		pairings.live.undo();
		expect(pairings.pairings).toHaveLength(1);
		expect(pairings.resumePairing(id, ctx).ok).toBe(true);
		expect(pairings.pairings[0].ended).toBeUndefined();
		live.destroy();
	});

	it('[B6][B8] the silence threshold is a leader setting; the server’s visit counter moves the board', () => {
		const { live, pairings } = board();
		expect(pairings.settings).toMatchObject({ silentWeeks: 4, visitsVersion: 0 });
		expect(pairings.setSilentWeeks(0)).toEqual({ ok: false, errors: { silentWeeks: 'range' } });
		expect(pairings.setSilentWeeks(6).ok).toBe(true);
		Y.transact(pairings.live.doc, () => bumpVisitsVersion(pairings.live.doc), 'remote');
		Y.transact(pairings.live.doc, () => bumpVisitsVersion(pairings.live.doc), 'remote');
		expect(pairings.settings).toMatchObject({ silentWeeks: 6, visitsVersion: 2 });
		live.destroy();
	});

	it('[B9] the server makes the settings record when the room loads, so concurrent saves of its fields all land', () => {
		const server = new Y.Doc();
		expect(pairingsKind.upgrade!(server)).toBe(true);
		expect(pairingsKind.upgrade!(server)).toBe(false);
		const a = board();
		const b = board();
		const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
		sync(server, a.pairings.live.doc);
		sync(server, b.pairings.live.doc);
		// At once, offline from each other: two leaders save, the server counts a visit.
		expect(a.pairings.setSilentWeeks(6).ok).toBe(true);
		expect(b.pairings.setSilentWeeks(8).ok).toBe(true);
		Y.transact(server, () => bumpVisitsVersion(server), 'remote');
		for (const from of [a.pairings.live.doc, b.pairings.live.doc, server]) {
			for (const to of [a.pairings.live.doc, b.pairings.live.doc, server]) if (from !== to) sync(from, to);
		}
		// One threshold wins (the same field), and the counter is never lost.
		const seen = [a.pairings.settings, b.pairings.settings];
		expect(seen[0]).toEqual(seen[1]);
		expect([6, 8]).toContain(seen[0].silentWeeks);
		expect(seen[0].visitsVersion).toBe(1);
		a.live.destroy();
		b.live.destroy();
	});
});
