// End to end in a real browser: headless Chromium opens the built site from file:// and from a web server on a
// sub-path, navigates as a reader would, searches, crawls every page, and loads a site built from a hostile model.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { diffGraphs } from '../../language/src/diff/diff.js';
import { Paths } from '../../language/src/emitters/site/index.js';
import { renderSite, writeSite } from '../../cli/src/site/write-site.js';
import { CHROMIUM, launchChromium } from '../support/chromium.js';
import { acmeGraph, XSS_FIXTURE } from './site-helpers.js';

const available = existsSync(CHROMIUM);
const ARTIFACTS = resolve('test-artifacts/site');

if (!available && process.env.CI) {
    // In CI the browser is part of the setup (.ci/run installs it): its absence is a failure, never a skip.
    describe('site in a browser', () => {
        it('needs Chromium', () => {
            throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
        });
    });
}

let browser: Browser;
let server: Server;
let base: string;
let acmeDir: string;
let xssDir: string;

describe.skipIf(!available)('site in a browser', () => {
    beforeAll(async () => {
        const root = mkdtempSync(join(tmpdir(), 'pom-browser-'));
        acmeDir = join(root, 'sub');
        xssDir = join(root, 'xss');
        // As pom build writes it: the real diagrams of the built-in views, with their nodes linking to object pages.
        // With changes since an earlier version (a bet fewer, an input healthier), so the crawl covers the changes page.
        const acme = await acmeGraph();
        const earlier = {
            ...acme,
            objects: acme.objects
                .filter(o => o.id !== 'acme.bets.instant-payouts')
                .map(o => (o.id === 'acme.strategy.false-declines' ? { ...o, fields: { ...o.fields, health: 'at-risk' } } : o)),
        };
        await writeSite(acmeDir, await renderSite(acme, { changes: diffGraphs(earlier, acme, { from: 'v1', to: 'working tree' }) }));
        await writeSite(xssDir, await renderSite((await compileWorkspace(XSS_FIXTURE)).graph));
        mkdirSync(ARTIFACTS, { recursive: true });
        // A static server: the site lives under /sub/ (and the hostile one under /xss/), never at the root.
        server = createServer((request, response) => {
            const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
            const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
            if (!file.startsWith(root) || !existsSync(file)) {
                response.writeHead(404);
                response.end('not found');
                return;
            }
            const types: Record<string, string> = {
                '.html': 'text/html; charset=utf-8',
                '.js': 'text/javascript',
                '.css': 'text/css',
                '.svg': 'image/svg+xml',
            };
            response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
            response.end(readFileSync(file));
        });
        await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
        const address = server.address();
        base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        browser = await launchChromium(['--disable-background-networking']);
    });

    afterAll(async () => {
        await browser?.close();
        await new Promise(r => server?.close(r));
    });

    /** A page that records console errors, script errors, failed requests and dialogs. */
    async function open(options: { width?: number; dark?: boolean; injectScripts?: boolean } = {}) {
        // Injecting axe-core needs the page's Content-Security-Policy set aside; nothing else does.
        const context = await browser.newContext({
            viewport: { width: options.width ?? 1280, height: 900 },
            colorScheme: options.dark ? 'dark' : 'light',
            bypassCSP: options.injectScripts === true,
        });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', message => {
            if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });
        page.on('pageerror', error => problems.push(`script error: ${error.message}`));
        // A request aborted because the test navigated on (the favicon, mostly) is not a failure of the site.
        page.on('requestfailed', request => {
            if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
        });
        page.on('dialog', dialog => {
            problems.push(`dialog: ${dialog.message()}`);
            void dialog.dismiss();
        });
        return { page, problems, close: () => context.close() };
    }

    const origins = () => [
        { name: 'file', home: pathToFileURL(join(acmeDir, 'index.html')).href },
        { name: 'http', home: `${base}/sub/` },
    ];

    for (const origin of [{ name: 'file' }, { name: 'http' }]) {
        it(`reads from ${origin.name}: home → view → diagram node → object page → backlink, then search`, async () => {
            const { home } = origins().find(o => o.name === origin.name)!;
            const { page, problems, close } = await open();
            await page.goto(home);
            expect(await page.locator('h1').textContent()).toBe('Strategy');
            await page
                .getByRole('navigation', { name: 'Site' })
                .getByRole('link', { name: /^Views/ })
                .click();
            await page.locator('main').getByRole('link', { name: 'Team: Checkout', exact: true }).click();
            expect(await page.locator('h1').textContent()).toBe('Team: Checkout');
            // The diagram's own stylesheet applied (allowed by its CSP hash): nodes are filled, not default black.
            const fill = await page
                .locator('g[data-id="acme.bets.express-wallets"] rect')
                .first()
                .evaluate(rect => getComputedStyle(rect).fill);
            expect(fill).not.toBe('rgb(0, 0, 0)');
            if (origin.name === 'http') await page.screenshot({ path: join(ARTIFACTS, 'view.png'), fullPage: true });
            // A compound node: its header (type and title) is the part not covered by the work nested in it.
            await page.locator('g[data-id="acme.bets.express-wallets"] > a > text.pom-type').first().click();
            expect(await page.locator('h1').textContent()).toBe('Express Apple Pay and Google Pay');
            await page.locator('section:has(h2:text("Backlinks"))').getByRole('link', { name: 'Apple Pay on the web' }).click();
            expect(await page.locator('h1').textContent()).toBe('Apple Pay on the web');

            await page.locator('#site-search').fill('wallet');
            await page.locator('#site-search').press('Enter');
            await page.waitForSelector('#search-results li');
            const results = await page.locator('#search-results .result-title').allTextContents();
            expect(results).toContain('Express Apple Pay and Google Pay');
            expect(await page.locator('#search-status').textContent()).toMatch(/\d+ results?/);
            if (origin.name === 'http') await page.screenshot({ path: join(ARTIFACTS, 'search.png'), fullPage: true });
            await page.getByRole('link', { name: 'Express Apple Pay and Google Pay' }).first().click();
            expect(await page.locator('h1').textContent()).toBe('Express Apple Pay and Google Pay');
            expect(problems).toEqual([]);
            await close();
        });

        it(`gives diagrams their font from one file, and exports diagrams with it, from ${origin.name}`, async () => {
            const { home } = origins().find(o => o.name === origin.name)!;
            const { page, problems, close } = await open({ dark: true });
            await page.goto(new URL('v/strategy.html', home).href);
            // The page inlines the diagram without a copy of the font: assets/fonts.js registers it, once for the site.
            expect(await page.content()).not.toContain('data:font/woff2');
            expect(
                await page.evaluate(async () => {
                    await document.fonts.ready;
                    return [400, 600].map(
                        weight =>
                            document.fonts.check(`${weight} 12px "IBM Plex Sans"`) &&
                            Array.from(document.fonts as unknown as Iterable<FontFace>).some(
                                face => face.family.includes('IBM Plex Sans') && face.weight === String(weight) && face.status === 'loaded',
                            ),
                    );
                }),
            ).toEqual([true, true]);
            // An exported SVG carries the font (a file read anywhere else has no fonts.js).
            const downloading = page.waitForEvent('download');
            await page.getByRole('button', { name: 'Export SVG' }).click();
            const download = await downloading;
            const exported = readFileSync(await download.path(), 'utf8');
            expect(exported).toMatch(/@font-face\{font-family:'IBM Plex Sans';font-style:normal;font-weight:600;src:url\(data:font\/woff2;base64,/);
            // ...and the theme shown (dark here), wherever it is opened: a light reader sees the same colours.
            const node = 'g[data-id] rect';
            const shown = await page
                .locator(node)
                .first()
                .evaluate(rect => getComputedStyle(rect).fill);
            const reader = await open();
            await reader.page.setContent(exported);
            expect(
                await reader.page
                    .locator(node)
                    .first()
                    .evaluate(rect => getComputedStyle(rect).fill),
            ).toBe(shown);
            await reader.close();
            expect(problems).toEqual([]);
            await close();
        });

        // Over http the crawl reads on a phone: no page may scroll sideways (a wide table scrolls on its own).
        const phone = origin.name === 'http';
        it(`has no broken links and no errors on any page, from ${origin.name}${phone ? ', and fits a phone screen' : ''}`, async () => {
            const { home } = origins().find(o => o.name === origin.name)!;
            const tabs = await Promise.all([1, 2, 3, 4].map(() => open(phone ? { width: 390 } : {})));
            const seen = new Set<string>([home]);
            const queue = [home];
            const broken: string[] = [];
            const overflowing: string[] = [];
            // Four tabs crawl at once: every page the site links to, each checked for load errors and console errors.
            await Promise.all(
                tabs.map(async ({ page }) => {
                    for (let url = queue.shift(); url !== undefined || queue.length > 0; url = queue.shift()) {
                        if (url === undefined) {
                            await new Promise(r => setTimeout(r, 20));
                            continue;
                        }
                        const response = await page.goto(url, { waitUntil: 'domcontentloaded' }).catch((error: unknown) => {
                            broken.push(`${url}: ${(error as Error).message}`);
                            return null;
                        });
                        if (origin.name === 'http' && response && response.status() !== 200) broken.push(`${url}: ${response.status()}`);
                        if (phone) {
                            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
                            if (overflow > 0) overflowing.push(`${url.slice(home.length)}: ${overflow} px too wide`);
                        }
                        // Diagram nodes are SVG links: resolve their href attribute as the browser would.
                        const hrefs = await page.$$eval('a[href]', anchors => anchors.map(a => new URL(a.getAttribute('href')!, document.baseURI).href));
                        for (const href of hrefs) {
                            const clean = href.split('#')[0].split('?')[0];
                            if (!clean.startsWith(new URL('.', home).href) || seen.has(clean)) continue;
                            seen.add(clean);
                            queue.push(clean);
                        }
                    }
                }),
            );
            expect(broken).toEqual([]);
            expect(overflowing.sort()).toEqual([]);
            expect(tabs.flatMap(tab => tab.problems)).toEqual([]);
            expect(seen.size).toBeGreaterThan(150);
            expect(seen).toContain(new URL(Paths.changes, home).href);
            await Promise.all(tabs.map(tab => tab.close()));
        }, 180_000);
    }

    it('sorts tables, switches theme, and fits a phone screen', async () => {
        const { page, problems, close } = await open();
        await page.goto(`${base}/sub/${Paths.type('std.bet')}`);
        const firstCell = () => page.locator('table.sortable tbody tr:first-child td:first-child a').textContent();
        await page.getByRole('button', { name: 'Title' }).click();
        expect(await page.locator('th[aria-sort="ascending"]').textContent()).toBe('Title');
        const ascending = await firstCell();
        await page.getByRole('button', { name: 'Title' }).click();
        expect(await firstCell()).not.toBe(ascending);

        await page.goto(`${base}/sub/${Paths.object('acme.bets.express-wallets')}`);
        await page.screenshot({ path: join(ARTIFACTS, 'bet-light.png'), fullPage: true });
        await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
        expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
        await page.goto(`${base}/sub/${Paths.object('acme.org.data-platform')}`);
        expect(await page.locator('html').getAttribute('data-theme')).toBe('dark'); // the choice is remembered
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe('rgb(19, 20, 22)');
        await page.screenshot({ path: join(ARTIFACTS, 'team-dark.png'), fullPage: true });
        await page.goto(`${base}/sub/`);
        await page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: true });
        expect(problems).toEqual([]);
        await close();

        const phone = await open({ width: 390 });
        await phone.page.goto(`${base}/sub/${Paths.object('acme.bets.express-wallets')}`);
        const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await phone.page.locator('details.sidebar').getAttribute('open')).toBeNull(); // the menu folds away
        await phone.page.screenshot({ path: join(ARTIFACTS, 'bet-phone.png'), fullPage: true });
        expect(phone.problems).toEqual([]);
        await phone.close();
    });

    it('draws metric charts in the colour of their data status, within a phone screen', async () => {
        const phone = await open({ width: 390 });
        await phone.page.goto(`${base}/sub/${Paths.object('acme.strategy.activation-speed')}`);
        const chart = phone.page.locator('.metric-chart svg.pom-sparkline').first();
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(100);
        // Off track by its data: the line is drawn in the site's "bad" colour (currentColor, set by the stylesheet).
        const stroke = await chart.locator('polyline').evaluate(line => getComputedStyle(line).stroke);
        const bad = await phone.page.evaluate(() => getComputedStyle(document.querySelector('.health-off-track')!).color);
        expect(stroke).toBe(bad);
        expect(await phone.page.locator('.contradiction').isVisible()).toBe(true);
        expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await phone.page.screenshot({ path: join(ARTIFACTS, 'metrics-phone.png'), fullPage: true });
        await phone.page.goto(`${base}/sub/${Paths.offTrack}`);
        expect(await phone.page.locator('tbody svg.pom-sparkline').count()).toBeGreaterThan(3);
        expect(phone.problems).toEqual([]);
        await phone.close();
    });

    it('every page type passes axe-core (WCAG 2.1 A and AA), in the light and the dark theme', async () => {
        // axe-core's own text, injected into each page (it runs in the page, not in Node).
        const axe = (await import('axe-core')).default.source;
        const pages = [
            Paths.home,
            Paths.views,
            Paths.view('acme.views.strategy-map'),
            Paths.object('acme.bets.express-wallets'),
            Paths.object('acme.org.payments-core'),
            Paths.object('acme.strategy.activation-speed'),
            Paths.object('acme.strategy.monthly-gpv'),
            Paths.types,
            Paths.type('std.bet'),
            Paths.teams,
            Paths.horizons,
            Paths.horizon('quarters'),
            Paths.offTrack,
            Paths.deliveryRisk,
            Paths.health,
            Paths.changes,
            Paths.query('std.investment'),
            `${Paths.search}?q=checkout`,
        ];
        const violations: string[] = [];
        for (const dark of [false, true]) {
            const { page, problems, close } = await open({ dark, injectScripts: true });
            for (const path of pages) {
                await page.goto(`${base}/sub/${path}`);
                if (path.startsWith(Paths.search)) await page.waitForSelector('#search-results li');
                await page.evaluate(axe);
                const found = await page.evaluate(() =>
                    (
                        window as unknown as {
                            axe: {
                                run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
                            };
                        }
                    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
                );
                for (const violation of found.violations) {
                    violations.push(`${dark ? 'dark' : 'light'} ${path}: ${violation.id} at ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`);
                }
            }
            expect(problems).toEqual([]);
            await close();
        }
        expect(violations).toEqual([]);
    }, 120_000);

    it('shows every horizon on a 1280 px screen, decades included, with no sideways scroller', async () => {
        const { page, problems, close } = await open();
        await page.goto(`${base}/sub/${Paths.horizons}`);
        const columns = page.locator('.timeline > .horizon-column');
        expect(await columns.count()).toBe(6);
        const width = await page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().right);
        for (const box of await Promise.all((await columns.all()).map(column => column.boundingBox()))) {
            expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        }
        expect(await page.locator('.timeline').evaluate(list => list.scrollWidth - list.clientWidth)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(ARTIFACTS, 'horizons.png'), fullPage: true });
        expect(problems).toEqual([]);
        await close();
    });

    it('can be used with the keyboard alone: skip link, then focusable links', async () => {
        const { page, close } = await open();
        await page.goto(`${base}/sub/`);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => location.hash)).toBe('#main');
        await close();
    });

    it('a site built from a hostile model runs no script of the model, from file:// and http', async () => {
        for (const home of [pathToFileURL(join(xssDir, 'index.html')).href, `${base}/xss/`]) {
            const { page, problems, close } = await open();
            const pages = [
                Paths.home,
                Paths.object('evil.star'),
                Paths.object('evil.red'),
                Paths.object('evil.attack'),
                Paths.object('evil.second'),
                Paths.object('evil.area'),
                Paths.object('evil.drv'),
                Paths.object('evil.inp'),
                Paths.type('evil.trap'),
                Paths.offTrack,
                Paths.deliveryRisk,
                Paths.health,
                Paths.teams,
                Paths.horizons,
            ];
            for (const path of pages) {
                await page.goto(new URL(path, home).href);
            }
            await page.goto(new URL(`${Paths.search}?q=alert`, home).href);
            await page.waitForSelector('#search-results li');
            expect(await page.locator('#search-results li').count()).toBeGreaterThan(3);
            await page.goto(new URL(Paths.object('evil.star'), home).href);
            const hrefs = await page.$$eval('main a[href]', anchors => anchors.map(a => a.getAttribute('href')));
            expect(hrefs.filter(h => /script:/i.test(h ?? ''))).toEqual([]);
            expect(await page.evaluate(() => document.querySelectorAll('main script, main iframe, main img').length)).toBe(0);
            if (home.startsWith('http')) await page.screenshot({ path: join(ARTIFACTS, 'xss.png'), fullPage: true });
            expect(problems).toEqual([]);
            await close();
        }
    });
});
