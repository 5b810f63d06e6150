/**
 * Who supervision concerns, one rule for the API, the attention list and the page: the leading
 * group (admins and leaders) acts for everyone; a unit is its members (its name in their unit
 * list, whatever their role: unit staff often only read the plan); a school is its liaisons
 * (coordinators and partners). Pure: the caller reads the user's units once.
 */
import type { PlanMember } from '../sync/access';

export const isSteering = (m: PlanMember): boolean => m.role === 'admin' || m.role === 'leader';

/** Reads everything the leading group reads (admins, leaders, viewers). */
export const overseesPlan = (m: PlanMember): boolean => isSteering(m) || m.role === 'viewer';

const isLiaisonOf = (m: PlanMember, schoolId: string | null) =>
	(m.role === 'coordinator' || m.role === 'partner') && schoolId !== null && m.schoolId === schoolId;

/** A reporter (a unit by name, a school by id) the member belongs to. */
export const belongsToReporter = (m: PlanMember, units: ReadonlySet<string>, r: { kind: 'unit' | 'school'; id: string; name: string }): boolean =>
	r.kind === 'school' ? isLiaisonOf(m, r.id) : units.has(r.name);

/** A notice addressed to the member's unit (a task's) or school (a milestone's). */
export const addressedTo = (m: PlanMember, units: ReadonlySet<string>, n: { target: 'task' | 'milestone'; unit: string; schoolId: string | null }): boolean =>
	n.target === 'milestone' ? isLiaisonOf(m, n.schoolId) : n.unit !== '' && units.has(n.unit);

/** [SN3] Who answers a notice: the leading group, or those it is addressed to. */
export const answersNotice = (m: PlanMember, units: ReadonlySet<string>, n: Parameters<typeof addressedTo>[2]): boolean =>
	isSteering(m) || addressedTo(m, units, n);
