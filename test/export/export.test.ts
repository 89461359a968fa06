// Exports for slides, wikis and other tools: PNG (resvg), Mermaid, draw.io, CSV and GraphML, checked by what reads them.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { resolveView } from '../../language/src/views/resolve-views.js';
import { DIAGRAM_FONT_FAMILY } from '../../language/src/render.js';
import { svgToPng } from '../../cli/src/export/png.js';
import { pom } from '../cli-run.js';
import { ACME } from '../helpers.js';
import { CHROMIUM, launchChromium } from '../support/chromium.js';

const out = mkdtempSync(join(tmpdir(), 'pom-export-'));

describe('pom diagram --format png', () => {
    it('renders the SVG at the expected size, in colour and with text, through resvg', async () => {
        const svg = (await pom(['diagram', 'strategy', ACME])).stdout;
        const [, width, height] = /<svg [^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg)!;
        const file = join(out, 'strategy.png');
        const result = await pom(['diagram', 'strategy', ACME, '--format', 'png', '--scale', '2', '-o', file]);
        expect(result.code, result.stderr).toBe(0);
        const png = readFileSync(file);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.ceil(Number(width) * 2), Math.ceil(Number(height) * 2)]);
        // Not one blank colour: ImageMagick counts the colours (boxes, type colours, anti-aliased text).
        const colours = Number(execFileSync('identify', ['-format', '%k', file], { encoding: 'utf8' }));
        expect(colours).toBeGreaterThan(50);
        // The type colours of the stylesheet are in the picture: the bet's pink border (#c3005a), among others.
        const histogram = execFileSync('convert', [file, '-format', '%c', 'histogram:info:-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        expect(histogram.toLowerCase()).toContain('#c3005a');
        expect(histogram.toLowerCase()).toContain('#3c3cb4');
    }, 120_000);

    it('draws semibold text semibold and regular text regular, the same on every run', async () => {
        // Two lines of the same letters, one in each weight the diagrams use: the semibold one carries more ink.
        const svg =
            `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80"><rect width="240" height="80" fill="#fff"/>` +
            `<text x="8" y="30" font-family="${DIAGRAM_FONT_FAMILY}" font-size="22" font-weight="400" fill="#000">HNMWHNMW</text>` +
            `<text x="8" y="70" font-family="${DIAGRAM_FONT_FAMILY}" font-size="22" font-weight="600" fill="#000">HNMWHNMW</text></svg>`;
        const first = await svgToPng(svg, { theme: 'light' });
        const file = join(out, 'weights.png');
        writeFileSync(file, first.png);
        const ink = (top: number) =>
            1 - Number(execFileSync('convert', [file, '-crop', `240x40+0+${top}`, '-format', '%[fx:mean]', 'info:'], { encoding: 'utf8' }));
        expect(ink(40)).toBeGreaterThan(ink(0) * 1.15);
        for (let run = 0; run < 3; run++) expect((await svgToPng(svg, { theme: 'light' })).png.equals(first.png)).toBe(true);
    }, 60_000);

    it('refuses to write a PNG to a terminal', async () => {
        const result = await pom(['diagram', 'strategy', ACME, '--format', 'png']);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('pom: error: a PNG is not written to a terminal: give -o <file>.png\n');
    }, 60_000);
});

describe('pom diagram --format mermaid and drawio', async () => {
    const { graph } = await compileWorkspace(ACME);
    const views = ['strategy', 'team:acme.org.checkout-team'];

    it("writes Mermaid flowcharts that Mermaid's own parser accepts", async () => {
        expect(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}`).toBe(true);
        const texts = await Promise.all(views.map(async view => (await pom(['diagram', view, ACME, '--format', 'mermaid'])).stdout));
        for (const [i, text] of texts.entries()) {
            expect(text).toMatch(/^flowchart (LR|RL|TB|BT)\n/);
            for (const node of resolveView(graph, views[i])!.nodes)
                expect(text).toContain(graph.objects.find(o => o.id === node.id)!.title!.replace(/"/g, '#34;'));
        }
        const browser = await launchChromium();
        try {
            const page = await browser.newPage();
            await page.addScriptTag({ path: resolve('node_modules/mermaid/dist/mermaid.min.js') });
            const parse = (text: string) =>
                page.evaluate(async source => {
                    try {
                        return { ok: Boolean(await (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid.parse(source)) };
                    } catch (error) {
                        return { ok: false, error: String(error) };
                    }
                }, text);
            for (const text of texts) expect(await parse(text)).toEqual({ ok: true });
            // The parser does reject a broken chart, so the check above can fail.
            expect((await parse('flowchart LR\n  n0["open -->')).ok).toBe(false);
        } finally {
            await browser.close();
        }
    }, 180_000);

    it("writes draw.io XML holding every node of the view where the layout puts it, with the SVG's colours", async () => {
        const file = join(out, 'strategy.drawio');
        const result = await pom(['diagram', 'strategy', ACME, '--format', 'drawio', '-o', file]);
        expect(result.code, result.stderr).toBe(0);
        const xml = readFileSync(file, 'utf8');
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
        const root = parsed.mxfile.diagram.mxGraphModel.root;
        const objects = [root.UserObject].flat() as Array<{ pomId: string; mxCell: { style: string; mxGeometry: { x: string; width: string } } }>;
        expect(objects.map(o => o.pomId).sort()).toEqual(
            resolveView(graph, 'strategy')!
                .nodes.map(n => n.id)
                .sort(),
        );
        for (const o of objects) expect(Number(o.mxCell.mxGeometry.width)).toBeGreaterThan(50);
        const bet = objects.find(o => o.pomId === 'acme.bets.one-click-checkout')!;
        expect(bet.mxCell.style).toContain('strokeColor=#c3005a');
        const edges = [root.mxCell].flat().filter((c: { edge?: string }) => c.edge === '1');
        expect(edges.length).toBe(resolveView(graph, 'strategy')!.edges.length);
    }, 120_000);
});

describe('pom export', async () => {
    const { graph } = await compileWorkspace(ACME);

    it('writes CSV tables of objects and of links for spreadsheets', async () => {
        const objects = await pom(['export', ACME, '--format', 'csv']);
        expect(objects.code, objects.stderr).toBe(0);
        const rows = objects.stdout.trimEnd().split('\r\n');
        expect(rows[0]).toMatch(/^id,type,title,parent,file,line,/);
        expect(rows.length).toBe(graph.objects.length + 1);
        expect(rows.find(r => r.startsWith('acme.bets.one-click-checkout,'))).toMatch(
            /^acme\.bets\.one-click-checkout,experiment,One-click checkout with saved cards,,bets\/commerce\.pom,\d+,/,
        );
        const links = await pom(['export', ACME, '--format', 'csv', '--table', 'links']);
        const linkRows = links.stdout.trimEnd().split('\r\n');
        expect(linkRows.length).toBe(graph.objects.reduce((n, o) => n + o.links.length, 0) + 1);
        expect(linkRows).toContainEqual(expect.stringMatching(/^acme\.bets\.one-click-checkout,targets,acme\.strategy\.checkout-completion,.*\+2pp/));
    }, 120_000);

    it('writes GraphML with every object as a node and every link as an edge', async () => {
        const file = join(out, 'model.graphml');
        expect((await pom(['export', ACME, '--format', 'graphml', '-o', file])).code).toBe(0);
        const xml = readFileSync(file, 'utf8');
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
        expect(parsed.graphml.graph.node.length).toBe(graph.objects.length);
        expect(parsed.graphml.graph.edge.length).toBe(graph.objects.reduce((n, o) => n + o.links.length, 0));
    }, 60_000);
});
