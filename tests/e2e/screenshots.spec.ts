import { expect, test } from '@playwright/test';
import { en, planIdOf, shot, signIn, zh } from './helpers';

const viewports = [
	{ name: 'desktop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }
];

for (const vp of viewports) {
	test(`overview and task table render at ${vp.width}px in both languages`, async ({ page }) => {
		await page.setViewportSize({ width: vp.width, height: vp.height });
		await signIn(page, 'leader');
		const planId = planIdOf(page);
		for (const [locale, msgs] of [['zh-CN', zh], ['en', en]] as const) {
			if (locale === 'en') {
				await page.getByRole('button', { name: en.locale_en }).click();
				await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			}
			await page.goto(`/plans/${planId}`);
			await expect(page.getByRole('heading', { name: msgs.overview_timeline })).toBeVisible();
			// Nothing pushes the page wider than the screen; wide content scrolls in its own box.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vp.width);
			await shot(page, `overview-${locale}-${vp.name}`);

			await page.goto(`/plans/${planId}/tasks`);
			await expect(page.getByRole('status', { name: msgs.sync_status })).toContainText(msgs.sync_synced);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vp.width);
			await shot(page, `tasks-${locale}-${vp.name}`, false);
		}
	});
}
