/** The bench page of our grid: a PlanLive never connected, its Y.Doc holding the bench's tasks. */
import '../../../src/app.css';
import { mount } from 'svelte';
import * as Y from 'yjs';
import { PlanLive } from '$lib/collab/plan-live.svelte';
import { tasksCollection } from '$lib/shared/plan/doc';
import OursRoot from './OursRoot.svelte';
import { expose } from './measure';

const state = new Uint8Array(await (await fetch('plan.bin')).arrayBuffer());
const live = new PlanLive({
	plan: { id: 'bench', title: '压测方案', start: '2026-01-01', end: '2026-12-31' },
	user: { id: 'bench-user', displayName: '压测用户' },
	member: { role: 'leader', schoolId: null },
	offlineCache: false
});
Y.applyUpdate(live.live.doc, state, 'remote');
// Another person's copy of the document: its edits reach ours as updates with a remote origin.
const remote = new Y.Doc();
Y.applyUpdate(remote, Y.encodeStateAsUpdate(live.live.doc));

const rowEls = () => Array.from(document.querySelectorAll('.scroll [role="row"][data-task-id]'));

expose({
	mount: (target) => void mount(OursRoot, { target, props: { live } }),
	scroller: () => document.querySelector<HTMLElement>('.scroll')!,
	rows: rowEls,
	prepareEdit(index, title) {
		const id = live.tasks[index].id;
		let update: Uint8Array | null = null;
		const grab = (u: Uint8Array) => (update = u);
		remote.on('update', grab);
		tasksCollection.update(remote, id, { title });
		remote.off('update', grab);
		return { id, apply: () => Y.applyUpdate(live.live.doc, update!, 'remote') };
	},
	titleText: (id) => document.querySelector(`[data-task-id="${id}"] [data-field="title"]`)?.textContent?.trim() ?? null
});
