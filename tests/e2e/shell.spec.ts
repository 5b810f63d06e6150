import { expect, test } from '@playwright/test';
import { en, planIdOf, signIn, zh } from './helpers';

test('signed out, a plan page sends you to sign in and back', async ({ page }) => {
	await page.goto('/plans/demo/tasks?phase=pilot');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/plans/demo/tasks?phase=pilot');
});

test('the leader signs in and lands on the overview of their plan', async ({ page }) => {
	await signIn(page, 'leader');
	await expect(page).toHaveURL(/\/plans\/[^/]+$/);
	const plans = (await (await page.request.get('/api/plans')).json()) as { id: string; title: string }[];
	const plan = plans.find((p) => p.id === planIdOf(page))!;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(plan.title);

	const nav = page.getByRole('navigation', { name: zh.nav_main });
	for (const key of ['nav_overview', 'nav_tasks', 'nav_gantt', 'nav_schools', 'nav_pairings']) {
		await expect(nav.getByRole('link', { name: zh[key], exact: true })).toBeVisible();
	}
	// Only administrators see the admin link.
	await expect(nav.getByRole('link', { name: zh.nav_admin })).toHaveCount(0);
	await expect(page.getByRole('link', { name: zh.nav_overview, exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(page.getByText(zh.overview_overdue, { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: zh.overview_timeline })).toBeVisible();
});

test('the overdue link opens the task table filtered to overdue tasks', async ({ page }) => {
	await signIn(page, 'leader');
	await page.getByRole('link', { name: zh.overview_view_overdue }).click();
	await expect(page).toHaveURL(/\/tasks\?filter=overdue$/);
	// The grid reads the overview's link as its attention filter.
	await expect(page.locator('form.filters').getByLabel(zh.tasks_col_attention)).toHaveValue('overdue');
	const rows = page.locator('[role="row"][data-task-id]');
	await expect(rows.first()).toBeVisible();
	const count = await rows.count();
	for (let i = 0; i < count; i++) {
		await expect(rows.nth(i).locator('[data-field="attention"]')).toContainText(zh.attention_overdue);
	}
});

test('every plan page opens from the navigation', async ({ page }) => {
	await signIn(page, 'leader');
	const nav = page.getByRole('navigation', { name: zh.nav_main });
	for (const key of ['nav_gantt', 'nav_schools', 'nav_pairings', 'nav_tasks', 'nav_overview']) {
		await nav.getByRole('link', { name: zh[key], exact: true }).click();
		await expect(nav.getByRole('link', { name: zh[key], exact: true })).toHaveAttribute('aria-current', 'page');
	}
	await nav.getByRole('link', { name: zh.nav_schools, exact: true }).click();
	await expect(page.getByRole('table', { name: zh.schools_matrix }).getByRole('columnheader', { name: zh.common_school_name })).toBeVisible();
	expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
});

test('the admin sees the admin link; an unknown plan is a 404', async ({ page }) => {
	await signIn(page, 'admin');
	await expect(page.getByRole('navigation', { name: zh.nav_main }).getByRole('link', { name: zh.nav_admin })).toBeVisible();
	const res = await page.goto('/plans/no-such-plan');
	expect(res?.status()).toBe(404);
});

test('switching to English changes the navigation and survives a reload', async ({ page }) => {
	await signIn(page, 'leader');
	const nav = page.getByRole('navigation', { name: zh.nav_main });
	await expect(nav.getByRole('link', { name: zh.nav_tasks })).toBeVisible();
	await page.getByRole('group', { name: zh.locale_label }).getByRole('button', { name: en.locale_en }).click();

	const enNav = page.getByRole('navigation', { name: en.nav_main });
	await expect(enNav.getByRole('link', { name: en.nav_tasks })).toBeVisible();
	await expect(enNav.getByRole('link', { name: en.nav_overview })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.reload();
	await expect(enNav.getByRole('link', { name: en.nav_tasks })).toBeVisible();
	await expect(page.getByRole('button', { name: en.nav_sign_out })).toBeVisible();

	await page.getByRole('button', { name: zh.locale_zh }).click();
	await expect(nav.getByRole('link', { name: zh.nav_tasks })).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
	await signIn(page, 'leader');
	await page.getByRole('button', { name: zh.nav_sign_out }).click();
	// Sign-out first wipes this browser's offline copies, then posts the form.
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/plans/demo');
	await expect(page).toHaveURL(/\/login/);
});

test('the sign-in page switches language before anyone signs in', async ({ page }) => {
	await page.goto('/login');
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('button', { name: zh.auth_sign_in })).toBeVisible();
	await page.getByRole('group', { name: zh.locale_label }).getByRole('button', { name: en.locale_en }).click();
	await expect(page.getByRole('button', { name: en.auth_sign_in })).toBeVisible();
	await expect(page.getByLabel(en.auth_username)).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
