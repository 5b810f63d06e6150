/**
 * The Gantt page's state and actions apart from its markup: the critical path and baseline
 * shown, the early starts ([S7]) and their fix ([S13]), the edits the chart and the task sheet
 * report (one undo step each, read-only refused with the reason), links, baselines, the notice
 * that tells what happened, and the SVG/PNG export and print pages of the whole plan ([G10],
 * [G11]). In an approved plan a due moved past its approved limit is never written: it becomes
 * the draft of a change request ([AP1]).
 */
import * as m from '$lib/paraglide/messages';
import type { PlanLive } from '$lib/collab/plan-live.svelte';
import { editErrorText, phaseLabel } from '$lib/components/labels';
import type { GanttView } from '$lib/gantt/gantt-view.svelte';
import type { Link } from '$lib/gantt/layout';
import { ganttSvg, printSlices, svgToPng, type SvgModel } from '$lib/gantt/export-svg';
import { stateLabel } from '$lib/gantt/labels';
import { computeSchedule } from '$lib/shared/plan/critical-path';
import { moveAfterPredecessors } from '$lib/shared/plan/reschedule';
import { parseBaselineDates } from '$lib/shared/plan/baselines';
import { earliestStartAfter } from '$lib/shared/plan/schedule';
import type { IsoDate, Phase, PhaseKey, Task } from '$lib/shared/plan/types';
import { TASK_FIELD } from '$lib/shared/sync/kinds/plan';
import type { TaskPatch } from '$lib/shared/plan/rules';
import { dayCounter, type DayCounting } from '$lib/shared/calendar/day-counter';
import { dueDraft, latestApprovedBaseline, type LimitOf, type RequestDraft } from '$lib/plan-year/change-gate';

/** What the page reads afresh on every action. */
export interface GanttPageInputs {
	live: PlanLive;
	tasks: readonly Task[];
	phases: readonly Phase[];
	plan: { title: string; end: IsoDate };
	today: IsoDate;
	/** How the plan counts days and its calendar's days ([WD9]); calendar days when not given. */
	counting?: DayCounting;
	/** Why this user cannot edit at all (their role), or `null`. */
	readOnlyReason: string | null;
	/** The approved limit of each task ([AP1]); none before approval. */
	limitOf?: LimitOf;
}

const noLimits: LimitOf = () => undefined;

export interface GanttMessage {
	kind: 'error' | 'info';
	text: string;
}

/** A link from a task's dialog: the other task's title and number, and which way it points. */
export interface SheetLink extends Link {
	other: string;
	number: number;
	incoming: boolean;
}

/** A3 landscape at 96 px/in less 10 mm margins: 1511 × 1047 px. */
const PRINT_PAGE = { width: 1511, height: 1040 };

export class GanttPage {
	#message = $state<GanttMessage | null>(null);
	#offer = $state<{ taskId: string; patch: TaskPatch } | null>(null);
	#draft = $state<RequestDraft | null>(null);
	#baselineDefaulted = false;
	showCritical = $state(false);
	/** The baseline compared with, or `''` for none. */
	baselineId = $state('');

	constructor(private readonly inputs: () => GanttPageInputs) {}

	/** [WD9] The plan's day counter: bars, tips, the table and the export count in it. */
	readonly days = $derived.by(() => dayCounter(this.inputs().counting?.dayCount ?? 'calendar', this.inputs().counting?.days ?? []));
	readonly numbers = $derived.by(() => new Map(this.inputs().tasks.map((t, i) => [t.id, i + 1])));
	// A Map, not a scan: the violations list names two tasks per line, and an imported plan can
	// have thousands of lines over 10,000 tasks.
	readonly #byId = $derived.by(() => new Map(this.inputs().tasks.map((t) => [t.id, t])));

	titleOf(id: string): string {
		return this.#byId.get(id)?.title ?? id;
	}

	readonly #schedule = $derived.by(() => this.showCritical ? computeSchedule(this.inputs().tasks, this.inputs().phases) : null);
	/** Task id → its schedule, when the critical path is shown. */
	readonly critical = $derived(this.#schedule ? new Map(this.#schedule.tasks.map((s) => [s.id, s])) : null);
	readonly #baselineRecord = $derived.by(() => this.inputs().live.baselines.find((b) => b.id === this.baselineId) ?? null);
	readonly baseline = $derived(this.#baselineRecord ? parseBaselineDates(this.#baselineRecord.tasks).dates : null);

	/** [S7] Links whose successor starts on or before the predecessor's due day. */
	readonly earlyStarts = $derived.by(() => {
		const out: Link[] = [];
		for (const t of this.inputs().tasks)
			for (const d of t.deps) {
				const p = this.#byId.get(d);
				if (p && d !== t.id && t.start < earliestStartAfter(p.due)) out.push({ from: d, to: t.id });
			}
		return out;
	});
	readonly earlyKeys = $derived(new Set(this.earlyStarts.map((l) => `${l.from}>${l.to}`)));

	get message(): GanttMessage | null {
		return this.#message;
	}

	/** 100% set without 已完成: the offer to mark the task done. */
	get offer(): { taskId: string; patch: TaskPatch } | null {
		return this.#offer;
	}

	/** The change request a move turned into, for the dialog ([AP1]). */
	get draft(): RequestDraft | null {
		return this.#draft;
	}

	closeDraft(): void {
		this.#draft = null;
	}

	/** [AP3] Once the approval is known: an approved plan compares with its latest approval; the user may pick another. */
	compareWithApproval(approved: boolean): void {
		if (this.#baselineDefaulted) return;
		this.#baselineDefaulted = true;
		if (approved && !this.baselineId) this.baselineId = latestApprovedBaseline(this.inputs().live.baselines);
	}

	say(kind: 'error' | 'info', text: string): void {
		this.#message = { kind, text };
	}

	dismissMessage(): void {
		this.#message = null;
	}

	readOnly(): void {
		this.say('error', this.inputs().readOnlyReason ?? m.gantt_not_editable_now());
	}

	/** One drag or key press = one undo step: nothing before or after merges into it. */
	commit(id: string, patch: TaskPatch): string | null {
		const { live, readOnlyReason } = this.inputs();
		if (!live.editable) {
			this.readOnly();
			return readOnlyReason ?? m.gantt_not_editable_now();
		}
		const task = this.#byId.get(id);
		const draft = task ? dueDraft(this.inputs().limitOf ?? noLimits, task, patch) : null;
		if (draft) {
			// The server would snap a later due back ([CR3]): ask instead, leave the bar as it is.
			this.#draft = draft;
			return null;
		}
		const r = live.step(() => live.updateTask(id, patch));
		if (!r.ok) {
			const text = editErrorText(r.error);
			this.say('error', text);
			return text;
		}
		this.#message = null;
		this.#offer = r.offer ? { taskId: id, patch: r.offer } : null;
		return null;
	}

	acceptOffer(): void {
		if (this.#offer) this.commit(this.#offer.taskId, this.#offer.patch);
		this.#offer = null;
	}

	dismissOffer(): void {
		this.#offer = null;
	}

	link(pred: string, succ: string): void {
		const { live } = this.inputs();
		if (!live.editable) return this.readOnly();
		if (live.wouldCycle(pred, succ)) {
			this.say('error', m.gantt_cycle_refused({ from: this.titleOf(pred), to: this.titleOf(succ) }));
			return;
		}
		const r = live.step(() => live.linkTasks(pred, succ));
		if (!r.ok) this.say('error', editErrorText(r.error));
		else this.say('info', m.gantt_linked({ from: this.titleOf(pred), to: this.titleOf(succ) }));
	}

	unlink(l: Link): void {
		const { live } = this.inputs();
		if (!live.editable) return this.readOnly();
		live.step(() => live.unlinkTasks(l.from, l.to));
	}

	/** A task's links both ways, for the dialog's keyboard-reachable list. */
	sheetLinks(t: Task): SheetLink[] {
		const { live } = this.inputs();
		const incoming = t.deps
			.filter((d) => this.numbers.has(d))
			.map((d) => ({ from: d, to: t.id, other: this.titleOf(d), number: this.numbers.get(d) ?? 0, incoming: true }));
		const outgoing = live.tasks
			.filter((s) => s.deps.includes(t.id))
			.map((s) => ({ from: t.id, to: s.id, other: s.title, number: this.numbers.get(s.id) ?? 0, incoming: false }));
		return [...incoming, ...outgoing];
	}

	/** [S13] The fix, with every moved successor, as one undo step. */
	fixEarly(taskId: string): void {
		const { live, tasks, phases, plan } = this.inputs();
		if (!live.editable) return this.readOnly();
		const r = moveAfterPredecessors(tasks, taskId, phases, plan.end);
		if (!r.ok) {
			this.say('error', m.gantt_fix_refused({ title: this.titleOf(r.taskId) }));
			return;
		}
		const limitOf = this.inputs().limitOf ?? noLimits;
		const held = r.moves.find((mv) => {
			const t = this.#byId.get(mv.id);
			return t && dueDraft(limitOf, t, mv);
		});
		if (held) {
			this.say('error', m.change_request_fix_blocked({ title: this.titleOf(held.id) }));
			return;
		}
		live.step(() => {
			for (const mv of r.moves) live.updateTask(mv.id, { start: mv.start, due: mv.due });
		});
		this.say('info', m.gantt_fix_done({ count: r.moves.length }));
	}

	/** Saves a baseline under `name` (today's default when blank) and compares with it; `true` when saved. */
	saveBaseline(name: string): boolean {
		const { live, today } = this.inputs();
		if (!live.editable) {
			this.readOnly();
			return false;
		}
		const label = name.trim() || m.gantt_baseline_default({ date: today });
		const id = live.saveBaseline(label);
		if (!id) return false;
		this.baselineId = id;
		this.say('info', m.gantt_baseline_saved({ name: label }));
		return true;
	}

	// ─── Export and print: the whole plan in the current view ────────────────────────────────
	#model(view: GanttView): SvgModel {
		const { plan, phases, today } = this.inputs();
		const quarters = view.zoom === 'quarter' || view.zoom === 'plan';
		return {
			title: plan.title,
			subtitle: m.gantt_export_subtitle({ date: today, view: m[`gantt_zoom_${view.zoom}`]() }),
			rows: view.rows,
			links: view.links,
			axis: view.axis,
			zoom: view.zoom,
			phases,
			today,
			days: this.days,
			critical: this.critical,
			baseline: this.baseline,
			namesWidth: 300,
			labels: {
				phase: phaseLabel,
				state: (s) => stateLabel(s, this.days.kind === 'working'),
				group: (k) => (view.groupBy === TASK_FIELD.phase ? phaseLabel(k as PhaseKey) : k || m.gantt_no_group()),
				upperTick: (d) =>
					quarters
						? m.gantt_tick_quarter({ year: d.slice(0, 4), quarter: Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1 })
						: m.gantt_tick_month({ year: d.slice(0, 4), month: Number(d.slice(5, 7)) }),
				lowerTick: (d) => (quarters ? m.gantt_tick_month_short({ month: Number(d.slice(5, 7)) }) : String(Number(d.slice(8, 10)))),
				today: m.gantt_today(),
				critical: m.gantt_critical(),
				baseline: m.gantt_baseline_legend(),
				expected: m.gantt_expected_legend(),
				slip: (d) => m.gantt_slip({ days: d > 0 ? `+${d}` : String(d) })
			}
		};
	}

	#download(blob: Blob, ext: string) {
		const { plan, today } = this.inputs();
		const a = document.createElement('a');
		a.href = URL.createObjectURL(blob);
		a.download = `${plan.title}-${m.nav_gantt()}-${today}.${ext}`;
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
	}

	exportSvg(view: GanttView): void {
		this.#download(new Blob([ganttSvg(this.#model(view))], { type: 'image/svg+xml' }), 'svg');
	}

	async exportPng(view: GanttView): Promise<void> {
		this.#download(await svgToPng(ganttSvg(this.#model(view))), 'png');
	}

	/** The print pages: A3 slices of the whole plan, each a standalone SVG. */
	printPages(view: GanttView): string[] {
		const mdl = this.#model(view);
		return printSlices(mdl.rows.length, mdl.axis.width, PRINT_PAGE).map((s) => ganttSvg(mdl, s));
	}
}
