/**
 * The bureau's rhythm (issue 19): responsible units, indicator measurements, reporting cycles and
 * reports, supervision notices. Its own file so the supervision feature reads as one piece; the
 * tables reference the core schema's plans, schools and users. Everything here is durable state
 * any instance may serve, never live room state.
 */
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, files, millis, planRef, plans, schools, stampedAt as stamp, users } from './schema';
import { CADENCES, REPORTER_KINDS, NOTICE_TARGETS } from '../../shared/supervision/types';

/**
 * 责任单位 of a plan (基教科, 教研中心…). Members are the users whose `units` list names the unit,
 * the one membership record the task attention list already reads; a rename rewrites both.
 */
export const units = sqliteTable(
	'units',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		name: text('name').notNull(),
		order: integer('order').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('units_plan_name_idx').on(t.planId, t.name)]
);

/** One measured value of an indicator (district-wide, or for one school). */
export const measurements = sqliteTable(
	'measurements',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		/** The indicator's record id in the plan room's `indicators` map. */
		indicatorId: text('indicator_id').notNull(),
		schoolId: text('school_id').references(() => schools.id, { onDelete: 'cascade' }),
		value: real('value').notNull(),
		date: text('date').notNull(),
		source: text('source').notNull().default(''),
		fileId: text('file_id').references(() => files.id, { onDelete: 'set null' }),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		idempotencyKey: text('idempotency_key').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		// an indicator's history and its latest value per school
		index('measurements_indicator_idx').on(t.planId, t.indicatorId, t.date),
		uniqueIndex('measurements_idempotency_idx').on(t.createdBy, t.idempotencyKey)
	]
);

/** A plan's reporting rhythm: one row per plan, set by the leading group. */
export const reportSettings = sqliteTable('report_settings', {
	planId: text('plan_id')
		.primaryKey()
		.references(() => plans.id, { onDelete: 'cascade' }),
	cadence: text('cadence', { enum: CADENCES }).notNull().default('weekly'),
	/** ISO weekday the report is due, 1 = Monday … 7 = Sunday. */
	dueWeekday: integer('due_weekday').notNull().default(5),
	/** A Monday from which fortnights are counted. */
	anchor: text('anchor').notNull(),
	/** Who reports: the plan's units, its pilot schools, or both. */
	units: integer('units', { mode: 'boolean' }).notNull().default(true),
	schools: integer('schools', { mode: 'boolean' }).notNull().default(true),
	updatedAt: stamp('updated_at')
});

/** One reporter's report for one cycle; resubmitting within the cycle revises it. */
export const reports = sqliteTable(
	'reports',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		cycleId: text('cycle_id').notNull(),
		cycleStart: text('cycle_start').notNull(),
		cycleEnd: text('cycle_end').notNull(),
		reporterKind: text('reporter_kind', { enum: REPORTER_KINDS }).notNull(),
		reporterId: text('reporter_id').notNull(),
		/** 本期无进展: nothing to report this cycle. */
		nil: integer('nil', { mode: 'boolean' }).notNull().default(false),
		progress: text('progress').notNull().default(''),
		problems: text('problems').notNull().default(''),
		nextSteps: text('next_steps').notNull().default(''),
		submittedBy: text('submitted_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		idempotencyKey: text('idempotency_key').notNull(),
		submittedAt: stamp('submitted_at')
	},
	(t) => [
		uniqueIndex('reports_reporter_cycle_idx').on(t.planId, t.cycleId, t.reporterKind, t.reporterId),
		index('reports_idempotency_idx').on(t.submittedBy, t.idempotencyKey)
	]
);

/** 督办单: a leader's notice on a task or milestone that is behind or overdue. */
export const notices = sqliteTable(
	'notices',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		target: text('target', { enum: NOTICE_TARGETS }).notNull(),
		taskId: text('task_id'),
		schoolId: text('school_id').references(() => schools.id, { onDelete: 'cascade' }),
		milestoneId: text('milestone_id'),
		/** The responsible unit of the task when issued (a school's notice goes to the school). */
		unit: text('unit').notNull().default(''),
		title: text('title').notNull(),
		/** `yellow` (behind) or `red` (overdue) when it was issued. */
		level: text('level', { enum: ['yellow', 'red'] }).notNull(),
		message: text('message').notNull(),
		replyBy: text('reply_by').notNull(),
		issuedBy: text('issued_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		idempotencyKey: text('idempotency_key'),
		reply: text('reply'),
		repliedBy: text('replied_by').references(() => users.id, { onDelete: 'set null' }),
		repliedAt: millis('replied_at'),
		/** Set the first time the notice is seen answered with its target back on track. */
		closedAt: millis('closed_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('notices_plan_idx').on(t.planId, t.createdAt),
		uniqueIndex('notices_idempotency_idx').on(t.issuedBy, t.idempotencyKey)
	]
);

/**
 * 通报: a briefing for a period. A draft's figures are recomputed each time it is read; publishing
 * freezes them (and its text) for good, so a published briefing keeps its numbers.
 */
export const briefings = sqliteTable(
	'briefings',
	{
		id: text('id').primaryKey(),
		planId: planRef(),
		periodStart: text('period_start').notNull(),
		periodEnd: text('period_end').notNull(),
		title: text('title').notNull(),
		/** The leading group's text, section by section (JSON object of strings). */
		sections: text('sections', { mode: 'json' }).$type<Record<string, string>>().notNull(),
		/** The figures frozen at publishing; null while a draft. */
		figures: text('figures', { mode: 'json' }).$type<unknown>(),
		status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		idempotencyKey: text('idempotency_key'),
		publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: millis('published_at'),
		updatedAt: stamp('updated_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('briefings_plan_idx').on(t.planId, t.periodEnd),
		uniqueIndex('briefings_idempotency_idx').on(t.createdBy, t.idempotencyKey)
	]
);
