import { describe, expect, it } from 'vitest';
import { parseSchoolInput, schoolRowsFromSheet } from './school-input';

describe('[N1] school input', () => {
	it('reads keys and the words bureaus write', () => {
		expect(parseSchoolInput({ name: ' 实验小学 ', type: '城区优质校', tier: '强校', township: '城关镇', pilot: '是' })).toEqual({
			ok: true,
			school: { name: '实验小学', type: 'urban_quality', tier: 'strong', township: '城关镇', pilot: true }
		});
		expect(parseSchoolInput({ name: '乡村小学', type: 'rural_center', tier: '受援校', pilot: '' })).toMatchObject({
			ok: true,
			school: { tier: 'weak', pilot: false }
		});
		expect(parseSchoolInput({ name: '', type: '大学', tier: '强校', pilot: 'maybe' })).toEqual({ ok: false, fields: ['name', 'type', 'pilot'] });
	});
});

describe('[N2] school sheets', () => {
	it('finds the header below merged titles, maps columns in any order and numbers rows as the sheet does', () => {
		const sheet = [
			['XX区试点学校名单', '', '', ''],
			['是否试点', '学校名称', '乡镇（街道）', '学校类型'],
			['是', '第一小学', '城关镇', '城区优质校'],
			['', '', '', ''],
			['否', '第二小学', '河西镇', '农村中心校']
		];
		const parsed = schoolRowsFromSheet(sheet)!;
		expect(parsed.header).toBe(2);
		expect(parsed.columns).toEqual({ pilot: 0, name: 1, township: 2, type: 3 });
		expect(parsed.rows.map((r) => [r.row, r.raw.name])).toEqual([
			[3, '第一小学'],
			[5, '第二小学']
		]);
		expect(schoolRowsFromSheet([['a', 'b']])).toBeNull();
	});
});
