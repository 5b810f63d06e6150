/**
 * Personal calendar feeds: a secret URL per user (only its SHA-256 is stored; revoking keeps the
 * row so the URL answers 404) serving an RFC 5545 iCalendar of the user's milestones and visits,
 * and the holidays of their plans' calendars as free days.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/index';
import { calendarFeeds, memberships, plans, schools, users } from '../db/schema';
import type { PlanMember } from '../../shared/sync/access';
import { listVisits, type Visit } from './visits';
import { isIsoDate } from '../../shared/plan/dates';
import { listPilotMilestones, type SchoolMilestone } from './plans';
import { readPlanCalendars } from './plan-calendar';
import { holidayRuns, type HolidayRun } from '../../shared/calendar/holiday-runs';

const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

/** Creates a feed and returns its secret (shown once, in the URL). */
export async function createCalendarFeed(db: Db, userId: string): Promise<string> {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	const secret = encodeBase32LowerCaseNoPadding(bytes);
	await db.insert(calendarFeeds).values({ id: hashSecret(secret), userId });
	return secret;
}

/** Revokes every live feed of the user; returns how many. */
export async function revokeCalendarFeeds(db: Db, userId: string, now = Date.now()): Promise<number> {
	const rows = await db
		.update(calendarFeeds)
		.set({ revokedAt: now })
		.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
		.returning({ id: calendarFeeds.id });
	return rows.length;
}

/** The owner of a live feed, or null for an unknown or revoked secret. */
export async function feedOwner(db: Db, secret: string): Promise<string | null> {
	if (!/^[a-z2-7]{16,64}$/.test(secret)) return null;
	const [row] = await db
		.select({ userId: calendarFeeds.userId })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.id, hashSecret(secret)), isNull(calendarFeeds.revokedAt)))
		.limit(1);
	return row?.userId ?? null;
}

export interface CalendarEvent {
	uid: string;
	/** `YYYY-MM-DD`: an all-day event. */
	date: string;
	/** The last day (included) of an event of several days; absent for one day. */
	end?: string;
	summary: string;
	description?: string;
}

export interface FeedItems {
	planTitle: string;
	schoolNames: Map<string, string>;
	milestones: SchoolMilestone[];
	visits: Visit[];
	/** [WD5] The breaks of the plan's calendar over the years of these items (else the plan's). */
	holidays: HolidayRun[];
}

/** [WD5] The years a feed covers: those of its dated items, else the plan's own. */
async function feedHolidays(db: Db, planId: string, dates: string[], plan: { start: string; end: string } | undefined): Promise<HolidayRun[]> {
	const years = dates.filter(isIsoDate).map((d) => Number(d.slice(0, 4)));
	if (!years.length && plan && isIsoDate(plan.start) && isIsoDate(plan.end)) years.push(Number(plan.start.slice(0, 4)), Number(plan.end.slice(0, 4)));
	if (!years.length) return [];
	const from = Math.min(...years);
	const to = Math.min(Math.max(...years), from + 10); // a stray far-future date cannot make the feed read decades
	const calendars = await readPlanCalendars(db, planId, from, to);
	return holidayRuns(calendars.flatMap((c) => c.days));
}

/**
 * What the feed shows per plan: coordinators and partners their school's milestones and their
 * pairings' visits; everyone else in the plan (and system administrators) all of them.
 */
export async function feedItems(db: Db, userId: string): Promise<FeedItems[]> {
	const [user] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId)).limit(1);
	if (!user) return [];
	const rows = user.isAdmin
		? (await db.select({ planId: plans.id }).from(plans)).map((p) => ({
				planId: p.planId,
				member: { role: 'admin', schoolId: null } as PlanMember
			}))
		: (
				await db
					.select({ planId: memberships.planId, role: memberships.role, schoolId: memberships.schoolId })
					.from(memberships)
					.where(eq(memberships.userId, userId))
			).map((r) => ({ planId: r.planId, member: { role: r.role, schoolId: r.schoolId } as PlanMember }));
	const out: FeedItems[] = [];
	for (const { planId, member } of rows) {
		const [plan] = await db.select({ title: plans.title, start: plans.start, end: plans.end }).from(plans).where(eq(plans.id, planId));
		const liaison = member.role === 'coordinator' || member.role === 'partner';
		const schoolRows = await db
			.select({ id: schools.id, name: schools.name })
			.from(schools)
			.where(eq(schools.planId, planId));
		const ms = liaison
			? member.schoolId
				? await listPilotMilestones(db, planId, member.schoolId)
				: []
			: await listPilotMilestones(db, planId);
		const visits = await listVisits(db, planId, member);
		out.push({
			planTitle: plan?.title ?? '',
			schoolNames: new Map(schoolRows.map((s) => [s.id, s.name])),
			milestones: ms,
			visits,
			holidays: await feedHolidays(db, planId, [...ms.map((x) => x.due), ...visits.map((v) => v.date)], plan)
		});
	}
	return out;
}

// ─── iCalendar text (RFC 5545) ──────────────────────────────────────────────────────────────────

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let size = 0;
	let limit = 75;
	for (const ch of line) {
		const n = encoder.encode(ch).length;
		if (size + n > limit) {
			parts.push(current);
			current = '';
			size = 0;
			limit = 74; // continuation lines start with one space
		}
		current += ch;
		size += n;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const basicDate = (iso: string) => iso.replaceAll('-', '');

function nextDay(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function utcStamp(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A whole VCALENDAR; events with a date that is not a calendar day are left out. */
export function buildIcs(events: CalendarEvent[], opts: { name: string; now?: Date }): string {
	const stamp = utcStamp(opts.now ?? new Date());
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//quality-plan-workspace//calendar//ZH',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(opts.name)}`
	];
	for (const e of events) {
		if (!isIsoDate(e.date)) continue;
		lines.push(
			'BEGIN:VEVENT',
			`UID:${escapeText(e.uid)}`, // ids come from live documents: never raw
			`DTSTAMP:${stamp}`,
			`DTSTART;VALUE=DATE:${basicDate(e.date)}`,
			`DTEND;VALUE=DATE:${basicDate(nextDay(e.end && isIsoDate(e.end) && e.end > e.date ? e.end : e.date))}`,
			`SUMMARY:${escapeText(e.summary)}`
		);
		if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
		lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
