// npm run bench (layout quality): for every acme view and views of a generated organisation, the objects drawn,
// crossings (pom beside Graphviz dot on the same drawn graph), bends, area, longest side and layout time.
// Run on its own: node test/bench/layout-quality.mjs (after npm run build).
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dotInstalled } from './dot.mjs';
import { generateOrganisation, sizedView } from './generate.mjs';
import { compareWithDot } from './quality.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const load = path => import(join(root, 'out', path));

async function viewsOf(graph, extra = []) {
    const { resolveViews, resolveView } = await load('language/src/views/resolve-views.js');
    return [...resolveViews(graph), ...extra.map(id => resolveView(graph, id)).filter(Boolean)];
}

export async function benchLayoutQuality() {
    const { compileWorkspace } = await load('language/src/compiler.js');
    const { ElkPool } = await load('language/src/layout/elk-pool.js');
    if (!dotInstalled()) throw new Error('Graphviz dot is not installed: the layout quality bench compares with it');
    const pool = new ElkPool(1);
    const rows = [];
    try {
        const acme = (await compileWorkspace(join(root, 'examples', 'acme'))).graph;
        const bets = acme.objects
            .filter(object => object.types.includes('std.bet'))
            .map(bet => `lineage:${bet.id}`)
            .slice(0, 3);
        for (const view of await viewsOf(acme, bets)) rows.push({ set: 'acme', ...(await compareWithDot(acme, view, pool)) });

        const dir = join(tmpdir(), 'pom-bench-layout-quality');
        generateOrganisation(dir, Number(process.env.BENCH_QUALITY_OBJECTS ?? 1200));
        const organisation = (await compileWorkspace(dir)).graph;
        const generated = { ...organisation, views: [...organisation.views, ...[50, 100, 150, 300].map(size => sizedView(organisation, size))] };
        const all = await viewsOf(generated);
        // Every declared view, the strategy view and a few team views (they are alike).
        const teams = all.filter(view => view.kind === 'team').slice(0, 3);
        const drillDowns = all.filter(view => view.id.includes('/')).slice(0, 3);
        for (const view of [...all.filter(view => view.kind !== 'team' && !view.id.includes('/')), ...teams, ...drillDowns])
            rows.push({ set: 'generated', ...(await compareWithDot(generated, view, pool)) });
    } finally {
        await pool.close();
    }
    console.log("\npom diagrams: layout quality beside Graphviz dot on the same drawn graph (crossings pom/dot; time is pom's layout, no cache)");
    console.log('set        view                                      objects drawn  links  crossings   bends     area (px²)  longest  time');
    for (const r of rows) {
        const crossings = `${r.pom.crossings}/${r.dot ? r.dot.crossings : '?'}`;
        console.log(
            `${r.set.padEnd(10)} ${r.id.slice(0, 41).padEnd(41)} ${String(r.objects).padStart(7)} ${String(r.drawn).padStart(5)} ${String(r.links).padStart(6)}  ${crossings.padStart(9)}  ${String(r.pom.bends).padStart(6)}  ${String(r.pom.area).padStart(12)}  ${String(r.pom.longestSide).padStart(7)}  ${(r.ms / 1000).toFixed(2).padStart(6)} s${r.rolledUp ? `  (roll-up by ${r.rolledUp})` : ''}`,
        );
    }
    return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLayoutQuality();
