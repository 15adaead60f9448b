import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '@thidua/contracts';
import type { Executor } from '../server/src/platform/database.js';
import { DEFAULT_PASSWORD } from '../server/test/app.js';
import { newUser, type TestUnit } from '../server/test/factories.js';

/**
 * Retries a read of the page until the matcher holds. Vitest's default (1 s) is shorter than a
 * debounced search plus a pg-boss job, hence the longer wait; it never sleeps a fixed time.
 */
export function eventually<T>(read: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** A user with roles, under a realistic Vietnamese display name (what the header and home page show). */
export async function newNamedUser(db: Executor, displayName: string, roles: [Role, TestUnit][] = []) {
  const user = await newUser(db, { roles });
  await db.updateTable('users').set({ display_name: displayName }).where('id', '=', user.id).execute();
  return { ...user, displayName };
}

/** Fills and sends the sign-in form (/dang-nhap) without waiting for the outcome. */
export async function submitSignIn(page: Page, username: string, password = DEFAULT_PASSWORD) {
  await page.goto('/dang-nhap');
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
  await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(password);
  // Exact: while the request runs the button is named "loading Đăng nhập".
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Signs in through the form and waits for the signed-in shell (the sign-out button, on desktop and phone). */
export async function signIn(page: Page, username: string, password = DEFAULT_PASSWORD) {
  await submitSignIn(page, username, password);
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/**
 * Opens an antd Select by its label and clicks an option. Options are hidden from the accessibility
 * tree, so the option is found by its title in the dropdown that is open.
 */
export async function chooseOption(scope: Page | Locator, page: Page, label: string, option: string, typed?: string) {
  const box = scope.getByRole('combobox', { name: label });
  await box.click();
  if (typed !== undefined) await box.fill(typed);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** The full names linked in the people table (/can-bo), in page order. */
export function peopleNames(page: Page) {
  return page.getByRole('main').getByRole('table').getByRole('link').allTextContents();
}

/** Calls the API from the signed-in page, as the web app does (session cookie and CSRF header): data arranged through the API. */
export async function callApi<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([m, u, b]) => {
      const { cookie } = (globalThis as unknown as { document: { cookie: string } }).document;
      const csrf = cookie.split('; ').find((c) => c.startsWith('thidua_csrf='))?.slice('thidua_csrf='.length) ?? '';
      const r = await fetch(u as string, {
        method: m as string,
        headers: { ...(b === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': decodeURIComponent(csrf) },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: (await r.json()) as unknown };
    },
    [method, url, body] as const,
  );
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}
