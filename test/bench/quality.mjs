// Layout quality beside Graphviz dot on the same drawn graph: for a view, our layout (ELK as pom configures it, or
// the roll-up it becomes) and dot's, both measured by language/src/layout/quality.ts. Used by `npm run bench`
// (benchLayoutQuality) and by the crossings test (test/diagrams/quality.test.ts).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dotDrawing, dotSource } from './dot.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const load = path => import(join(root, 'out', path));

/** Our layout of a view and dot's of the same drawn graph (nested edges, which we do not route, left out of both). */
export async function compareWithDot(graph, view, pool) {
    const { layoutView } = await load('language/src/layout/layout-view.js');
    const { layoutQuality, sampleBezier } = await load('language/src/layout/quality.js');
    const start = process.hrtime.bigint();
    const result = await layoutView(graph, view, pool, { maxNodes: 100_000 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const layout = result.layout;
    const drawnView = result.drawn?.view ?? view;
    const nested = new Set(layout.edges.filter(edge => edge.nested).map(edge => edge.id));
    const pom = layoutQuality({ width: layout.width, height: layout.height, edges: layout.edges.filter(edge => !edge.nested) });
    const dotView = { ...drawnView, edges: drawnView.edges.filter(edge => !nested.has(edge.id)) };
    // dot draws each box at the size of the label our layout measured for it.
    const labels = new Map(layout.nodes.map(node => [node.id, node.label]));
    const labelled = layout.edges.some(edge => edge.labelBox);
    const drawing = dotDrawing(dotSource(dotView, labels, labelled));
    const dot =
        drawing &&
        layoutQuality({ width: drawing.width, height: drawing.height, edges: drawing.edges.map(edge => ({ ...edge, points: sampleBezier(edge.controls) })) });
    return {
        id: view.id,
        rolledUp: result.drawn ? view.rollup.by : undefined,
        objects: view.nodes.length,
        drawn: drawnView.nodes.length,
        links: drawnView.edges.length,
        pom,
        dot,
        ms,
        dotMs: drawing?.ms,
    };
}
