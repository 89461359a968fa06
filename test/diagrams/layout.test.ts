import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { PomGraph } from '../../language/src/graph/model.js';
import { ElkPool } from '../../language/src/layout/elk-pool.js';
import { layoutView, type Box, type LaidOutView } from '../../language/src/layout/layout-view.js';
import { NODE_PADDING_X } from '../../language/src/layout/node-labels.js';
import { diagramFontFiles } from '../../language/src/layout/text-measure.js';
import { resolveView, resolveViews } from '../../language/src/views/resolve-views.js';
import { ROLLUP_MIN_OBJECTS } from '../../language/src/views/rollup.js';
import { renderDiagram } from '../../language/src/emitters/svg/render-diagram.js';
import { compileOrg, declare } from './fixtures.js';

const pool = new ElkPool(2);
afterAll(() => pool.close());

async function laidOut(graph: PomGraph, viewId: string): Promise<LaidOutView> {
    const result = await layoutView(graph, resolveView(graph, viewId)!, pool);
    expect(result.tooLarge).toBeUndefined();
    return result.layout!;
}

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box): boolean =>
    inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
/** Whether a point lies on a box's border (ELK attaches edges to the border), within half a pixel. */
const onBorder = (p: { x: number; y: number }, b: Box): boolean => {
    const e = 0.5;
    const withinX = p.x >= b.x - e && p.x <= b.x + b.width + e;
    const withinY = p.y >= b.y - e && p.y <= b.y + b.height + e;
    return (
        withinX &&
        withinY &&
        (Math.abs(p.x - b.x) <= e || Math.abs(p.x - b.x - b.width) <= e || Math.abs(p.y - b.y) <= e || Math.abs(p.y - b.y - b.height) <= e)
    );
};

/** Widths straight from the font file (shaping the whole line), independent of the measurement under test. */
const fonts = {
    400: fontkit.create(readFileSync(diagramFontFiles().regular)) as fontkit.Font,
    600: fontkit.create(readFileSync(diagramFontFiles().semibold)) as fontkit.Font,
};
function shapedWidth(text: string, size: number, weight: 400 | 600): number {
    const font = fonts[weight];
    let units = 0;
    // Glyphs the font lacks come from a system font: CJK ideographs are 1 em wide, Hebrew and Arabic letters under 0.7 em.
    for (const char of text) {
        const codePoint = char.codePointAt(0)!;
        if (!font.hasGlyphForCodePoint(codePoint)) units += font.unitsPerEm * (codePoint >= 0x2e80 ? 1 : 0.7);
    }
    const covered = Array.from(text)
        .filter(char => font.hasGlyphForCodePoint(char.codePointAt(0)!))
        .join('');
    return ((units + font.layout(covered).advanceWidth) * size) / font.unitsPerEm;
}

function checkInvariants(layout: LaidOutView): void {
    const boxes = new Map(layout.nodes.map(node => [node.id, node]));
    // Siblings never overlap; children sit inside their parents.
    for (const a of layout.nodes) {
        for (const b of layout.nodes) {
            if (a.id < b.id && a.parent === b.parent) expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
        }
        if (a.parent) expect(inside(a, boxes.get(a.parent)!), `${a.id} inside ${a.parent}`).toBe(true);
        expect(inside(a, { x: 0, y: 0, width: layout.width, height: layout.height }), `${a.id} inside the diagram`).toBe(true);
    }
    // Every edge starts on its source's border and ends on its target's.
    const ancestorsOf = (id: string): string[] => {
        const chain: string[] = [];
        for (let at = boxes.get(id)!.parent; at !== undefined; at = boxes.get(at)!.parent) chain.push(at);
        return chain;
    };
    for (const edge of layout.edges) {
        if (edge.nested) {
            // Only a link between an object and a container it is drawn inside goes without a line.
            expect(ancestorsOf(edge.source).includes(edge.target) || ancestorsOf(edge.target).includes(edge.source), edge.id).toBe(true);
            expect(edge.points, edge.id).toEqual([]);
            continue;
        }
        expect(edge.points.length, edge.id).toBeGreaterThanOrEqual(2);
        expect(onBorder(edge.points[0], boxes.get(edge.source)!), `${edge.id} starts at its source`).toBe(true);
        expect(onBorder(edge.points[edge.points.length - 1], boxes.get(edge.target)!), `${edge.id} ends at its target`).toBe(true);
        expect(edge.labelBox, `${edge.id} has a placed label`).toBeDefined();
    }
    // Every line of text fits its box, by the font's own shaping of the whole line.
    for (const node of layout.nodes) {
        for (const line of node.label.lines) {
            const width = shapedWidth(line.text, line.style.size, line.style.weight);
            expect(width + line.indent + line.trailing + 2 * NODE_PADDING_X, `"${line.text.slice(0, 40)}" in ${node.id}`).toBeLessThanOrEqual(
                node.width + 0.01,
            );
            expect(line.baseline, `"${line.text.slice(0, 40)}" in ${node.id}`).toBeLessThan(node.compound ? node.label.height : node.height);
        }
        if (!node.compound) expect(node.label.height).toBeLessThanOrEqual(node.height);
    }
}

describe('layout', () => {
    it('lays out the strategy chain without overlaps, edges attached to their ends, text inside its boxes', async () => {
        const layout = await laidOut(await compileOrg(), 'strategy');
        checkInvariants(layout);
        // Direction up: the north star above the bets that move it.
        const y = (id: string): number => layout.nodes.find(node => node.id === id)!.y;
        expect(y('org.gpv')).toBeLessThan(y('org.conversion'));
        expect(y('org.conversion')).toBeLessThan(y('org.completion'));
        expect(y('org.completion')).toBeLessThan(y('org.one-click'));
    });

    it('draws nested objects as compound nodes holding their children, with edges across containers', async () => {
        for (const view of ['lineage:org.one-click', 'team:org.checkout']) {
            const layout = await laidOut(await compileOrg(), view);
            checkInvariants(layout);
            expect(layout.nodes.some(node => node.compound)).toBe(true);
        }
    });

    it('draws a lineage reading forward, from the insight on the left to the north star on the right', async () => {
        const layout = await laidOut(await compileOrg(), 'lineage:org.one-click');
        checkInvariants(layout);
        const box = (id: string) => layout.nodes.find(node => node.id === id)!;
        const chain = ['org.drop', 'org.abandonment.one-click', 'org.one-click', 'org.completion', 'org.conversion', 'org.gpv'];
        for (let i = 0; i + 1 < chain.length; i++) {
            expect(box(chain[i]).x + box(chain[i]).width, `${chain[i]} left of ${chain[i + 1]}`).toBeLessThanOrEqual(box(chain[i + 1]).x);
        }
        // The bet is chosen from the option on its left: the arrow runs back to the option, ending on its right side.
        const chosen = layout.edges.find(edge => edge.kind === 'std.chosen-from')!;
        const option = box('org.abandonment.one-click');
        expect(chosen.points.at(-1)!.x).toBeCloseTo(option.x + option.width, 0);
    });

    it('lays out compound nodes on their own when no edge crosses a container', async () => {
        const graph = declare(await compileOrg(), {
            id: 'org.nested',
            objects: ['org.abandonment', 'org.abandonment.one-click', 'org.abandonment.wallets', 'org.drop'],
        });
        checkInvariants(await laidOut(graph, 'org.nested'));
    });

    it('sizes boxes for hostile titles: 300-character words, markup, right-to-left text', async () => {
        const long = 'x'.repeat(150) + 'W'.repeat(150);
        const graph = await compileOrg(`
bet long-word "${long}" { status: active  targets -> completion { expected: "+1" } }
bet markup "<script>alert('&amp;')</script> \\"quoted\\"" { status: active  targets -> completion { expected: "+1" } }
bet rtl "שלום עולם — مرحبا بالعالم 你好世界" { status: active  targets -> completion { expected: "+1" } }
`);
        const layout = await laidOut(graph, 'strategy');
        checkInvariants(layout);
        const longNode = layout.nodes.find(node => node.id === 'org.long-word')!;
        const titleLines = longNode.label.lines.filter(line => line.role === 'title');
        expect(titleLines.length).toBeGreaterThan(1);
        expect(titleLines.map(line => line.text).join('')).toBe(long);
    });

    it('keeps the other nodes in order when an object is added', async () => {
        const order = (layout: LaidOutView, ids: string[]): string[] =>
            [...ids].sort((a, b) => layout.nodes.find(n => n.id === a)!.x - layout.nodes.find(n => n.id === b)!.x);
        const inputs = ['org.completion', 'org.latency'];
        const before = await laidOut(await compileOrg(), 'strategy');
        const after = await laidOut(await compileOrg(`input aaa-first "Added input" { drives -> conversion }\n`), 'strategy');
        expect(after.nodes.map(node => node.id)).toContain('org.aaa-first');
        expect(order(after, inputs)).toEqual(order(before, inputs));
    });
});

describe('directions and compound nodes', () => {
    it('keeps the invariants in every direction, with compound nodes and edges into and out of them', async () => {
        const objects = [
            'org.abandonment',
            'org.abandonment.one-click',
            'org.abandonment.wallets',
            'org.drop',
            'org.one-click',
            'org.one-click.vault',
            'org.completion',
            'org.conversion',
            'org.gpv',
            'org.faster-pages',
            'org.latency',
            'org.checkout',
        ];
        for (const direction of ['right', 'left', 'down', 'up'] as const) {
            const graph = declare(await compileOrg(), { id: 'org.all', objects, direction });
            const layout = await laidOut(graph, 'org.all');
            checkInvariants(layout);
            expect(
                layout.nodes.some(node => node.compound),
                direction,
            ).toBe(true);
            // Links point along the view's direction: the bet before the input it targets.
            const at = (id: string) => layout.nodes.find(node => node.id === id)!;
            const [bet, input] = [at('org.faster-pages'), at('org.latency')];
            const ahead = {
                right: input.x >= bet.x + bet.width,
                left: input.x + input.width <= bet.x,
                down: input.y >= bet.y + bet.height,
                up: input.y + input.height <= bet.y,
            }[direction];
            expect(ahead, `${direction}: org.latency lies ${direction} of org.faster-pages`).toBe(true);
        }
    });
});

describe('roll-ups (large views)', () => {
    const many = Array.from(
        { length: 70 },
        (_, i) => `input extra${i} "Extra input ${i}" { drives -> conversion  owner -> ${i % 2 ? 'checkout' : 'platform'} }\n`,
    ).join('');

    it('draws a view above the roll-up size as groups with counts and links between them, each group linking to its drill-down', async () => {
        const graph = await compileOrg(many);
        const view = resolveView(graph, 'strategy')!;
        expect(view.nodes.length).toBeGreaterThan(ROLLUP_MIN_OBJECTS);
        expect(view.rollup?.by).toBe('owner');
        const groups = view.rollup!.groups;
        expect(groups.map(group => group.title)).toEqual(expect.arrayContaining(['Checkout', 'Platform']));
        // Every object is in exactly one group.
        expect(groups.flatMap(group => group.objects).sort()).toEqual(view.nodes.map(node => node.id).sort());
        const result = await renderDiagram(graph, 'strategy', { pool, font: 'none', viewLinkFor: id => `view:${id}` });
        expect(result.svg).toContain('data-id="group:org.checkout"');
        expect(result.svg).toMatch(/<a href="view:strategy\/org.checkout">/);
        expect(result.svg).toMatch(/\d+ objects: \d+ actionable inputs/);
        const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(result.svg)!;
        expect(Math.max(Number(size[1]), Number(size[2]))).toBeLessThanOrEqual(12_000);
        // The drill-down of a group is a view of its own, drawn object by object, and pom build draws it.
        const drill = resolveView(graph, 'strategy/org.checkout')!;
        expect(drill.nodes.map(node => node.id)).toEqual(groups.find(group => group.key === 'org.checkout')!.objects);
        expect(drill.rollup).toBeUndefined();
        expect(resolveViews(graph).map(v => v.id)).toContain('strategy/org.checkout');
        checkInvariants(await laidOut(graph, 'strategy/org.checkout'));
    });

    it("names each link kind in a roll-up's legend, not by the count of the first link of that kind", async () => {
        const graph = await compileOrg(many);
        const result = await renderDiagram(graph, 'strategy', { pool, font: 'none' });
        const legend = /<g class="pom-legend">(.*?)<\/g>\n/s.exec(result.svg)![1];
        const linkEntries = [...legend.matchAll(/<g class="pom-l-[^"]*">.*?class="pom-legend-label"[^>]*>([^<]*)<\/text><\/g>/g)].map(match => match[1]);
        // The roll-up keeps links of more than one each ('2 links' on the line), so the legend had read that.
        expect(result.svg).toMatch(/class="pom-edge-label"[^>]*>\d+ links</);
        expect(linkEntries.length).toBeGreaterThan(0);
        const names = new Set(graph.linkKinds.map(kind => kind.name));
        for (const entry of linkEntries) expect(names.has(entry), entry).toBe(true);
    });

    it('leaves views at or under the roll-up size alone', async () => {
        expect(resolveView(await compileOrg(), 'strategy')!.rollup).toBeUndefined();
    });
});
