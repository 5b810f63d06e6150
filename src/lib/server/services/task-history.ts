/**
 * A task's history from the live-document audit (`doc_audit`): one entry per changed field with
 * who (display name), the value before and after, and when, newest first. Rows written before the
 * audit kept values have `from`/`to` null; the field names are still there.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { docAudit, users } from '../db/schema';
import { planRoom } from '../../shared/sync/protocol';
import { TASK_FIELD } from '../../shared/sync/kinds/plan';

export interface HistoryEntry {
	at: number;
	/** Display name; `null` for changes made by the system (upgrades, seeding). */
	user: string | null;
	action: 'create' | 'update' | 'delete';
	/** The field; `*` for a create or delete. */
	field: string;
	from: unknown;
	to: unknown;
}

/** Fields that say nothing to a reader (the fractional order key changes on every move). */
const HIDDEN = new Set<string>([TASK_FIELD.order]);

export async function taskHistory(db: Db, planId: string, taskId: string, limit = 500): Promise<HistoryEntry[]> {
	const rows = await db
		.select({
			at: docAudit.at,
			user: users.displayName,
			action: docAudit.action,
			fields: docAudit.fields,
			before: docAudit.beforeValues,
			after: docAudit.afterValues
		})
		.from(docAudit)
		.leftJoin(users, eq(users.id, docAudit.userId))
		.where(and(eq(docAudit.room, planRoom(planId)), eq(docAudit.entity, 'task'), eq(docAudit.entityId, taskId)))
		.orderBy(desc(docAudit.at), desc(docAudit.id))
		.limit(limit);
	const out: HistoryEntry[] = [];
	for (const r of rows) {
		const at = r.at;
		if (r.action !== 'update') {
			out.push({ at, user: r.user ?? null, action: r.action, field: '*', from: null, to: null });
			continue;
		}
		for (const field of r.fields) {
			if (HIDDEN.has(field)) continue;
			out.push({ at, user: r.user ?? null, action: 'update', field, from: r.before?.[field] ?? null, to: r.after?.[field] ?? null });
		}
	}
	return out;
}
