// The console's OpenID Connect sign-in (#21) against a real provider started here (oidc-provider):
// the sign-in page offers the organisation's sign-in instead of the development one, the browser
// goes through the provider's login page and back (authorization code with PKCE), and the officer
// reaches the to-do list with the provider's access token, which the API verifies. The token is
// renewed silently before it expires (refresh token), survives a reload, and signing out ends the
// session at the provider too. A session whose token expired sends the user back to sign in, saying so.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../scripts/buildConsole';
import { AUDIENCE, useOidc, type OidcApi } from '../support/oidcApi';
import { seriousViolations } from './support/axe';
import { launchBrowser, screenshots, WIDTHS, type Browser } from './support/browser';
import { API_SCOPE, startSignInProvider, type SignInProvider } from './support/oidcSignIn';

const { apiFor } = useOidc();
/** oidc-client-ts renews 60 s before expiry: with 70 s tokens, about 10 s after sign-in. */
const ACCESS_TOKEN_SECONDS = 70;

let provider: SignInProvider;
let api: OidcApi;
let browser: Browser;

beforeAll(async () => {
  await ensureConsoleBuilt(() => undefined);
  provider = await startSignInProvider({ accessTokenSeconds: ACCESS_TOKEN_SECONDS });
  api = await apiFor(provider.issuer, { OIDC_SCOPES: `openid profile ${API_SCOPE}` });
  await provider.serve(api.url);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

const storedToken = (page: Page) => page.evaluate('sessionStorage.getItem("tempered.token")') as Promise<string | null>;
/** No serious or critical axe violation at either width (as screens.test.ts checks every screen), and screenshots. */
async function accessible(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    expect(await seriousViolations(page)).toEqual([]);
  }
  await screenshots(page, name);
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

/** The provider's pages ask for web fonts that do not resolve here: what counts is being there, not their `load`. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto(`${api.url}/`);
  await page.getByRole('button', { name: `使用 ${new URL(provider.issuer).host} 账号登录` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'commit' });
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === api.url && url.pathname === '/');
}

describe('signing in to the console through the organisation’s identity provider', () => {
  it('reaches the to-do list, renews the token silently, and signs out at the provider', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/sign-in`);
    // No development sign-in where tokens come from the provider.
    await page.getByRole('button', { name: /账号登录/ }).waitFor();
    expect(await page.getByLabel('角色').count()).toBe(0);
    await accessible(page, 'oidc-sign-in');

    await signInAtProvider(page, 'officer-zhang');
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    await page.getByText('暂无待办').waitFor(); // GET /tasks answered with the provider's token
    await page.getByText('officer-zhang').first().waitFor();
    const first = (await storedToken(page))!;
    expect(claimsOf(first)).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sub: 'officer-zhang' });

    // Renewed before it expires, without leaving the page; the console goes on with the new token.
    await expect.poll(() => storedToken(page), { timeout: 40_000, interval: 500 }).not.toBe(first);
    const renewed = (await storedToken(page))!;
    expect(claimsOf(renewed).exp).toBeGreaterThan(claimsOf(first).exp);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.reload();
    await page.getByText('暂无待办').waitFor();

    // Signing out ends the provider's session as well, and comes back to the sign-in page.
    await page.getByRole('button', { name: 'officer-zhang' }).click();
    await page.getByText('退出登录').click();
    await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === api.url && url.pathname === '/sign-in');
    expect(await storedToken(page)).toBeNull();
    await page.goto(`${api.url}/`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.close();
  }, 120_000);

  it('sends a user whose token the API refuses back to sign in, saying so; the provider signs them in again', async () => {
    const page = await browser.newPage();
    await signInAtProvider(page, 'officer-zhang');
    await page.getByText('暂无待办').waitFor();
    // The API refusing the token (expired, revoked): the console does not show a page of failures.
    await page.route('**/api/v1/tasks*', (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":{"code":"UNAUTHENTICATED"}}' }),
    );
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('登录已过期，请重新登录。').waitFor();
    await page.unroute('**/api/v1/tasks*');
    // Still signed in at the provider: no login page this time, straight back to the to-do list.
    await page.getByRole('button', { name: /账号登录/ }).click();
    await page.waitForURL((url) => url.origin === api.url && url.pathname === '/');
    await page.getByText('暂无待办').waitFor();
    expect(await page.getByText('登录已过期').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('says so when the provider’s answer cannot be used, with the way back to sign in', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/auth/callback?code=forged&state=unknown`);
    await page.getByText('未能完成登录').waitFor();
    await accessible(page, 'oidc-callback-failed');
    await page.getByRole('button', { name: '重新登录' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.close();
  }, 60_000);
});
