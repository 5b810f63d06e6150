/** Shared steps of the end-to-end specs: messages by key, signing in, screenshots. */
import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MESSAGES = resolve(import.meta.dirname, '../../src/lib/i18n/messages');
type Messages = Record<string, string>;
const load = (locale: string): Messages => JSON.parse(readFileSync(join(MESSAGES, `${locale}.json`), 'utf8'));

/** The UI's own strings, so specs find elements by the labels users see. */
export const zh = load('zh-CN');
export const en = load('en');

export const DEMO_PASSWORD = 'demo-pass';

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
	// After hydration: hydrating the form would otherwise reset a value typed into it.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel(zh.auth_username).fill(username);
	await page.getByLabel(zh.auth_password).fill(password);
	await expect(page.getByLabel(zh.auth_username)).toHaveValue(username);
	await page.getByRole('button', { name: zh.auth_sign_in }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

export const OUTPUT = resolve(import.meta.dirname, '.output');

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
	mkdirSync(OUTPUT, { recursive: true });
	await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage });
}

/** The plan the signed-in user landed on, from the URL `/plans/:planId`. */
export function planIdOf(page: Page): string {
	const match = /\/plans\/([^/?#]+)/.exec(page.url());
	if (!match) throw new Error(`not on a plan page: ${page.url()}`);
	return decodeURIComponent(match[1]);
}

/** Runs `step` in Chinese, then again after switching the UI to English with the header's button. */
export async function inBothLocales(page: Page, step: (locale: 'zh-CN' | 'en', msgs: Messages) => Promise<void>): Promise<void> {
	await step('zh-CN', zh);
	await page.getByRole('button', { name: en.locale_en }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await step('en', en);
}
