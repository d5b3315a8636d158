// Journey: switching the console between Chinese (the default) and English; the choice is kept in
// localStorage `tempered.lang` across reloads, and <html lang> follows it.
import { describe, expect, it } from 'vitest';
import { signIn, useConsole } from './support/console';

const ctx = useConsole();

describe('the language switch', () => {
  it('turns the console into English and back, remembered across reloads', async () => {
    // given an officer signed in, in Chinese by default
    const page = await signIn(ctx, { role: 'officer', sub: 'officer-lang', agency: 'SAMR-L' });
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // when the officer switches to English
    await page.getByLabel('语言').click();
    await page.locator('.ant-select-dropdown:visible').getByText('English').click();

    // then the console speaks English, and says so to the browser
    await page.getByRole('heading', { name: 'To do' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate('localStorage.getItem("tempered.lang")')).toBe('en');

    // and stays English after a reload
    await page.reload();
    await page.getByRole('heading', { name: 'To do' }).waitFor();
    await page.getByRole('link', { name: 'Statistics' }).waitFor();

    // and back to Chinese
    await page.getByLabel('Language').click();
    await page.locator('.ant-select-dropdown:visible').getByText('中文').click();
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  }, 120_000);
});
