/** Text made safe to put into HTML markup, as element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * `<option>` markup for a `<select>`, escaped. For lists repeated in many selects at once (the
 * pairing board offers every strong school beside each of hundreds of weak ones): as one string
 * they are parsed by the browser instead of each option being a component effect, which made
 * removing 500 such selects take over a second.
 */
export function optionsHtml(options: readonly { value: string; label: string }[]): string {
	return options.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`).join('');
}
