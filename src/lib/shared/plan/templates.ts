/**
 * [M1] Applying the leading group's milestone templates to a pilot school's document: each
 * template becomes the milestone `tpl-<template id>` when the school does not have it yet, so
 * applying again adds only templates that are new and never duplicates or overwrites a school's
 * progress (a milestone the school already has is left exactly as it is, even when the template's
 * title or date changed since).
 */
import type * as Y from 'yjs';
import { milestones } from '../sync/kinds/school';
import type { MilestoneTemplate, SchoolType } from './types';

/** The milestone id a template gives every school, short enough to be a record id. */
export function templateMilestoneId(templateId: string): string {
	if (templateId.length <= 60) return `tpl-${templateId}`;
	let h = 0;
	for (const ch of templateId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return `tpl-${templateId.slice(0, 48)}-${h.toString(36)}`;
}

/** Whether a template applies to a school of `type` (no types: every pilot school). */
export function templateFits(t: Pick<MilestoneTemplate, 'types'>, type: SchoolType): boolean {
	return t.types.length === 0 || t.types.includes(type);
}

/** Adds the missing template milestones to a school's document; returns how many were added. */
export function applyTemplatesToDoc(doc: Y.Doc, templates: readonly MilestoneTemplate[]): number {
	const map = milestones.map(doc);
	let created = 0;
	for (const t of templates) {
		const id = templateMilestoneId(t.id);
		if (map.has(id)) continue;
		const res = milestones.create(doc, { id, title: t.title, phase: t.phase, due: t.due, status: 'todo', progress: 0, note: '' });
		if (res.ok) created++;
	}
	return created;
}
