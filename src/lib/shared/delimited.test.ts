import { describe, expect, it } from 'vitest';
import { parseDelimited } from './delimited';

describe('[N3] delimited text', () => {
	it('reads quoted cells with delimiters, quotes and line breaks, and no row for the trailing newline', () => {
		expect(parseDelimited('\ufeff学校名称,类型\r\n"第一小学,东校区","城区""优质""校"\r\n"多行\n名称",新建校\r\n')).toEqual([
			['学校名称', '类型'],
			['第一小学,东校区', '城区"优质"校'],
			['多行\n名称', '新建校']
		]);
		expect(parseDelimited('a\tb\nc\td\n')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(parseDelimited('')).toEqual([]);
	});
});
