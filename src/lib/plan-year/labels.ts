/**
 * The words of a change request wherever it is shown (the bar's mark and tip, the changes page),
 * and of a baseline's name in every picker and list.
 */
import * as m from '$lib/paraglide/messages';
import type { ChangeRequest, ChangeStatus } from '$lib/shared/calendar/change-request';
import type { BaselineRecord } from '$lib/shared/plan/baselines';
import type { Locale } from '$lib/paraglide/runtime';
import { approvalVersion } from '$lib/shared/plan/baselines';
import type { DayCount } from '$lib/shared/calendar/types';

/**
 * [AP6] A baseline's name as shown: an approval baseline's from its version, in the reader's
 * language, or `locale`'s for a file made in another (the name stored with it is the server's,
 * in Chinese, kept for older readers: `storedApprovalName`); one saved by hand as its author
 * named it.
 */
export function baselineName(b: Pick<BaselineRecord, 'id' | 'name'>, locale?: Locale): string {
	const version = approvalVersion(b.id);
	return version === null ? b.name : m.approval_baseline_name({ version: String(version) }, locale ? { locale } : undefined);
}

/** What a pending request asks, for the bar it holds ([AP2]). */
export const pendingLabel = (r: Pick<ChangeRequest, 'kind' | 'due'>): string =>
	r.kind === 'remove' ? m.change_request_pending_remove() : m.change_request_pending_mark({ to: r.due ?? '—' });

export const statusWord = (s: ChangeStatus): string => m[`change_request_status_${s}`]();

/** The change a request asks: from → to, or the removal. */
export const changeWords = (r: Pick<ChangeRequest, 'kind' | 'due' | 'fromDue'>): string =>
	r.kind === 'remove'
		? m.change_request_remove_what({ from: r.fromDue ?? '—' })
		: m.change_request_from_to({ from: r.fromDue ?? '—', to: r.due ?? '—' });

/** An instant as the people of the plan read it (Beijing time, to the minute). */
export const instantWords = (iso: string | null): string => {
	if (!iso) return '—';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '—';
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);
};

/** [WD9] A task's duration in the plan's days: a cell's short words, a card's medium ones and a title's long ones. */
export const durationWords = (days: number, kind: DayCount): { short: string; medium: string; long: string } =>
	kind === 'working'
		? { short: m.grid_duration_working({ days }), medium: m.grid_duration_medium_working({ days }), long: m.grid_duration_title_working({ days }) }
		: { short: m.grid_duration_calendar({ days }), medium: m.grid_duration_medium_calendar({ days }), long: m.grid_duration_title_calendar({ days }) };
