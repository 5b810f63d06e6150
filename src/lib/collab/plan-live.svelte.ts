// Over 450 lines: the plan, school and pairings owners and their records still live together; the
// generic openRoom(kind, id) of issue 18 (item 4) is what splits them, one short file per room.
/**
 * One owner per open plan in the browser: created once where the plan opens
 * (`routes/plans/[planId]/+layout.svelte`) and handed to every page through a typed context, so
 * moving between the overview, the table and the Gantt keeps one socket per room and never
 * re-syncs. It holds the plan room (tasks, phases, goals, indicators as runes), its presence and
 * undo history, on-demand handles for school rooms and the pairings room, and the plan's edits as
 * intent-named methods that apply the shared domain rules.
 */
import * as Y from 'yjs';
import { getContext, setContext } from 'svelte';
import {
	baselinesCollection,
	goalsCollection,
	indicatorsCollection,
	milestonesCollection,
	pairingSettingsCollection,
	pairingsCollection,
	phasesCollection,
	tasksCollection,
	templatesCollection
} from '../shared/plan/doc';
import {
	checkTaskEdit,
	removeTaskFromDoc,
	wouldCycle,
	type EditCheck,
	type EditError,
	type TaskPatch
} from '../shared/plan/rules';
import { generateKeyBetween, generateNKeysBetween } from '../shared/plan/order';
import { newTaskId } from '../shared/plan/task-id';
import type {
	GoalGroup,
	Indicator,
	IsoDate,
	Milestone,
	MilestoneTemplate,
	Pairing,
	PairingMode,
	PairingSettings,
	Phase,
	PhaseKey,
	Task
} from '../shared/plan/types';
import type { Checked, Collection, FieldError } from '../shared/sync/schema';
import { encodeBaselineDates, type BaselineRecord } from '../shared/plan/baselines';
import { DEFAULT_SILENT_WEEKS, SETTINGS_ID, updatePairingSettings } from '../shared/sync/kinds/pairings';
import { checkPairing, type BoardSchool, type PairingProblem } from '../shared/pairing/board';
import { pairingsRoom, planRoom, schoolRoom } from '../shared/sync/protocol';
import { roomAccess, type PlanMember } from '../shared/sync/access';
import { LiveDoc } from './live-doc.svelte';
import { Presence } from './presence.svelte';

export interface PlanLiveOptions {
	plan: { id: string; title: string; start: string; end: string };
	user: { id: string; displayName: string };
	member: PlanMember;
	/** Tests run without a network or IndexedDB. */
	offlineCache?: boolean;
}

/** Records of one collection as runes, re-read only for the records an update touched. */
export class LiveRecords<T extends { id: string }> {
	#list = $state.raw<T[]>([]);
	#invalid = $state.raw<Map<string, string[]>>(new Map());
	#off: () => void;

	constructor(
		private readonly doc: Y.Doc,
		private readonly collection: Collection<T>
	) {
		const map = collection.map(doc);
		const refresh = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.#refresh(events);
		map.observeDeep(refresh);
		this.#off = () => map.unobserveDeep(refresh);
		this.#readAll();
	}

	get list(): T[] {
		return this.#list;
	}

	/** Record id → its fields whose stored value is invalid (to show and correct). */
	get invalid(): Map<string, string[]> {
		return this.#invalid;
	}

	#readAll(): void {
		const checked = this.collection.readAllChecked(this.doc);
		this.#list = checked.map((c) => c.record);
		this.#invalid = new Map(checked.filter((c) => c.invalid.length).map((c) => [c.record.id, c.invalid]));
	}

	#refresh(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		const root = this.collection.map(this.doc);
		const touched = new Set<string>();
		let structural = false;
		for (const e of events) {
			if (e.target === root) {
				// Records added, replaced or removed.
				structural = true;
				for (const key of e.changes.keys.keys()) touched.add(key);
			} else if (typeof e.path[0] === 'string') touched.add(e.path[0]);
		}
		// Only the touched records are read again; the others keep their identity, so a keyed list
		// re-renders only their rows, also when records arrive or leave (an import in 100 quick
		// transactions re-read and re-rendered every record 100 times).
		const invalid = new Map(this.#invalid);
		const compare = this.collection.def.compare;
		if (structural) {
			const kept = new Map(this.#list.map((r) => [r.id, r]));
			const out: Checked<T>[] = [];
			root.forEach((m, id) => {
				const had = touched.has(id) ? undefined : kept.get(id);
				const c = had ? { record: had, invalid: invalid.get(id) ?? [] } : this.collection.readChecked(id, m);
				if (c) out.push(c);
			});
			this.#list = this.collection.sortChecked(out).map((c) => c.record);
			this.#invalid = new Map(out.filter((c) => c.invalid.length).map((c) => [c.record.id, c.invalid]));
			return;
		}
		let resort = false;
		const next = this.#list.map((r) => {
			if (!touched.has(r.id)) return r;
			const c = this.collection.readChecked(r.id, root.get(r.id));
			if (!c) return r;
			if (c.invalid.length) invalid.set(r.id, c.invalid);
			else invalid.delete(r.id);
			if (compare && compare(r, c.record) !== 0) resort = true;
			return c.record;
		});
		this.#invalid = invalid;
		this.#list = resort ? this.collection.sortChecked(next.map((record) => ({ record, invalid: [] }))).map((c) => c.record) : next;
	}

	destroy(): void {
		this.#off();
	}
}

/** A school room opened on demand: its milestones as runes. */
export class SchoolLive {
	readonly live: LiveDoc;
	readonly #milestones: LiveRecords<Milestone>;

	constructor(live: LiveDoc) {
		this.live = live;
		this.#milestones = new LiveRecords(live.doc, milestonesCollection);
	}

	get milestones(): Milestone[] {
		return this.#milestones.list;
	}

	get invalid(): Map<string, string[]> {
		return this.#milestones.invalid;
	}

	/** Validated edit of one milestone; returns the fields in error, if any. */
	updateMilestone(id: string, patch: Partial<Omit<Milestone, 'id'>>) {
		return this.live.transact((doc) => milestonesCollection.update(doc, id, patch));
	}

	/** One tap on a phone: done today, at 100% (one undo step). */
	markDone(id: string, today: string) {
		return this.updateMilestone(id, { status: 'done', progress: 100, doneOn: today });
	}

	/** Back to in progress: the day it was done no longer holds. */
	reopen(id: string) {
		const m = this.#milestones.list.find((x) => x.id === id);
		return this.updateMilestone(id, { status: 'doing', doneOn: undefined, progress: Math.min(m?.progress ?? 0, 90) });
	}

	destroy(): void {
		this.#milestones.destroy();
		this.live.destroy();
	}
}

/** Where a board edit is judged: the plan's schools (with their tier) and today ([D4]). */
export interface BoardContext {
	schools: readonly BoardSchool[];
	today: IsoDate;
}

export type BoardEdit = { ok: true; id: string } | { ok: false; errors: Record<string, PairingProblem | FieldError> };

/**
 * The pairings room opened on demand: its pairings and the board's settings as runes, and the
 * board's edits as intent-named methods that check the field declarations and the board rules
 * ([B1]–[B3]) before writing, each as one undo step.
 */
export class PairingsLive {
	readonly live: LiveDoc;
	readonly #pairings: LiveRecords<Pairing>;
	readonly #settings: LiveRecords<PairingSettings>;
	readonly #plan: { start: IsoDate; end: IsoDate };

	/** `plan`'s dates are the default span of a new pairing. */
	constructor(live: LiveDoc, plan: { start: IsoDate; end: IsoDate }) {
		this.live = live;
		this.#plan = plan;
		this.#pairings = new LiveRecords(live.doc, pairingsCollection);
		this.#settings = new LiveRecords(live.doc, pairingSettingsCollection);
	}

	get pairings(): Pairing[] {
		return this.#pairings.list;
	}

	get invalid(): Map<string, string[]> {
		return this.#pairings.invalid;
	}

	/** The board's settings (defaults until leaders set them). */
	get settings(): PairingSettings {
		return this.#settings.list[0] ?? { id: SETTINGS_ID, silentWeeks: DEFAULT_SILENT_WEEKS, visitsVersion: 0 };
	}

	/** [B8] Moves whenever the server stored a visit change of this plan. */
	get visitsVersion(): number {
		return this.settings.visitsVersion;
	}

	/**
	 * [B1]–[B3] Pairs a weak school with a strong one, from today (or the plan's start) to the
	 * plan's end unless given. Refused, writing nothing, when a rule or a field check fails.
	 */
	pair(
		strong: string,
		weak: string,
		ctx: BoardContext,
		fields: Partial<Pick<Pairing, 'modes' | 'start' | 'end' | 'target'>> = {}
	): BoardEdit {
		const id = newPairingId();
		const start = fields.start ?? (ctx.today < this.#plan.start ? this.#plan.start : ctx.today);
		const record: Pairing = {
			id,
			strong,
			weak,
			modes: fields.modes ?? [],
			start,
			end: fields.end ?? (this.#plan.end >= start ? this.#plan.end : start),
			target: fields.target ?? 2
		};
		const rules = checkPairing(record, ctx.schools, this.pairings, ctx.today);
		if (!rules.ok) return { ok: false, errors: rules.errors };
		const written = this.live.transact((doc) => pairingsCollection.create(doc, record));
		return written.ok ? { ok: true, id } : { ok: false, errors: written.errors };
	}

	/** Validated edit of a pairing's modes, dates, target or end, judged as a whole. */
	updatePairing(id: string, patch: Partial<Omit<Pairing, 'id' | 'strong' | 'weak'>>, ctx: BoardContext): BoardEdit {
		const current = this.pairings.find((p) => p.id === id);
		if (!current) return { ok: false, errors: { id: 'not_allowed' } };
		const next = { ...current, ...patch };
		if ('ended' in patch && patch.ended === undefined) delete next.ended;
		const rules = checkPairing(next, ctx.schools, this.pairings, ctx.today);
		// A pairing already flagged for its schools can still get its dates and modes corrected.
		const errors = rules.ok ? {} : Object.fromEntries(Object.entries(rules.errors).filter(([f]) => f in patch));
		// Resuming an ended pairing whose weak school was paired again meanwhile ([B3]).
		if (!rules.ok && 'ended' in patch && rules.errors.weak === 'weak_taken') errors.ended = 'weak_taken';
		if (Object.keys(errors).length) return { ok: false, errors };
		const written = this.live.transact((doc) => pairingsCollection.update(doc, id, patch));
		return written.ok ? { ok: true, id } : { ok: false, errors: written.errors };
	}

	setModes(id: string, modes: PairingMode[], ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, { modes }, ctx);
	}

	setDates(id: string, dates: { start?: IsoDate; end?: IsoDate }, ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, dates, ctx);
	}

	setTarget(id: string, target: number, ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, { target }, ctx);
	}

	/** [B4] Ends a pairing on `date` (today by default): kept with its visits, shown apart. */
	endPairing(id: string, ctx: BoardContext, date: IsoDate = ctx.today): BoardEdit {
		return this.updatePairing(id, { ended: date }, ctx);
	}

	/** Takes back an end (the weak school must not have been paired again meanwhile, [B3]). */
	resumePairing(id: string, ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, { ended: undefined }, ctx);
	}

	/** [B6] Weeks without a confirmed visit after which a running pairing is flagged silent. */
	setSilentWeeks(weeks: number): BoardEdit {
		return this.live.transact((doc) => {
			// One field of the server-made record ([B9]): a concurrent save of another field merges.
			const r = updatePairingSettings(doc, { silentWeeks: weeks });
			return r.ok ? { ok: true as const, id: SETTINGS_ID } : { ok: false as const, errors: r.errors };
		});
	}

	destroy(): void {
		this.#pairings.destroy();
		this.#settings.destroy();
		this.live.destroy();
	}
}

export class PlanLive {
	readonly plan: PlanLiveOptions['plan'];
	readonly user: PlanLiveOptions['user'];
	readonly member: PlanMember;
	/** The plan room. */
	readonly live: LiveDoc;
	readonly presence: Presence;
	readonly #tasks: LiveRecords<Task>;
	readonly #phases: LiveRecords<Phase & { id: string }>;
	readonly #goals: LiveRecords<GoalGroup>;
	readonly #indicators: LiveRecords<Indicator>;
	readonly #templates: LiveRecords<MilestoneTemplate>;
	readonly #baselines: LiveRecords<BaselineRecord>;
	readonly #schools = new Map<string, SchoolLive>();
	#pairings: PairingsLive | null = null;
	readonly #offlineCache: boolean;
	#connected = false;

	constructor(opts: PlanLiveOptions) {
		this.plan = opts.plan;
		this.user = opts.user;
		this.member = opts.member;
		this.#offlineCache = opts.offlineCache ?? true;
		this.live = this.#open(planRoom(opts.plan.id), { kind: 'plan', planId: opts.plan.id });
		this.presence = new Presence({ id: opts.user.id, name: opts.user.displayName });
		const doc = this.live.doc;
		this.#tasks = new LiveRecords(doc, tasksCollection);
		this.#phases = new LiveRecords(doc, phasesCollection as unknown as Collection<Phase & { id: string }>);
		this.#goals = new LiveRecords(doc, goalsCollection);
		this.#indicators = new LiveRecords(doc, indicatorsCollection);
		this.#templates = new LiveRecords(doc, templatesCollection);
		this.#baselines = new LiveRecords(doc, baselinesCollection);
	}

	/** Opens the plan room (cache, socket, presence). Browser only. */
	connect(): void {
		if (this.#connected) return;
		this.#connected = true;
		this.live.connect();
		// Rooms a page asked for before the workspace connected (its script runs first).
		for (const handle of this.#schools.values()) handle.live.connect();
		this.#pairings?.live.connect();
		if (this.live.awareness) this.presence.attach(this.live.awareness);
		// Pages create their components (and ask for school or pairings rooms) before the
		// workspace mounts: rooms opened before now connect with it.
		for (const handle of this.#schools.values()) handle.live.connect();
		this.#pairings?.live.connect();
	}

	/**
	 * Runs `edit` (one or more of the intent-named edits) as one undo step of its own: nothing
	 * before or after merges into it. Pages call this instead of reaching into the room.
	 */
	step<T>(edit: () => T): T {
		this.live.stopCapturing();
		try {
			return this.live.transact(() => edit());
		} finally {
			this.live.stopCapturing();
		}
	}

	destroy(): void {
		this.presence.detach();
		for (const r of [this.#tasks, this.#phases, this.#goals, this.#indicators, this.#templates, this.#baselines]) r.destroy();
		for (const handle of this.#schools.values()) handle.destroy();
		this.#schools.clear();
		this.#pairings?.destroy();
		this.#pairings = null;
		this.live.destroy();
	}

	// ─── Reading ────────────────────────────────────────────────────────────────────────────────

	/** Whether the user may edit the plan room (the server decides; this keeps the UI honest). */
	get canWrite(): boolean {
		return !this.live.readOnly;
	}

	/** True once the plan holds the server's or the cache's content (pages show it then). */
	get loaded(): boolean {
		return this.live.loaded;
	}

	/** Editing is offered when the user may write and the document has content to edit. */
	get editable(): boolean {
		return this.canWrite && this.live.loaded && this.live.status !== 'closed';
	}

	/** Every task in table order. */
	get tasks(): Task[] {
		return this.#tasks.list;
	}

	/** Task id → fields whose stored value is invalid. */
	get invalidTasks(): Map<string, string[]> {
		return this.#tasks.invalid;
	}

	get phases(): Phase[] {
		return this.#phases.list.map(({ id, ...p }) => ({ ...p, key: id as PhaseKey }));
	}

	get goals(): GoalGroup[] {
		return this.#goals.list;
	}

	get indicators(): Indicator[] {
		return this.#indicators.list;
	}

	/** The milestones the leading group asks of pilot schools ([M1]). */
	get templates(): MilestoneTemplate[] {
		return this.#templates.list;
	}

	/** Adds a milestone template; returns its id, or the fields in error. */
	addTemplate(fields: Omit<MilestoneTemplate, 'id' | 'order'>) {
		const id = `mt-${newTaskId().slice(2)}`;
		const order = this.#templates.list.length;
		const res = this.live.transact((doc) => templatesCollection.create(doc, { ...fields, id, order }));
		return res.ok ? { ok: true as const, id } : res;
	}

	updateTemplate(id: string, patch: Partial<Omit<MilestoneTemplate, 'id'>>) {
		return this.live.transact((doc) => templatesCollection.update(doc, id, patch));
	}

	removeTemplate(id: string): void {
		this.live.transact((doc) => templatesCollection.remove(doc, id));
	}

	/** Saved baselines, oldest first ([L1]). */
	get baselines(): BaselineRecord[] {
		return this.#baselines.list;
	}

	// ─── Editing the plan ───────────────────────────────────────────────────────────────────────

	/**
	 * Checks an edit against the shared rules ([E1]–[E4]) and applies it as one undo step.
	 * Returns the check, so the caller can show the error or the offered pairing ("done ⇔ 100%").
	 */
	updateTask(id: string, patch: TaskPatch): EditCheck {
		const task = this.#tasks.list.find((t) => t.id === id);
		if (!task) return { ok: false, field: 'id', error: 'unknown_task' };
		const check = checkTaskEdit(task, patch, this.#editContext());
		if (check.ok && Object.keys(check.patch).length) {
			this.live.transact((doc) => tasksCollection.update(doc, id, check.patch));
		}
		return check;
	}

	/** Appends a task (after `afterId`, or at the end); fields not given get neutral defaults. */
	addTask(fields: Partial<Omit<Task, 'id' | 'order'>>, afterId?: string): string {
		const id = newTaskId();
		const order = this.#orderAfter(afterId ?? this.#tasks.list.at(-1)?.id ?? null);
		this.live.transact((doc) =>
			tasksCollection.create(doc, {
				workstream: '',
				phase: 'launch',
				unit: '',
				lead: '',
				status: 'todo',
				progress: 0,
				deps: [],
				title: '',
				...fields,
				id,
				order
			})
		);
		return id;
	}

	/**
	 * Many cells at once (a paste, a bulk edit, the rows a paste adds below the last): each row is
	 * checked with the edit rules ([E1]–[E4]); a field that breaks one is dropped and reported while
	 * the row's other fields land, and everything valid is written in one transaction, so the whole
	 * batch is one undo step. New rows start from `defaults` and are appended in order.
	 */
	applyTaskBatch(edits: { id: string; patch: TaskPatch }[], newRows: TaskPatch[] = [], defaults: TaskPatch = {}): TaskBatchResult {
		const errors: TaskBatchError[] = [];
		const ctx = this.#editContext();
		const byId = new Map(this.#tasks.list.map((t) => [t.id, t]));
		const writes: { id: string; patch: TaskPatch }[] = [];
		edits.forEach(({ id, patch }, row) => {
			const task = byId.get(id);
			if (!task) return errors.push({ row, id, field: 'id', error: 'unknown_task' });
			const clean = checkDroppingBad(task, patch, ctx, (field, error) => errors.push({ row, id, field, error }));
			if (Object.keys(clean).length) writes.push({ id, patch: clean });
		});
		const created: string[] = [];
		const last = this.#tasks.list.at(-1)?.order ?? null;
		const orders = newRows.length ? safeKeysAfter(last, newRows.length) : [];
		const creates = newRows.map((fields, i) => {
			const id = newTaskId();
			const blank: Task = { id, title: '', workstream: '', phase: 'launch', unit: '', lead: '', start: '', due: '', status: 'todo', progress: 0, deps: [], order: orders[i] };
			const base = { ...blank, ...checkDroppingBad(blank, defaults, ctx, () => {}) };
			const clean = checkDroppingBad(base, fields, ctx, (field, error) => errors.push({ row: edits.length + i, id: null, field, error }));
			created.push(id);
			return { ...base, ...clean, id, order: orders[i] };
		});
		if (writes.length || creates.length) {
			this.live.transact((doc) => {
				for (const w of writes) tasksCollection.update(doc, w.id, w.patch);
				for (const c of creates) tasksCollection.create(doc, c);
			});
		}
		return { errors, created, written: writes.length };
	}

	/** Moves a task to just before `beforeId` (or to the end when `null`) by its fractional order. */
	moveTask(id: string, beforeId: string | null): void {
		const list = this.#tasks.list.filter((t) => t.id !== id);
		const at = beforeId === null ? list.length : list.findIndex((t) => t.id === beforeId);
		if (at < 0) return;
		const order = safeKeyBetween(list[at - 1]?.order ?? null, list[at]?.order ?? null);
		this.live.transact((doc) => tasksCollection.update(doc, id, { order }));
	}

	/** [E5] Deletes tasks, dropping them from the others' dependencies, as one undo step. */
	removeTasks(ids: string[]): void {
		this.live.transact((doc) => {
			for (const id of ids) removeTaskFromDoc(doc, id);
		});
	}

	removeTask(id: string): void {
		this.removeTasks([id]);
	}

	/** [E3] Makes `successor` depend on `predecessor` (finish-to-start); a cycle is refused. */
	linkTasks(predecessor: string, successor: string): EditCheck {
		const task = this.#tasks.list.find((t) => t.id === successor);
		if (!task) return { ok: false, field: 'id', error: 'unknown_task' };
		if (task.deps.includes(predecessor)) return { ok: true, patch: {}, offer: null };
		return this.updateTask(successor, { deps: [...task.deps, predecessor] });
	}

	unlinkTasks(predecessor: string, successor: string): EditCheck {
		const task = this.#tasks.list.find((t) => t.id === successor);
		if (!task) return { ok: false, field: 'id', error: 'unknown_task' };
		return this.updateTask(successor, { deps: task.deps.filter((d) => d !== predecessor) });
	}

	/** Whether linking would close a cycle, for drag feedback before the drop. */
	wouldCycle(predecessor: string, successor: string): boolean {
		const task = this.#tasks.list.find((t) => t.id === successor);
		return wouldCycle(this.#tasks.list, successor, [...(task?.deps ?? []), predecessor]);
	}

	/** [L1] Saves every task's planned dates now under `name`, as one undo step; returns its id. */
	saveBaseline(name: string): string | null {
		const id = 'b-' + newTaskId().slice(2);
		const r = this.live.transact((doc) =>
			baselinesCollection.create(doc, { id, name: name.trim(), savedAt: new Date().toISOString(), tasks: encodeBaselineDates(this.#tasks.list) })
		);
		return r.ok ? id : null;
	}

	undo(): void {
		this.live.undo();
	}

	redo(): void {
		this.live.redo();
	}

	get canUndo(): boolean {
		return this.live.canUndo;
	}

	get canRedo(): boolean {
		return this.live.canRedo;
	}

	// ─── Other rooms of the plan, on demand ─────────────────────────────────────────────────────

	/**
	 * A school room, opened once however many pages ask for it. It stays open while the plan is
	 * open, so coming back to a school's page does not sync it again.
	 */
	school(schoolId: string): SchoolLive {
		let handle = this.#schools.get(schoolId);
		if (!handle) {
			const room = { kind: 'school', planId: this.plan.id, schoolId } as const;
			const live = this.#open(schoolRoom(this.plan.id, schoolId), room);
			if (this.#connected) live.connect();
			handle = new SchoolLive(live);
			this.#schools.set(schoolId, handle);
		}
		return handle;
	}

	/** The pairings room, opened once on demand like the school rooms. */
	pairings(): PairingsLive {
		if (!this.#pairings) {
			const live = this.#open(pairingsRoom(this.plan.id), { kind: 'pairings', planId: this.plan.id });
			if (this.#connected) live.connect();
			this.#pairings = new PairingsLive(live, this.plan);
		}
		return this.#pairings;
	}

	/** Rooms this page holds open, for tests and diagnostics. */
	get openRooms(): string[] {
		return [
			this.live.room,
			...[...this.#schools.values()].map((h) => h.live.room),
			...(this.#pairings ? [this.#pairings.live.room] : [])
		];
	}

	#open(name: string, room: Parameters<typeof roomAccess>[1]): LiveDoc {
		return new LiveDoc({
			room: name,
			userId: this.user.id,
			readOnly: roomAccess(this.member, room) !== 'write',
			offlineCache: this.#offlineCache
		});
	}

	#editContext() {
		return { plan: this.plan, phases: this.phases, tasks: this.#tasks.list };
	}

	#orderAfter(afterId: string | null): string {
		const list = this.#tasks.list;
		const i = afterId === null ? -1 : list.findIndex((t) => t.id === afterId);
		return safeKeyBetween(list[i]?.order ?? null, list[i + 1]?.order ?? null);
	}
}

/**
 * A key between two neighbours; keys the demo or an import wrote outside the fractional-index
 * alphabet still get one that sorts between (or after) them.
 */
function safeKeyBetween(a: string | null, b: string | null): string {
	try {
		return generateKeyBetween(a || null, b || null);
	} catch {
		try {
			return generateKeyBetween(a || null, null);
		} catch {
			return `${a ?? ''}V`;
		}
	}
}

/** Keys for `n` rows appended after `last` (see `safeKeyBetween` for keys outside the alphabet). */
function safeKeysAfter(last: string | null, n: number): string[] {
	try {
		return generateNKeysBetween(last || null, null, n);
	} catch {
		const keys: string[] = [];
		let prev = last;
		for (let i = 0; i < n; i++) keys.push((prev = safeKeyBetween(prev, null)));
		return keys;
	}
}

/**
 * The part of `patch` the edit rules accept for `task`: a field that breaks a rule is reported and
 * left out, and the rest checked again, so one bad cell never stops its row.
 */
function checkDroppingBad(
	task: Task,
	patch: TaskPatch,
	ctx: Parameters<typeof checkTaskEdit>[2],
	report: (field: string, error: EditError) => void
): TaskPatch {
	let rest: TaskPatch = { ...patch };
	for (let tries = Object.keys(rest).length; tries >= 0; tries--) {
		if (!Object.keys(rest).length) return {};
		const check = checkTaskEdit(task, rest, ctx);
		if (check.ok) {
			// [E4] done brings 100% in the same step; 100% alone only offers done (as in a cell).
			return check.offer?.progress === 100 ? { ...check.patch, ...check.offer } : check.patch;
		}
		report(check.field, check.error);
		const { [check.field as keyof TaskPatch]: _dropped, ...others } = rest;
		rest = others;
	}
	return {};
}

export interface TaskBatchError {
	/** Index of the row in the batch (edits first, then new rows). */
	row: number;
	/** The task, or `null` for a new row. */
	id: string | null;
	field: string;
	error: EditError;
}

export interface TaskBatchResult {
	errors: TaskBatchError[];
	/** Ids of the tasks the new rows created, in order. */
	created: string[];
	/** Existing tasks that changed. */
	written: number;
}

export { newTaskId };

/** A short random pairing id, e.g. `pr-k3x9q2`. */
export function newPairingId(): string {
	return 'pr-' + newTaskId().slice(2);
}

const KEY = Symbol('plan-live');

export function setPlanLive(live: PlanLive): PlanLive {
	return setContext(KEY, live);
}

export function getPlanLive(): PlanLive {
	const live = getContext<PlanLive | undefined>(KEY);
	if (!live) throw new Error('getPlanLive() called outside routes/plans/[planId]');
	return live;
}
