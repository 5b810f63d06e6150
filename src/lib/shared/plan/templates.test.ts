import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { milestonesCollection, readMilestones } from './doc';
import { applyTemplatesToDoc, templateFits, templateMilestoneId } from './templates';
import type { MilestoneTemplate } from './types';

const tpl = (id: string, over: Partial<MilestoneTemplate> = {}): MilestoneTemplate => ({
	id,
	title: `模板${id}`,
	phase: 'pilot',
	due: '2026-05-31',
	types: [],
	order: 0,
	...over
});

describe('[M1] milestone templates', () => {
	it('adds each template once and never overwrites a school’s progress', () => {
		const doc = new Y.Doc();
		expect(applyTemplatesToDoc(doc, [tpl('a'), tpl('b')])).toBe(2);
		milestonesCollection.update(doc, templateMilestoneId('a'), { status: 'done', progress: 100, doneOn: '2026-05-02' });
		expect(applyTemplatesToDoc(doc, [tpl('a', { title: '改了名' }), tpl('b'), tpl('c')])).toBe(1);
		const list = readMilestones(doc);
		expect(list).toHaveLength(3);
		expect(list.find((m) => m.id === 'tpl-a')).toMatchObject({ title: '模板a', status: 'done', progress: 100, doneOn: '2026-05-02' });
		expect(applyTemplatesToDoc(doc, [tpl('a'), tpl('b'), tpl('c')])).toBe(0);
	});

	it('limits a template to its school types, and keeps ids short', () => {
		expect(templateFits(tpl('a'), 'rural_center')).toBe(true);
		expect(templateFits(tpl('a', { types: ['new'] }), 'rural_center')).toBe(false);
		expect(templateMilestoneId('x'.repeat(64)).length).toBeLessThanOrEqual(64);
	});
});
