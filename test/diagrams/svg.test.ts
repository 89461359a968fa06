import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderDiagram, renderDiagrams, UnknownViewError } from '../../language/src/emitters/svg/render-diagram.js';
import { ElkPool } from '../../language/src/layout/elk-pool.js';
import { compileOrg, declare } from './fixtures.js';

type XmlNode = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: false });

/** Parses an SVG, failing the test on malformed XML. */
function parse(svg: string): XmlNode[] {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
    const valid = XMLValidator.validate(svg);
    expect(valid, JSON.stringify(valid)).toBe(true);
    return parser.parse(svg) as XmlNode[];
}

/** Every element (tag name, attributes, text) in document order. */
function elements(nodes: XmlNode[], out: Array<{ tag: string; attrs: Record<string, string>; text: string }> = []) {
    for (const node of nodes) {
        const tag = Object.keys(node).find(key => key !== ':@');
        if (!tag || tag === '#text') continue;
        const children = node[tag] as XmlNode[];
        const text = children
            .filter(child => '#text' in child)
            .map(child => String(child['#text']))
            .join('');
        out.push({ tag, attrs: (node[':@'] ?? {}) as Record<string, string>, text });
        elements(children, out);
    }
    return out;
}

const decode = (text: string): string =>
    text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');

describe('SVG', () => {
    it('is well-formed, titled, described, and every node carries its object id', async () => {
        const graph = await compileOrg();
        const result = await renderDiagram(graph, 'strategy', { font: 'none' });
        const all = elements(parse(result.svg));
        const svg = all[0];
        expect(svg.tag).toBe('svg');
        expect(svg.attrs['@role']).toBe('img');
        expect(all.find(e => e.tag === 'title')?.text).toBe('Strategy');
        expect(all.find(e => e.tag === 'desc')?.text).toContain('6 objects and 5 links');
        const nodeIds = all.filter(e => e.attrs['@data-id'] && e.attrs['@class']?.includes('pom-node')).map(e => e.attrs['@data-id']);
        expect(nodeIds).toEqual(result.view.nodes.map(node => node.id));
        const edges = all.filter(e => e.attrs['@class']?.includes('pom-edge') && e.attrs['@data-kind']);
        expect(edges.map(e => e.attrs['@data-id'])).toEqual(result.view.edges.map(edge => edge.id));
        // Link kinds look different: each has its own marker and class.
        expect(new Set(edges.map(e => e.attrs['@class'])).size).toBe(2);
        expect(all.filter(e => e.tag === 'marker').map(e => e.attrs['@id'])).toEqual(['pom-m-std_drives', 'pom-m-std_targets']);
    });

    it('has a legend of the types and link kinds shown', async () => {
        const result = await renderDiagram(await compileOrg(), 'strategy', { font: 'none' });
        const legend = elements(parse(result.svg))
            .filter(e => e.attrs['@class'] === 'pom-legend-label')
            .map(e => e.text);
        expect(legend).toEqual(['Bet', 'Driver', 'Actionable input', 'North Star', 'drives', 'targets']);
    });

    it('reads in light and dark themes: colours are custom properties, dark under prefers-color-scheme', async () => {
        const graph = await compileOrg();
        const auto = (await renderDiagram(graph, 'strategy', { font: 'none' })).svg;
        expect(auto).toContain('@media (prefers-color-scheme: dark)');
        expect(auto).toMatch(/--pom-bg:#ffffff/);
        expect(auto).toMatch(/--pom-bg:#18181b/);
        const dark = (await renderDiagram(graph, 'strategy', { font: 'none', theme: 'dark' })).svg;
        expect(dark).not.toContain('prefers-color-scheme');
        expect(dark).not.toMatch(/--pom-bg:#ffffff/);
    });

    it('embeds the font by default, or points at the URLs the site serves it from', async () => {
        const graph = await compileOrg();
        expect((await renderDiagram(graph, 'team:org.platform')).svg).toMatch(
            /@font-face\{font-family:'IBM Plex Sans'[^}]*src:url\(data:font\/woff2;base64,[A-Za-z0-9+/]{1000,}/,
        );
        const served = (await renderDiagram(graph, 'team:org.platform', { font: { regular: '/fonts/plex-400.woff2', semibold: '/fonts/plex-600.woff2' } })).svg;
        expect(served).toContain('src:url("/fonts/plex-400.woff2")');
        expect(served).not.toContain('base64');
    });

    it('escapes hostile titles and ids in text and attributes, and links nodes where asked', async () => {
        const graph = await compileOrg(
            `bet evil "<script>alert('x')</script> & \\"quotes\\" \u202Eevil\u0007" { status: active  targets -> completion { expected: "+1" } }\n`,
        );
        const result = await renderDiagram(graph, 'strategy', { font: 'none', linkFor: id => `/objects/${id}.html?a=1&b="2"` });
        const all = elements(parse(result.svg));
        expect(all.some(e => e.tag === 'script')).toBe(false);
        const texts = all
            .filter(e => e.tag === 'text')
            .map(e => decode(e.text))
            .join(' ');
        expect(texts).toContain(`<script>alert('x')</script> & "quotes"`);
        // The control character (not allowed in XML) is replaced, not emitted.
        expect(result.svg).not.toContain('\u0007');
        const links = all.filter(e => e.tag === 'a').map(e => decode(e.attrs['@href']));
        expect(links).toContain('/objects/org.evil.html?a=1&b="2"');
        expect(links).toHaveLength(result.view.nodes.length);
    });

    it('is byte-identical when rendered twice, in parallel or not', async () => {
        const graph = await compileOrg();
        const first = await renderDiagrams(graph, ['strategy', 'team:org.checkout', 'lineage:org.one-click']);
        const second = await renderDiagrams(graph, ['lineage:org.one-click', 'team:org.checkout', 'strategy']);
        expect(second.map(r => r.svg).reverse()).toEqual(first.map(r => r.svg));
        expect(JSON.stringify(second[0].elk)).toBe(JSON.stringify(first[2].elk));
        expect(JSON.stringify(first[0].elk)).not.toContain('$H');
    });

    it('names the closest views when the id is unknown', async () => {
        const graph = declare(await compileOrg(), { id: 'org.exec', objects: ['org.gpv'] });
        const error = await renderDiagram(graph, 'team:org.chekout').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnknownViewError);
        expect((error as Error).message).toContain(`Did you mean 'team:org.checkout'`);
        expect(((await renderDiagram(graph, 'org.exce').catch((e: unknown) => e)) as Error).message).toContain(`'org.exec'`);
    });
});

describe('large views, deadlines and the layout cache', () => {
    it('reports a view over the size limit as too large without laying it out', async () => {
        const pool = new ElkPool(1);
        try {
            const result = await renderDiagram(await compileOrg(), 'strategy', { maxNodes: 3, pool, font: 'none' });
            expect(result.tooLarge).toMatchObject({ reason: 'nodes', nodes: 6 });
            expect(result.tooLarge!.message).toContain('over the diagram limit of 3');
            expect(pool.layouts).toBe(0);
            expect(elements(parse(result.svg)).some(e => e.tag === 'text' && e.text.includes('Not drawn'))).toBe(true);
        } finally {
            await pool.close();
        }
    });

    it('fails a layout past its deadline instead of drawing something else, and the pool keeps working', async () => {
        const pool = new ElkPool(1);
        try {
            const graph = await compileOrg();
            const started = Date.now();
            // The deadline guards against a stuck layout; it never changes what is drawn (no machine-dependent output).
            await expect(renderDiagram(graph, 'lineage:org.one-click', { timeoutMs: 1, pool, font: 'none' })).rejects.toThrow(
                /lineage:org.one-click.*still being laid out after 1 ms.*--layout-timeout/,
            );
            expect(Date.now() - started).toBeLessThan(10_000);
            // The stuck worker was replaced: the next layout succeeds.
            const next = await renderDiagram(graph, 'lineage:org.one-click', { pool, font: 'none' });
            expect(next.tooLarge).toBeUndefined();
        } finally {
            await pool.close();
        }
    });

    it('lays out views of the same shape once, each drawn with its own objects', async () => {
        // Two teams alike but for their names (short titles: boxes of the same size), and one whose long title makes
        // its box wider: the first two share a layout, the third has its own.
        const team = (id: string, title: string): string =>
            `team ${id} "${title}" { topology: platform }\nbet ${id}-bet "Bet" { status: active  owner -> ${id}  targets -> latency { expected: "-1ms" } }\n`;
        const graph = await compileOrg(team('alpha', 'Alpha') + team('beta', 'Beta') + team('gamma', 'A team with a much longer name than the others'));
        const one = new ElkPool(1);
        const all = new ElkPool(1);
        try {
            const [alone] = await renderDiagrams(graph, ['team:org.alpha'], { pool: one, font: 'none' });
            const [alpha, beta, gamma] = await renderDiagrams(graph, ['team:org.alpha', 'team:org.beta', 'team:org.gamma'], { pool: all, font: 'none' });
            expect(all.layouts).toBe(2 * one.layouts);
            expect(alpha.svg).toBe(alone.svg);
            // Beta's diagram is alpha's with beta's objects: same geometry, its own ids and titles.
            const ids = (result: typeof beta): string[] =>
                elements(parse(result.svg))
                    .filter(e => e.attrs['@data-id'] && e.attrs['@class']?.includes('pom-node'))
                    .map(e => e.attrs['@data-id']);
            expect(ids(beta)).toEqual(['org.beta', 'org.beta-bet', 'org.latency']);
            expect(beta.svg).toContain('Beta');
            expect(beta.svg).not.toContain('alpha');
            expect(beta.svg.replaceAll('beta', 'alpha').replaceAll('Beta', 'Alpha')).toBe(alpha.svg);
            expect(JSON.stringify(beta.elk).replaceAll('beta', 'alpha')).toBe(JSON.stringify(alpha.elk));
            expect(gamma.layout!.width).toBeGreaterThan(alpha.layout!.width);
        } finally {
            await Promise.all([one.close(), all.close()]);
        }
    });

    it('caches layouts on disk by their input: a second render does not call ELK', async () => {
        const cacheDir = mkdtempSync(join(tmpdir(), 'pom-layout-cache-'));
        const pool = new ElkPool(1);
        try {
            const graph = await compileOrg();
            const first = await renderDiagram(graph, 'strategy', { cacheDir, pool, font: 'none' });
            expect(first.cached).toBe(false);
            const calls = pool.layouts;
            expect(calls).toBeGreaterThanOrEqual(1);
            expect(readdirSync(cacheDir).filter(name => name.endsWith('.json'))).toHaveLength(1);
            const second = await renderDiagram(graph, 'strategy', { cacheDir, pool, font: 'none' });
            expect(second.cached).toBe(true);
            expect(pool.layouts).toBe(calls);
            expect(second.svg).toBe(first.svg);
            // A changed view is a different input: laid out again.
            await renderDiagram(await compileOrg(`input extra "Extra" { drives -> conversion }\n`), 'strategy', { cacheDir, pool, font: 'none' });
            expect(pool.layouts).toBeGreaterThan(calls);
        } finally {
            await pool.close();
        }
    });
});
