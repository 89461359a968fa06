import { describe, expect, it } from 'vitest';
import { renderDiagram } from '../../language/src/emitters/svg/render-diagram.js';
import { TYPE_COLOURS, TYPE_ICONS, stylesheet } from '../../language/src/emitters/svg/styles.js';
import { declared, themeRules, type CssRule } from '../../language/src/emitters/export/resolve-styles.js';
import type { PomGraph } from '../../language/src/graph/model.js';
import { compileOrg } from './fixtures.js';

/** CIE L*a*b* of an sRGB hex colour (D65). */
function lab(hex: string): [number, number, number] {
    const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255).map(c => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const [x, y, z] = [
        (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047,
        r * 0.2126 + g * 0.7152 + b * 0.0722,
        (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883,
    ];
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255).map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
};
/** The value of a custom property under one theme, as the stylesheet parser of the PNG export reads it. */
const variable = (rules: CssRule[], name: string): string => declared(rules, 'svg.pom-diagram', `--${name}`)!;

const nodeAttributes = (svg: string): Map<string, Record<string, string>> => {
    const out = new Map<string, Record<string, string>>();
    for (const match of svg.matchAll(/<g class="(pom-node(?: [^"]*)?)" ([^>]*)>/g)) {
        const attrs: Record<string, string> = { class: match[1] };
        for (const attr of match[2].matchAll(/([a-z-]+)="([^"]*)"/g)) attrs[attr[1]] = attr[2];
        out.set(attrs['data-id'], attrs);
    }
    return out;
};

describe('visual encoding', () => {
    it('puts status and health on every node as data attributes, a badge with words, and mutes killed, done and paused work', async () => {
        const graph = await compileOrg(`
bet stopped "Stopped bet" { status: killed  health: off-track  targets -> completion { expected: "+1" } }
bet finished "Finished bet" { status: done  targets -> completion { expected: "+1" } }
bet risky "Risky bet" { status: active  health: at-risk  targets -> completion { expected: "+1" } }
`);
        const { svg } = await renderDiagram(graph, 'strategy', { font: 'none' });
        const nodes = nodeAttributes(svg);
        for (const node of nodes.values()) {
            expect(node).toHaveProperty('data-type');
            expect(node).toHaveProperty('data-status');
            expect(node).toHaveProperty('data-health');
        }
        expect(nodes.get('org.stopped')).toMatchObject({ 'data-status': 'killed', 'data-health': 'off-track' });
        expect(nodes.get('org.stopped')!.class).toContain('pom-muted');
        expect(nodes.get('org.finished')!.class).toContain('pom-muted');
        expect(nodes.get('org.risky')!.class).not.toContain('pom-muted');
        // Never colour alone: the health is written in the badge.
        expect(svg).toMatch(/class="pom-badge pom-badge-at-risk"[^>]*\/><text class="pom-health"[^>]*>At risk<\/text>/);
        // Every edge carries the contract's attributes.
        for (const match of svg.matchAll(/<g class="pom-edge(?: [^"]*)?"([^>]*)>/g)) {
            expect(match[1]).toMatch(/data-source="[^"]+"/);
            expect(match[1]).toMatch(/data-target="[^"]+"/);
            expect(match[1]).toMatch(/data-kind="[^"]+"/);
        }
    });

    it('flags a health the metric data contradicts', async () => {
        const graph = await compileOrg();
        const input = graph.objects.find(object => object.id === 'org.completion')!;
        const contradicted: PomGraph = {
            ...graph,
            objects: graph.objects.map(object =>
                object !== input
                    ? object
                    : {
                          ...object,
                          fields: { ...object.fields, health: 'on-track' },
                          metrics: [{ metric: 'org.m', current: { date: '2026-10-01', value: 1 }, trend: 'down', direction: 'increase', status: 'off-track' }],
                      },
            ),
        };
        const { svg } = await renderDiagram(contradicted, 'strategy', { font: 'none' });
        const node = nodeAttributes(svg).get('org.completion')!;
        expect(node).toMatchObject({ 'data-health': 'on-track', 'data-data-health': 'off-track', 'data-contradicted': 'true' });
        expect(svg).toContain('Data says off track: contradicts health');
    });

    it('gives every type its own shape and colours at least ΔE 25 apart in each theme', () => {
        const keys = Object.keys(TYPE_COLOURS);
        expect(new Set(keys.map(key => TYPE_ICONS[key])).size).toBe(keys.length);
        for (const theme of [0, 1]) {
            for (const a of keys) {
                for (const b of keys) {
                    if (a >= b) continue;
                    const [p, q] = [lab(TYPE_COLOURS[a][theme]), lab(TYPE_COLOURS[b][theme])];
                    const distance = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
                    expect(distance, `${a} and ${b} (${theme ? 'dark' : 'light'})`).toBeGreaterThanOrEqual(25);
                }
            }
        }
    });

    it('keeps text at WCAG AA contrast (4.5:1) in both themes', () => {
        const css = stylesheet([], [], 'auto', '');
        for (const name of ['light', 'dark'] as const) {
            const block = themeRules(css, name);
            for (const fill of ['pom-node', 'pom-muted-fill', 'pom-compound']) {
                for (const text of ['pom-fg', 'pom-muted', 'pom-alert']) {
                    expect(contrast(variable(block, text), variable(block, fill)), `${text} on ${fill} (${name})`).toBeGreaterThanOrEqual(4.5);
                }
            }
            for (const health of ['on-track', 'at-risk', 'off-track', 'unknown']) {
                expect(
                    contrast(variable(block, `pom-h-${health}-text`), variable(block, `pom-h-${health}`)),
                    `${health} badge (${name})`,
                ).toBeGreaterThanOrEqual(4.5);
            }
        }
    });
});
