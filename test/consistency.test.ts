// One semantic core: for every std query and for lineage, the ids `pom query` answers, the ids the site's page
// lists and the ids the core (the selector engine and the lineage walk) returns are the same; the lineage
// diagram's nodes, and those of the one drawn on a bet's page, are lineage()'s. Checked on examples/acme and on a
// generated organisation.

import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../language/src/compiler.js';
import { buildSite, objectLinkFromViewPage, Paths } from '../language/src/emitters/site/index.js';
import { renderDiagrams } from '../language/src/emitters/svg/render-diagram.js';
import { GraphIndex } from '../language/src/graph/graph-index.js';
import { lineageIds, lineageOf } from '../language/src/graph/derived/lineage.js';
import type { PomGraph } from '../language/src/graph/model.js';
import { SelectorEngine } from '../language/src/graph/selector.js';
import { resolveView } from '../language/src/views/resolve-views.js';
import { pom } from './cli-run.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateOrganisation } from './bench/generate.mjs';

const STD_QUERIES = ['off-track', 'delivery-risk', 'drivers-without-bets', 'discovery-backlog', 'learnings', 'unowned-bets', 'strategy-tree'];

/** Added to the generated organisation so every question has answers: health, nested work that is blocked, a killed bet. */
const GENERATED_EXTRA = `package bench.extra
import bench.p0
import bench.p1
north-star ns "North star" {
  statement: "Grow"
  driven-by -> bench.p0.d0
}
driver top "Top driver" {
  horizon: years
  metric: "top"
  drives -> ns
}
opportunity lonely "No options yet" { in-scope -> bench.p0.s0 }
bet xb "Extra bet" {
  status: active
  health: at-risk
  owner -> bench.p0.t0
  chosen-from -> bench.p0.o0-0.a
  targets -> bench.p0.i0-0 { expected: "+1pp" }
  work xw "Nested work" {
    depends-on -> bench.p1.b1-0
  }
}
bet gone "Killed bet" {
  status: killed
  targets -> bench.p0.i0-0 { expected: "+1pp" }
}
bet orphan "Unowned bet" {
  status: proposed
  targets -> top { expected: "+1" }
}
impact xi "Extra impact" { evidences -> xb }
`;

interface Subject {
    label: string;
    id: string;
}
interface Workspace {
    name: string;
    dir: string;
    lineage: Subject[];
    answered: number;
}

const workspaces: Workspace[] = [
    {
        // acme has no driver without bets, no discovery backlog and no unowned bet: four questions have answers.
        name: 'examples/acme',
        dir: resolve('examples/acme'),
        answered: 4,
        lineage: [
            { label: 'a bet', id: 'acme.bets.express-wallets' },
            { label: 'a nested work item', id: 'acme.bets.express-wallets.apple-pay-web' },
            { label: 'an impact', id: 'acme.bets.frictionless-lift' },
        ],
    },
    {
        name: 'a generated organisation',
        dir: '',
        answered: 7,
        lineage: [
            { label: 'a bet', id: 'bench.extra.xb' },
            { label: 'a nested work item', id: 'bench.extra.xb.xw' },
            { label: 'an impact', id: 'bench.p0.x0-0' },
        ],
    },
];

/** The ids a site page lists: the rows of its answer tables, or the items of its lineage section. */
function siteIds(html: string, selector: string): string[] {
    return [
        ...new Set(
            parse(html)
                .querySelectorAll(selector)
                .map(element => element.getAttribute('data-id')!),
        ),
    ].sort();
}

function cliIds(stdout: string): string[] {
    return [...new Set(stdout.split('\n').filter(Boolean))].sort();
}

const table: string[] = ['| workspace | question | core | pom query | site | diagram |', '|---|---|---|---|---|---|'];

describe.each(workspaces)('one answer everywhere: $name', workspace => {
    let graph: PomGraph;
    let site: Map<string, string>;
    let engine: SelectorEngine;

    beforeAll(async () => {
        if (!workspace.dir) {
            workspace.dir = mkdtempSync(join(tmpdir(), 'pom-consistency-'));
            generateOrganisation(workspace.dir, 1000);
            appendFileSync(join(workspace.dir, 'extra.pom'), GENERATED_EXTRA);
        }
        graph = (await compileWorkspace(workspace.dir)).graph;
        // The lineage diagrams of the bets among the subjects, as pom build draws them on bet pages.
        const bets = workspace.lineage.filter(subject => graph.objects.find(o => o.id === subject.id)?.types.includes('std.bet'));
        const drawn = await renderDiagrams(
            graph,
            bets.map(subject => `lineage:${subject.id}`),
            { linkFor: objectLinkFromViewPage },
        );
        site = buildSite(graph, { lineageDiagrams: drawn.map(result => ({ view: result.view, svg: result.svg })) });
        engine = new SelectorEngine(new GraphIndex(graph));
    }, 120_000);

    it('every std query: pom query, the site page and the selector engine list the same ids', async () => {
        const answers = await Promise.all(STD_QUERIES.map(name => pom(['query', workspace.dir, name, '--ids'])));
        STD_QUERIES.forEach((name, i) => {
            const query = graph.queries.find(q => q.id === `std.${name}`)!;
            const core = engine.applyClauses(query.clauses);
            const cli = cliIds(answers[i].stdout);
            const page = siteIds(site.get(Paths.query(query.id))!, 'main tr[data-id]');
            table.push(`| ${workspace.name} | ${name} | ${core.length} | ${cli.length} | ${page.length} | |`);
            expect({ name, cli }).toEqual({ name, cli: core });
            expect({ name, page }).toEqual({ name, page: core });
        });
        // Not a vacuous check: the questions have answers.
        expect(STD_QUERIES.filter(name => engine.applyClauses(graph.queries.find(q => q.id === `std.${name}`)!.clauses).length > 0).length).toBe(
            workspace.answered,
        );
    }, 300_000);

    it('lineage of a bet, a nested work item and an impact: pom query, the site, the diagram and the core agree', async () => {
        const index = new GraphIndex(graph);
        const answers = await Promise.all(workspace.lineage.map(subject => pom(['query', workspace.dir, `lineage(${subject.id})`, '--ids'])));
        workspace.lineage.forEach((subject, i) => {
            const core = lineageIds(lineageOf(index, subject.id));
            const cli = cliIds(answers[i].stdout);
            const page = siteIds(site.get(Paths.object(subject.id))!, 'section[aria-labelledby="s-lineage"] li[data-id]');
            const diagram = resolveView(graph, `lineage:${subject.id}`)!
                .nodes.map(node => node.id)
                .sort();
            const pageDiagram = siteIds(site.get(Paths.object(subject.id))!, 'section[aria-labelledby="s-lineage"] figure g.pom-node');
            const isBet = graph.objects.find(o => o.id === subject.id)!.types.includes('std.bet');
            table.push(
                `| ${workspace.name} | lineage of ${subject.label} (${subject.id}) | ${core.length} | ${cli.length} | ${page.length} | ${diagram.length}${isBet ? ` (${pageDiagram.length} on its page)` : ''} |`,
            );
            expect(core.length).toBeGreaterThan(1);
            expect({ subject: subject.id, cli }).toEqual({ subject: subject.id, cli: core });
            expect({ subject: subject.id, page }).toEqual({ subject: subject.id, page: core });
            expect({ subject: subject.id, diagram }).toEqual({ subject: subject.id, diagram: core });
            // A bet's page draws its lineage; other pages list it only.
            expect({ subject: subject.id, pageDiagram }).toEqual({ subject: subject.id, pageDiagram: isBet ? core : [] });
            expect(engine.lineage(subject.id)).toEqual(lineageOf(index, subject.id));
        });
        // Why am I working on this? The work item's lineage reaches the north star.
        const work = lineageOf(index, workspace.lineage[1].id);
        expect(work.downstream.some(id => index.get(id)?.types.includes('std.north-star'))).toBe(true);
        if (workspace === workspaces[workspaces.length - 1]) console.log(`\nConsistency (ids per front end):\n${table.join('\n')}\n`);
    }, 300_000);
});
