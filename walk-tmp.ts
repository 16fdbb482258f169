import { chromium } from 'playwright-core';
import { loggedInAs } from './tests/support/browser.ts';

const url = 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await loggedInAs(browser, url, process.argv[2] ?? 'Sophie Rochat', { width: 360, timeout: 30_000 });
for (const path of process.argv.slice(3)) {
  await page.goto(`${url}${path}`);
  const name = path.replace(/[^a-z0-9]+/gi, '_');
  await page.screenshot({ path: `/tmp/walk/${name}.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  console.log(path, page.url(), 'h1:', await page.locator('h1').first().textContent(), overflow ? 'OVERFLOW' : '');
}
await browser.close();
