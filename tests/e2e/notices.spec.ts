/** The one notice surface in Chromium ([C4]): outcomes of the admin page's forms. */
import { expect, test } from '@playwright/test';
import { shot, signIn, zh } from './helpers';

test('[C4] a saved form is a polite notice, its refusal an alert that replaces it until dismissed; another page has none', async ({ page }) => {
	await signIn(page, 'admin');
	await page.goto('/admin', { waitUntil: 'networkidle' });
	await expect(page.getByRole('alert')).toHaveCount(0);
	const units = page.locator('form.units').first();
	const input = units.getByLabel(zh.admin_units);
	// Saved as it is: nothing of the demo changes.
	const original = await input.inputValue();
	await units.getByRole('button', { name: zh.common_save }).click();
	await expect(page.getByRole('status').filter({ hasText: zh.admin_units_saved })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await input.fill(Array.from({ length: 21 }, (_, i) => `单位${i + 1}`).join('、'));
	await units.getByRole('button', { name: zh.common_save }).click();
	await expect(page.getByRole('alert')).toHaveText(zh.admin_units_invalid);
	await expect(page.getByText(zh.admin_units_saved)).toHaveCount(0);
	await shot(page, 'notice-admin-alert-zh', false);
	await page.getByRole('alert').getByRole('button', { name: zh.notice_dismiss }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await units.getByRole('button', { name: zh.common_save }).click();
	await expect(page.getByRole('alert')).toHaveText(zh.admin_units_invalid);
	await input.fill(original);
	await page.getByRole('navigation', { name: zh.nav_main }).getByRole('link', { name: zh.nav_overview }).click();
	await expect(page).not.toHaveURL(/\/admin/);
	await expect(page.getByRole('alert')).toHaveCount(0);
});
