import { describe, expect, it } from 'vitest';
import { escapeHtml, optionsHtml } from './html';

describe('html text', () => {
	it('escapes markup in text and attribute values, so a school named like a tag stays text', () => {
		expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
		expect(optionsHtml([{ value: 'a"b', label: '城西<小学>' }])).toBe('<option value="a&quot;b">城西&lt;小学&gt;</option>');
	});
});
