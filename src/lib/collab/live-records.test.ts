import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pairingsCollection, tasksCollection } from '../shared/plan/doc';
import { makeTask } from '../table/test-task';
import { LiveRecords } from './live-records.svelte';

describe('LiveRecords', () => {
	it('[U4] an update re-reads only the records it touched: the others keep their identity when records arrive, change or leave', () => {
		const doc = new Y.Doc();
		doc.transact(() => {
			for (const id of ['t1', 't2', 't3']) tasksCollection.create(doc, makeTask({ id, order: id.replace('t', 'a') }));
		});
		const live = new LiveRecords(doc, tasksCollection);
		const [t1, t2, t3] = live.list;

		// Records arrive (one structural transaction), one placed first by its order key.
		doc.transact(() => {
			tasksCollection.create(doc, makeTask({ id: 't4', order: 'a0' }));
			tasksCollection.create(doc, makeTask({ id: 't5', order: 'a9' }));
		});
		expect(live.list.map((t) => t.id)).toEqual(['t4', 't1', 't2', 't3', 't5']);
		expect(live.list[1]).toBe(t1);
		expect(live.list[3]).toBe(t3);
		expect(live.list.map((t) => t.id)).toEqual(tasksCollection.readAll(doc).map((t) => t.id));

		// One record changes and another leaves in the same transaction.
		doc.transact(() => {
			tasksCollection.update(doc, 't2', { title: '改过的' });
			tasksCollection.map(doc).delete('t3');
		});
		expect(live.list.map((t) => t.id)).toEqual(['t4', 't1', 't2', 't5']);
		expect(live.list[1]).toBe(t1);
		expect(live.list[2]).not.toBe(t2);
		expect(live.list[2].title).toBe('改过的');

		// A record replaced under its id (a fresh map) is read again, and an invalid field is kept.
		doc.transact(() => {
			const m = new Y.Map<unknown>();
			m.set('title', 42);
			tasksCollection.map(doc).set('t1', m);
		});
		expect(live.list.find((t) => t.id === 't1')).not.toBe(t1);
		expect(live.invalid.get('t1')).toContain('title');
		live.destroy();
	});

	it('[U4] a collection with a compare keeps its order as records arrive over many transactions', () => {
		const doc = new Y.Doc();
		const live = new LiveRecords(doc, pairingsCollection);
		for (let i = 9; i >= 0; i--) {
			doc.transact(() => pairingsCollection.create(doc, { id: `p${i}`, strong: 's', weak: `w${i}`, modes: [], start: `2026-0${(i % 9) + 1}-01`, end: '2026-12-31', target: 1 }));
		}
		expect(live.list.map((p) => p.id)).toEqual(pairingsCollection.readAll(doc).map((p) => p.id));
		live.destroy();
	});
});
