/** The bench page of the peer, SVAR's `@svar-ui/svelte-grid`, fed the same tasks as plain rows. */
import { mount } from 'svelte';
import PeerRoot from './PeerRoot.svelte';
import { expose } from './measure';
import type { Task } from '$lib/shared/plan/types';
import { attentionState } from '$lib/shared/plan/attention';
import { phaseLabel, statusLabel } from '$lib/components/labels';
import { attentionLabel } from '$lib/table/labels';

interface Api {
	exec: (action: string, data: unknown) => void;
}

const tasks: Task[] = await (await fetch('tasks.json')).json();
const numbers = new Map(tasks.map((t, i) => [t.id, i + 1]));
// The peer displays what it is given: the labels our grid computes per cell are computed here.
const data = tasks.map((t, i) => ({
	id: t.id,
	no: i + 1,
	workstream: t.workstream,
	title: t.title,
	unit: t.unit,
	lead: t.lead,
	start: t.start,
	due: t.due,
	phase: phaseLabel(t.phase),
	status: statusLabel(t.status),
	progress: `${t.progress}%`,
	deps: t.deps.map((d) => numbers.get(d)).join('、'),
	attention: attentionLabel(attentionState(t, '2026-06-01'))
}));
let api: Api | null = null;

expose({
	mount: (target) => void mount(PeerRoot, { target, props: { data, oninit: (a: unknown) => (api = a as Api) } }),
	scroller: () => document.querySelector<HTMLElement>('.wx-scroll')!,
	rows: () => Array.from(document.querySelectorAll('.wx-body .wx-row')),
	prepareEdit(index, title) {
		const id = data[index].id;
		return { id, apply: () => api!.exec('update-row', { id, row: { title } }) };
	},
	titleText: (id) => {
		const row = document.querySelector(`.wx-row[data-id="${CSS.escape(`:${id}`)}"]`);
		const cell = row?.querySelectorAll('.wx-cell')[2];
		return cell?.textContent?.trim() ?? null;
	}
});
