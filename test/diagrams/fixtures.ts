import type { PomGraph, GraphView } from '../../language/src/graph/model.js';
import { compile, errors } from '../helpers.js';

/** A small organisation with every built-in view's ingredients: a chain, a team, nesting and a lineage. */
export const ORG = `package org

north-star gpv "Payment volume" { metric: "Monthly GPV" }
driver conversion "Payment conversion" { drives -> gpv }
input completion "Checkout completion" { drives -> conversion  owner -> checkout }
input latency "Page latency" { drives -> conversion  owner -> platform }

scope commerce "Commerce" {
  scope checkout-surface "Checkout surface" { kind: surface }
}
team checkout "Checkout" { topology: stream-aligned  owns -> commerce.checkout-surface }
team platform "Platform" { topology: platform }

insight drop "Shoppers drop at the card form" { source: analytics  informs -> abandonment }
opportunity abandonment "Card form abandonment" {
  option one-click "One-click" { status: chosen }
  option wallets "Wallets" { status: rejected  rationale: "Too costly" }
}

bet one-click "One-click checkout" {
  status: active
  owner -> checkout
  chosen-from -> abandonment.one-click
  targets -> completion { expected: "+2pp" }
  depends-on -> faster-pages
  work vault "Saved-card vault" { delivers -> one-click }
}
bet faster-pages "Faster pages" { status: active  owner -> platform  targets -> latency { expected: "-100ms" } }
bet unrelated "Not targeting anything" { status: proposed  owner -> platform }
impact early-read "Early read" { delta: "+1.2pp"  evidences -> one-click }
`;

export async function compileOrg(extra = ''): Promise<PomGraph> {
    const result = await compile({ 'org.pom': ORG + extra });
    const problems = errors(result);
    if (problems.length > 0) throw new Error(`the fixture does not compile:\n${problems.join('\n')}`);
    return result.graph;
}

/** Declared views are not in the grammar yet: tests add them to the graph the way the graph builder will. */
export function declare(graph: PomGraph, view: Partial<GraphView> & { id: string; objects: string[] }): PomGraph {
    const declared: GraphView = {
        name: view.id.slice(view.id.lastIndexOf('.') + 1),
        package: 'org',
        direction: 'right',
        location: { file: 'org.pom', line: 1, column: 1, endLine: 1, endColumn: 1 },
        ...view,
        clauses: view.clauses ?? [],
        objects: [...view.objects].sort(),
    };
    return { ...graph, views: [...graph.views, declared] };
}
