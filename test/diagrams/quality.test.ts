import { afterAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { ElkPool } from '../../language/src/layout/elk-pool.js';
import { countBends, countCrossings, sampleBezier } from '../../language/src/layout/quality.js';
import { resolveView, resolveViews } from '../../language/src/views/resolve-views.js';
// @ts-expect-error: a plain JavaScript module shared with npm run bench
import { compareWithDot } from '../bench/quality.mjs';
// @ts-expect-error: a plain JavaScript module shared with npm run bench
import { dotInstalled } from '../bench/dot.mjs';
import { ACME } from '../helpers.js';

const pool = new ElkPool(2);
afterAll(() => pool.close());

describe('layout quality measures', () => {
    it('counts each point where two edges cross, not where they meet at a node', () => {
        const cross = [
            {
                source: 'a',
                target: 'b',
                points: [
                    { x: 0, y: 0 },
                    { x: 10, y: 10 },
                ],
            },
            {
                source: 'c',
                target: 'd',
                points: [
                    { x: 0, y: 10 },
                    { x: 10, y: 0 },
                ],
            },
        ];
        expect(countCrossings(cross)).toBe(1);
        const meet = [
            {
                source: 'a',
                target: 'b',
                points: [
                    { x: 0, y: 0 },
                    { x: 10, y: 0 },
                ],
            },
            {
                source: 'a',
                target: 'c',
                points: [
                    { x: 0, y: 0 },
                    { x: 0, y: 10 },
                ],
            },
        ];
        expect(countCrossings(meet)).toBe(0);
        const twice = [
            {
                source: 'a',
                target: 'b',
                points: [
                    { x: 0, y: 5 },
                    { x: 30, y: 5 },
                ],
            },
            {
                source: 'c',
                target: 'd',
                points: [
                    { x: 5, y: 0 },
                    { x: 5, y: 10 },
                    { x: 20, y: 10 },
                    { x: 20, y: 0 },
                ],
            },
        ];
        expect(countCrossings(twice)).toBe(2);
        expect(countBends(twice)).toBe(2);
        expect(
            sampleBezier(
                [
                    { x: 0, y: 0 },
                    { x: 0, y: 0 },
                    { x: 10, y: 0 },
                    { x: 10, y: 0 },
                ],
                4,
            ).at(-1),
        ).toEqual({ x: 10, y: 0 });
    });
});

describe('crossings beside Graphviz dot', () => {
    it("are at most dot's plus 20% on every acme view (same drawn graph)", async () => {
        // Under CI=true a missing dot fails here rather than skipping.
        expect(dotInstalled(), 'Graphviz dot is needed to compare with').toBe(true);
        const { graph } = await compileWorkspace(ACME);
        const lineages = graph.objects.filter(object => object.types.includes('std.bet')).map(bet => resolveView(graph, `lineage:${bet.id}`)!);
        const failures: string[] = [];
        for (const view of [...resolveViews(graph), ...lineages]) {
            const row = await compareWithDot(graph, view, pool);
            if (row.pom.crossings > row.dot.crossings * 1.2) failures.push(`${view.id}: pom ${row.pom.crossings}, dot ${row.dot.crossings}`);
        }
        expect(failures).toEqual([]);
    }, 600_000);
});
