// Over 400 lines: the schema reads as one document (every table, its indexes and the query each serves); split by feature it would hide the foreign keys between them.
/**
 * The relational schema. Live documents are the source of truth for tasks and milestones; their
 * tables here are projections, rebuilt from the documents, that the JSON API and exports read.
 * Everything that is not live room state lives here, so any instance can serve any request.
 */
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import {
	PHASES,
	ROLES,
	SCHOOL_TIERS,
	SCHOOL_TYPES,
	TASK_STATUSES,
	VISIT_KINDS,
	VISIT_STATUSES
} from '../../shared/plan/types';

/** Milliseconds since the epoch; integers compare and index well in SQLite. */
export const millis = (name: string) => integer(name, { mode: 'number' });
/** An instant set by the database when the row is written. */
export const stampedAt = (name: string) =>
	millis(name)
		.notNull()
		.default(sql`(unixepoch() * 1000)`);
export const createdAt = () => stampedAt('created_at');
/** A row's plan, removed with it. */
export const planRef = () =>
	text('plan_id')
		.notNull()
		.references(() => plans.id, { onDelete: 'cascade' });

// ─── People and sessions ────────────────────────────────────────────────────────────────────────

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	/** argon2id PHC string. */
	passwordHash: text('password_hash').notNull(),
	/** System administrator: manages users and every plan. */
	isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
	/**
	 * Responsible units (责任单位) the user belongs to, as written in the task table: tasks of
	 * these units reach the user's attention list.
	 */
	units: text('units', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
	createdAt: createdAt()
});

/** Per the Lucia guide: the id is the SHA-256 (hex) of the token in the cookie, never the token. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: millis('expires_at').notNull()
	},
	(t) => [
		// "sign this user out everywhere" after a password reset.
		index('sessions_user_idx').on(t.userId)
	]
);

/** Failed sign-ins per key (`user:<name>` or `ip:<addr>`), in fixed windows; shared by instances. */
export const loginAttempts = sqliteTable('login_attempts', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStart: millis('window_start').notNull()
});

/** Small named settings, e.g. the hash of the first-run setup token. */
export const settings = sqliteTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

// ─── Plans, membership, schools ─────────────────────────────────────────────────────────────────

export const plans = sqliteTable('plans', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	start: text('start').notNull(),
	end: text('end').notNull(),
	createdAt: createdAt()
});

export const schools = sqliteTable(
	'schools',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		type: text('type', { enum: SCHOOL_TYPES }).notNull(),
		tier: text('tier', { enum: SCHOOL_TIERS }).notNull(),
		pilot: integer('pilot', { mode: 'boolean' }).notNull().default(false),
		/** 乡镇/街道 the school is in. */
		township: text('township').notNull().default('')
	},
	(t) => [
		// GET /api/plans/:id/schools
		index('schools_plan_idx').on(t.planId)
	]
);

export const memberships = sqliteTable(
	'memberships',
	{
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		/** The school a coordinator or partner acts for; null for the other roles. */
		schoolId: text('school_id').references(() => schools.id, { onDelete: 'set null' })
	},
	(t) => [
		primaryKey({ columns: [t.planId, t.userId] }),
		// "my plans" on sign-in and GET /api/plans
		index('memberships_user_idx').on(t.userId)
	]
);

export const pairings = sqliteTable(
	'pairings',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		strongId: text('strong_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		weakId: text('weak_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		/** JSON array of PairingMode. */
		modes: text('modes', { mode: 'json' }).$type<string[]>().notNull(),
		start: text('start').notNull(),
		end: text('end').notNull(),
		/** Confirmed visits per semester the pairing aims for. */
		target: integer('target').notNull().default(0),
		/** The day the pairing ended (kept with its history); null while it runs. */
		ended: text('ended')
	},
	(t) => [
		// GET /api/plans/:id/pairings
		index('pairings_plan_idx').on(t.planId)
	]
);

export const visits = sqliteTable(
	'visits',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		pairingId: text('pairing_id')
			.notNull()
			.references(() => pairings.id, { onDelete: 'cascade' }),
		date: text('date').notNull(),
		hostId: text('host_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		visitorId: text('visitor_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: VISIT_KINDS }).notNull(),
		participants: integer('participants').notNull(),
		topic: text('topic').notNull(),
		summary: text('summary').notNull(),
		/** `planned` (ahead, never counted), `logged` (took place), `confirmed` (by the host school). */
		status: text('status', { enum: VISIT_STATUSES })
			.notNull()
			.default('logged'),
		/** JSON array of the participants' names (the count is `participants`). */
		participantNames: text('participant_names', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
		/** Duration in hours, when given. */
		hours: real('hours'),
		updatedAt: millis('updated_at'),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The client's Idempotency-Key; a repeat from the same user returns the first visit. */
		idempotencyKey: text('idempotency_key').notNull(),
		confirmedBy: text('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		index('visits_plan_date_idx').on(t.planId, t.date),
		uniqueIndex('visits_idempotency_idx').on(t.createdBy, t.idempotencyKey),
		// the board's health figures: a pairing's visits by date
		index('visits_pairing_idx').on(t.pairingId, t.date)
	]
);

/** [V6] Every change of a visit after it was logged: who, when, and each changed field's old and new value. */
export const visitRevisions = sqliteTable(
	'visit_revisions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		visitId: text('visit_id')
			.notNull()
			.references(() => visits.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		at: millis('at').notNull(),
		/** `edit` (fields changed) or `confirm`. */
		action: text('action', { enum: ['edit', 'confirm'] }).notNull(),
		/** The visit's status before the change (`confirmed` marks a change after confirmation). */
		statusBefore: text('status_before', { enum: VISIT_STATUSES }).notNull(),
		/** JSON object field → { from, to }. */
		changes: text('changes', { mode: 'json' }).$type<Record<string, { from: unknown; to: unknown }>>().notNull()
	},
	(t) => [
		// GET …/visits/:id/revisions, oldest first
		index('visit_revisions_visit_idx').on(t.visitId, t.id)
	]
);

/** Secret calendar feed URLs; revoking keeps the row so the old URL answers 404. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
	/** SHA-256 (hex) of the secret in the URL. */
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	revokedAt: millis('revoked_at'),
	createdAt: createdAt()
});

// ─── Live documents: durable state ──────────────────────────────────────────────────────────────

/** Every accepted update, stored before it is broadcast; compacted into `docSnapshots`. */
export const docUpdates = sqliteTable(
	'doc_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		room: text('room').notNull(),
		userId: text('user_id'),
		at: millis('at').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull()
	},
	(t) => [
		// loading a room: its log tail after the snapshot, in order
		index('doc_updates_room_idx').on(t.room, t.id)
	]
);

/** One merged state per room; `upToId` is the last update folded into it. */
export const docSnapshots = sqliteTable('doc_snapshots', {
	room: text('room').primaryKey(),
	state: blob('state', { mode: 'buffer' }).notNull(),
	upToId: integer('up_to_id').notNull(),
	updatedAt: millis('updated_at').notNull()
});

/** Who changed which entity's fields, kept when updates are compacted away. */
export const docAudit = sqliteTable(
	'doc_audit',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		room: text('room').notNull(),
		userId: text('user_id'),
		at: millis('at').notNull(),
		/** The collection's entity name: `task`, `phase`, `goal`, `indicator`, `milestone`, `pairing`. */
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		/** JSON array of field names; `["*"]` when the entity was created or deleted. */
		fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
		action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
		/**
		 * JSON object field → value before the update, and field → value after (strings over 200
		 * characters and lists over 50 entries cut); null in rows written before these columns.
		 */
		beforeValues: text('before_values', { mode: 'json' }).$type<Record<string, unknown>>(),
		afterValues: text('after_values', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [
		// the history view of one task or milestone
		index('doc_audit_entity_idx').on(t.room, t.entityId, t.at)
	]
);

/**
 * Which user writes under which Yjs client id of a room ([Y19]): learned from accepted updates and
 * written in the same batch as the first update under that id. `userId` null: the server's own
 * document (server-side writes), which no user may write under.
 */
export const docClientOwners = sqliteTable(
	'doc_client_owners',
	{
		room: text('room').notNull(),
		clientId: integer('client_id').notNull(),
		userId: text('user_id'),
		at: millis('at').notNull()
	},
	(t) => [
		// loading a room's owner map; also makes a second claim of an id a no-op
		primaryKey({ columns: [t.room, t.clientId] })
	]
);

/**
 * Stored entries that failed to load ([P4]), moved out of `docUpdates` / `docSnapshots` so the rest
 * of the room loads; kept for an administrator to inspect.
 */
export const docQuarantine = sqliteTable(
	'doc_quarantine',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		room: text('room').notNull(),
		source: text('source', { enum: ['snapshot', 'update'] }).notNull(),
		/** The `docUpdates` id of a quarantined log entry; null for a snapshot. */
		entryId: integer('entry_id'),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		error: text('error').notNull(),
		at: millis('at').notNull()
	},
	(t) => [
		// the admin page: newest first
		index('doc_quarantine_at_idx').on(t.at)
	]
);

// ─── Projections of live documents ──────────────────────────────────────────────────────────────

export const tasks = sqliteTable(
	'tasks',
	{
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		id: text('id').notNull(),
		title: text('title').notNull(),
		workstream: text('workstream').notNull(),
		phase: text('phase', { enum: PHASES }).notNull(),
		unit: text('unit').notNull(),
		lead: text('lead').notNull(),
		start: text('start').notNull(),
		due: text('due').notNull(),
		status: text('status', { enum: TASK_STATUSES }).notNull(),
		progress: integer('progress').notNull(),
		deps: text('deps', { mode: 'json' }).$type<string[]>().notNull(),
		order: text('order').notNull()
	},
	(t) => [primaryKey({ columns: [t.planId, t.id] })]
);

export const phases = sqliteTable(
	'phases',
	{
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		key: text('key', { enum: PHASES }).notNull(),
		name: text('name').notNull(),
		start: text('start').notNull(),
		end: text('end').notNull()
	},
	(t) => [primaryKey({ columns: [t.planId, t.key] })]
);

export const milestones = sqliteTable(
	'milestones',
	{
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		schoolId: text('school_id')
			.notNull()
			.references(() => schools.id, { onDelete: 'cascade' }),
		id: text('id').notNull(),
		title: text('title').notNull(),
		phase: text('phase', { enum: PHASES }).notNull(),
		due: text('due').notNull(),
		status: text('status', { enum: TASK_STATUSES }).notNull(),
		progress: integer('progress').notNull(),
		doneOn: text('done_on'),
		note: text('note').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.planId, t.schoolId, t.id] }),
		// calendar feed: a coordinator's milestones
		index('milestones_school_idx').on(t.schoolId)
	]
);

// ─── Evidence files ─────────────────────────────────────────────────────────────────────────────

/**
 * Uploaded evidence (photos, PDFs, Office files). The bytes live under `UPLOAD_DIR`; a row is
 * written only after its file was completely stored, so a crash mid-upload leaves no row.
 */
export const files = sqliteTable(
	'files',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
		/** What it is evidence of: a school's milestone, a visit, or an indicator's measurement. */
		schoolId: text('school_id').references(() => schools.id, { onDelete: 'cascade' }),
		milestoneId: text('milestone_id'),
		visitId: text('visit_id').references(() => visits.id, { onDelete: 'cascade' }),
		indicatorId: text('indicator_id'),
		/** The name the uploader's device gave it (shown, never trusted for the type). */
		name: text('name').notNull(),
		size: integer('size').notNull(),
		/** MIME type detected from the content. */
		type: text('type').notNull(),
		sha256: text('sha256').notNull(),
		hasThumb: integer('has_thumb', { mode: 'boolean' }).notNull().default(false),
		/** The client's Idempotency-Key: a retried upload returns the first file. */
		idempotencyKey: text('idempotency_key'),
		createdAt: createdAt()
	},
	(t) => [
		// a milestone's attachments
		index('files_target_idx').on(t.planId, t.schoolId, t.milestoneId),
		index('files_visit_idx').on(t.visitId),
		uniqueIndex('files_idempotency_idx').on(t.ownerId, t.idempotencyKey)
	]
);

/** Projection of the pairings room's settings: what the API and the attention list need. */
export const pairingSettings = sqliteTable('pairing_settings', {
	planId: text('plan_id')
		.primaryKey()
		.references(() => plans.id, { onDelete: 'cascade' }),
	/** [B6] Weeks without a confirmed visit after which a running pairing is silent. */
	silentWeeks: integer('silent_weeks').notNull().default(4)
});
