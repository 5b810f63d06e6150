import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { buildIcs, feedItems, feedOwner, type CalendarEvent } from '$lib/server/services/calendar';
import * as m from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The iCalendar feed behind a secret URL: the owner's milestones, visits and holidays, as all-day events. */
export const GET: RequestHandler = async ({ params, url }) => {
	const db = await getDb();
	const userId = await feedOwner(db, params.secret);
	if (!userId) error(404, 'not_found');
	const host = url.hostname || 'quality-plan';
	const events: CalendarEvent[] = [];
	const breaks = new Set<string>();
	for (const item of await feedItems(db, userId)) {
		// [WD5] One free event per break; plans sharing a calendar show it once.
		for (const run of item.holidays) {
			const key = `${run.start}-${run.end}`;
			if (breaks.has(key)) continue;
			breaks.add(key);
			events.push({ uid: `holiday-${key}@${host}`, date: run.start, end: run.end, summary: run.name });
		}
		const school = (id: string) => item.schoolNames.get(id) ?? id;
		for (const ms of item.milestones) {
			events.push({
				uid: `milestone-${ms.schoolId}-${ms.id}@${host}`,
				date: ms.due,
				summary: m.api_ics_milestone({ school: school(ms.schoolId), title: ms.title }),
				description: [item.planTitle, ms.note].filter(Boolean).join('\n')
			});
		}
		// [V9] Planned visits (what is coming) and confirmed ones; a logged visit waits for its host.
		for (const v of item.visits.filter((v) => v.status !== 'logged')) {
			const text = { visitor: school(v.visitor), host: school(v.host), topic: v.topic };
			events.push({
				uid: `visit-${v.id}@${host}`,
				date: v.date,
				summary: v.status === 'planned' ? m.api_ics_visit_planned(text) : m.api_ics_visit(text),
				description: [item.planTitle, v.summary].filter(Boolean).join('\n')
			});
		}
	}
	return new Response(buildIcs(events, { name: m.api_ics_name() }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="calendar.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
