// Acme's diagrams as a reader sees them, light and dark, in Chromium: the PNGs land in test-artifacts/diagrams for
// people to look at; the test checks what a picture can show (the theme's background, text drawn in the font).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { renderDiagram } from '../../language/src/emitters/svg/render-diagram.js';
import { ElkPool } from '../../language/src/layout/elk-pool.js';
import { ACME } from '../helpers.js';
import { CHROMIUM, launchChromium } from '../support/chromium.js';

const ARTIFACTS = resolve('test-artifacts/diagrams');
const VIEWS = ['strategy', 'acme.views.strategy-map', 'team:acme.org.checkout-team', 'lineage:acme.bets.one-click-checkout'];

describe('acme diagrams in Chromium, light and dark', () => {
    let browser: Browser;
    const pool = new ElkPool(2);
    beforeAll(async () => {
        expect(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}`).toBe(true);
        browser = await launchChromium();
        mkdirSync(ARTIFACTS, { recursive: true });
    });
    afterAll(async () => {
        await browser?.close();
        await pool.close();
    });

    it("draws each view in both themes, recoloured by the page's data-theme", async () => {
        const { graph } = await compileWorkspace(ACME);
        for (const viewId of VIEWS) {
            const { svg } = await renderDiagram(graph, viewId, { pool });
            for (const theme of ['light', 'dark'] as const) {
                const page = await browser.newPage({ colorScheme: 'light' });
                // The theme comes from data-theme on an ancestor, as the site's toggle sets it, not from the preference.
                await page.setContent(`<!doctype html><html data-theme="${theme}"><body style="margin:0">${svg}</body></html>`);
                await page.evaluate(() => document.fonts.ready);
                const background = await page.locator('rect.pom-bg').evaluate(rect => getComputedStyle(rect).fill);
                expect(background, `${viewId} ${theme}`).toBe(theme === 'dark' ? 'rgb(24, 24, 27)' : 'rgb(255, 255, 255)');
                expect(await page.evaluate(() => document.fonts.check('14px "IBM Plex Sans"'))).toBe(true);
                await page.locator('svg.pom-diagram').screenshot({ path: join(ARTIFACTS, `${viewId.replace(/[^A-Za-z0-9.-]/g, '_')}-${theme}.png`) });
                await page.close();
            }
        }
    }, 300_000);
});
