// npm run bench (diagrams): lays out and renders views of 50, 300 and 1,000 objects from a synthetic organisation
// (nested options make compound nodes; links cross them), and draws the same graph with Graphviz dot for comparison.
// Views above the roll-up size are drawn as roll-ups (groups), smaller ones object by object, all by ELK (docs/diagrams.md);
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dotInstalled } from './dot.mjs';
import { generateOrganisation, sizedView } from './generate.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { compileWorkspace } = await import(join(root, 'out/language/src/compiler.js'));
const { renderDiagram, ElkPool } = await import(join(root, 'out/language/src/emitters/svg/index.js'));
const { elkInput } = await import(join(root, 'out/language/src/layout/layout-view.js'));
const sizes = (process.env.BENCH_DIAGRAM_SIZES ?? '50,300,1000').split(',').map(Number);

const dir = join(tmpdir(), 'pom-bench-diagrams');
generateOrganisation(dir, Math.max(...sizes) * 3);
const { graph } = await compileWorkspace(dir);

/** The same view for dot: same node sizes (points), same labels, orthogonal edges, clusters for compound nodes. */
function dotSource(view, prepared) {
    const quote = text => `"${String(text).replace(/["\\]/g, '\\$&')}"`;
    const lines = [
        `digraph G { rankdir=${{ right: 'LR', left: 'RL', down: 'TB', up: 'BT' }[view.direction]}; splines=ortho; node [shape=box, fixedsize=true, fontname="IBM Plex Sans"];`,
    ];
    const children = new Map();
    for (const node of view.nodes) {
        const list = children.get(node.parent) ?? [];
        list.push(node.id);
        children.set(node.parent, list);
    }
    const emit = (parent, indent) => {
        for (const id of children.get(parent) ?? []) {
            const label = prepared.labels.get(id);
            if (children.has(id)) {
                lines.push(`${indent}subgraph ${quote('cluster_' + id)} { label=${quote(id)};`);
                lines.push(`${indent}  ${quote(id)} [width=${(label.width / 72).toFixed(2)}, height=${(label.height / 72).toFixed(2)}];`);
                emit(id, indent + '  ');
                lines.push(`${indent}}`);
            } else {
                lines.push(
                    `${indent}${quote(id)} [width=${(label.width / 72).toFixed(2)}, height=${(label.height / 72).toFixed(2)}, label=${quote(label.lines.map(l => l.text).join('\\n'))}];`,
                );
            }
        }
    };
    emit(undefined, '  ');
    for (const edge of view.edges) lines.push(`  ${quote(edge.source)} -> ${quote(edge.target)} [xlabel=${quote(edge.label)}];`);
    lines.push('}');
    return lines.join('\n');
}

const rows = [];
for (const size of sizes) {
    const viewGraph = { ...graph, views: [sizedView(graph, size)] };
    const pool = new ElkPool(1);
    const start = process.hrtime.bigint();
    const result = await renderDiagram(viewGraph, `bench.v${size}`, { pool, timeoutMs: 120_000, maxNodes: 100_000 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await pool.close();
    let dot = 'dot not installed';
    if (dotInstalled()) {
        const file = join(tmpdir(), `pom-bench-${size}.dot`);
        writeFileSync(file, dotSource(result.view, elkInput(viewGraph, result.view)));
        const dotStart = process.hrtime.bigint();
        const child = spawnSync('dot', ['-Tsvg', '-o', '/dev/null', file], { timeout: 300_000 });
        const dotMs = Number(process.hrtime.bigint() - dotStart) / 1e6;
        dot = child.status === 0 ? `${(dotMs / 1000).toFixed(2)} s` : `dot failed (${child.error?.code ?? child.status})`;
    }
    rows.push({
        nodes: result.view.nodes.length,
        edges: result.view.edges.length,
        ms,
        rolledUp: result.view.rollup !== undefined,
        status: result.tooLarge ? `not drawn: ${result.tooLarge.reason}` : `${(result.svg.length / 1024).toFixed(0)} KiB SVG`,
        dot,
    });
}

console.log('\npom diagrams: layout (no cache) + SVG of one view');
console.log('objects  links   pom        layout  output          Graphviz dot (same graph)');
for (const r of rows) {
    console.log(
        `${String(r.nodes).padEnd(8)} ${String(r.edges).padEnd(7)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   ${(r.rolledUp ? 'roll-up' : 'ELK').padEnd(7)} ${r.status.padEnd(15)} ${r.dot}`,
    );
}
