/**
 * The plan year (issue 20): its school calendar, the plan's approvals (the frozen baseline) and
 * the change requests decided after it. Durable state any instance may serve; the live room only
 * keeps the limits it enforces, read from here.
 */
import { index, integer, sqliteTable, text, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { millis, planRef, plans, stampedAt, users } from './schema';
import { CHANGE_KINDS, CHANGE_STATUSES } from '../../shared/calendar/change-request';
import { DAY_COUNTS } from '../../shared/calendar/types';

/**
 * One plan year's calendar as the admin or a leader set it: semesters and the days that differ
 * from a plain week, as JSON (validated on read). A year without a row reads the published
 * holidays, or weekends only.
 */
export const planCalendars = sqliteTable(
	'plan_calendars',
	{
		planId: planRef(),
		year: integer('year').notNull(),
		source: text('source').notNull(),
		semesters: text('semesters').notNull(),
		days: text('days').notNull(),
		updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: stampedAt('updated_at')
	},
	(t) => [primaryKey({ columns: [t.planId, t.year] })]
);

/** A plan's day-count setting: calendar days (the contract's default) or school working days. */
export const planYearSettings = sqliteTable('plan_year_settings', {
	planId: text('plan_id')
		.primaryKey()
		.references(() => plans.id, { onDelete: 'cascade' }),
	dayCount: text('day_count', { enum: DAY_COUNTS }).notNull().default('calendar')
});

/** An approved plan version: every task's start and due at that moment (baseline JSON, [L1]). */
export const planApprovals = sqliteTable(
	'plan_approvals',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		version: integer('version').notNull(),
		baseline: text('baseline').notNull(),
		approvedBy: text('approved_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		approvedAt: stampedAt('approved_at')
	},
	// the latest approval of a plan
	(t) => [uniqueIndex('plan_approvals_version_idx').on(t.planId, t.version)]
);

/** A request to move an approved task's due later, or to remove it, and its decision. */
export const changeRequests = sqliteTable(
	'change_requests',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		/** The approval it was asked against. */
		approvalVersion: integer('approval_version').notNull(),
		taskId: text('task_id').notNull(),
		kind: text('kind', { enum: CHANGE_KINDS }).notNull(),
		due: text('due'),
		fromDue: text('from_due'),
		reason: text('reason').notNull(),
		status: text('status', { enum: CHANGE_STATUSES }).notNull().default('pending'),
		requestedBy: text('requested_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		requestedAt: stampedAt('requested_at'),
		idempotencyKey: text('idempotency_key'),
		decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: millis('decided_at'),
		note: text('note').notNull().default('')
	},
	(t) => [
		// a plan's requests, and the approved ones the live room enforces
		index('change_requests_plan_idx').on(t.planId, t.status, t.decidedAt),
		// a task's history
		index('change_requests_task_idx').on(t.planId, t.taskId),
		uniqueIndex('change_requests_idempotency_idx').on(t.requestedBy, t.idempotencyKey)
	]
);
