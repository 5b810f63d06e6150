import { json } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findCjkFont } from '$lib/server/briefing/font';
import { briefingPdf } from '$lib/server/briefing/pdf';
import { requirePlanMember } from '$lib/server/services/api-access';
import { seesBriefing } from '$lib/server/services/briefing-access';
import { getBriefing } from '$lib/server/services/briefings';
import { visitKindLabel } from '$lib/components/labels';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { VisitKind } from '$lib/shared/plan/types';
import type { RequestHandler } from './$types';

/** The briefing as an A4 PDF, in the reader's language. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member, user, plan } = await requirePlanMember(db, locals.user, params.planId);
	const b = await getBriefing(db, params.planId, params.briefingId, user.id, todayInShanghai());
	if (!b || !seesBriefing(member, b)) return json({ error: 'not_found' }, { status: 404 });
	const font = findCjkFont();
	if (!font) return json({ error: 'no_cjk_font' }, { status: 503 });
	const f = b.figures;
	const bytes = await briefingPdf(b, {
		plan: plan.title,
		period: m.br_period({ from: b.periodStart, to: b.periodEnd }),
		stamp: b.status === 'published' && b.publishedAt ? m.br_frozen({ date: todayInShanghai(new Date(b.publishedAt)) }) : m.br_draft_note(),
		sections: {
			summary: m.br_section_summary(),
			done: m.br_section_done(),
			behind: m.br_section_behind(),
			indicators: m.br_section_indicators(),
			pairings: m.br_section_pairings(),
			next: m.br_section_next()
		},
		charts: { behind: m.br_chart_behind(), indicators: m.br_chart_indicators(), visits: m.br_chart_visits() },
		legend: { overdue: m.br_overdue(), behind: m.br_behind(), blocked: m.br_blocked() },
		columns: { indicator: m.br_col_indicator(), from: m.br_col_from(), to: m.br_col_to(), target: m.br_col_target(), met: m.br_col_met() },
		yes: m.br_yes(),
		no: m.br_no(),
		none: m.br_none(),
		reports: m.br_reports_line({ submitted: String(f.reports.submitted), nil: String(f.reports.nil), missing: String(f.reports.missing), expected: String(f.reports.expected) }),
		notices: m.br_notices_line({ issued: String(f.notices.issued), closed: String(f.notices.closed), open: String(f.notices.open) }),
		changes: f.changes ? m.br_changes_line({ requested: String(f.changes.requested), approved: String(f.changes.approved), refused: String(f.changes.refused), pending: String(f.changes.pending) }) : null,
		visitKind: (k) => visitKindLabel(k as VisitKind),
		page: (n, of) => m.br_page({ n: String(n), of: String(of) })
	}, font);
	const name = encodeURIComponent(`${b.title}.pdf`);
	return new Response(new Uint8Array(bytes), {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename*=UTF-8''${name}`, 'cache-control': 'private, no-store' }
	});
};
