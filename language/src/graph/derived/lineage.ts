// Lineage, defined once: the strategy chain as a directed graph, and the walk over it that `lineage(<id>)`, the
// `~>` and `<~` conditions, the lineage diagram and the site's lineage section all use.
//
// Edges come from link kinds flagged `lineage` (source → target: insight informs opportunity, work delivers bet,
// bet targets input, input drives driver) or `upstream` (target → source: an option is considered for an
// opportunity, so the opportunity leads to the option), and from nesting: an object nested in another stands for
// the lineage link it replaces (work inside its bet delivers it, an option inside its opportunity is considered
// for it). So a work item leads to its bet, the input the bet targets, its driver and the north star.

import type { GraphIndex } from '../graph-index.js';
import type { GraphObject, LinkKindInfo } from '../model.js';
import { Std } from '../std-ids.js';
import { compareIds } from '../../util/compare.js';

export interface LineageGraph {
    /** For each object, what it leads to. */
    forward: Map<string, string[]>;
    /** For each object, what leads to it. */
    reverse: Map<string, string[]>;
}

export interface Lineage {
    subject: string;
    /** What leads to the subject (what informed it, what it was chosen from, what delivers it), sorted. */
    upstream: string[];
    /** What the subject leads to (what it targets and drives, on to the north star), sorted. */
    downstream: string[];
    /** The other options considered for the opportunities in the lineage, rejected ones included, sorted. */
    alternatives: string[];
    /** Each object's place in the chain: negative upstream, 0 the subject, positive downstream (steps away). */
    steps: Map<string, number>;
}

const graphs = new WeakMap<GraphIndex, LineageGraph>();

/** The lineage graph of a model, built once per graph index. */
export function lineageGraph(index: GraphIndex): LineageGraph {
    let graph = graphs.get(index);
    if (!graph) graphs.set(index, (graph = buildLineageGraph(index)));
    return graph;
}

function buildLineageGraph(index: GraphIndex): LineageGraph {
    const forward = new Map<string, string[]>();
    const reverse = new Map<string, string[]>();
    const add = (from: string, to: string) => {
        const out = forward.get(from);
        if (out) out.push(to);
        else forward.set(from, [to]);
        const back = reverse.get(to);
        if (back) back.push(from);
        else reverse.set(to, [from]);
    };
    const kinds = index.graph.linkKinds.filter(kind => kind.lineage);
    /** Per (child type, parent type): which way nesting carries lineage, or null when no lineage kind fits. */
    const nesting = new Map<string, 'up' | 'down' | null>();
    const all = index.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        const links = object.links;
        for (let j = 0; j < links.length; j++) {
            const link = links[j];
            const lineage = index.linkKinds.get(link.kind)?.lineage;
            if (lineage === 'forward') add(object.id, link.target);
            else if (lineage === 'upstream') add(link.target, object.id);
        }
        const parent = index.get(object.parent);
        if (!parent) continue;
        const key = `${object.type}\u0000${parent.type}`;
        let way = nesting.get(key);
        if (way === undefined) nesting.set(key, (way = nestingWay(kinds, object, parent)));
        if (way === 'up') add(object.id, parent.id);
        else if (way === 'down') add(parent.id, object.id);
    }
    for (const list of forward.values()) list.sort(compareIds);
    for (const list of reverse.values()) list.sort(compareIds);
    return { forward, reverse };
}

/**
 * The lineage link a nesting stands for: a kind from the child to its container (preferred: the nested object
 * serves its container) or from the container to the child, read in the kind's direction.
 */
function nestingWay(kinds: readonly LinkKindInfo[], child: GraphObject, parent: GraphObject): 'up' | 'down' | null {
    const accepts = (types: readonly string[], object: GraphObject) => types.some(type => object.types.includes(type));
    const fromChild = kinds.find(kind => accepts(kind.from, child) && accepts(kind.to, parent));
    if (fromChild) return fromChild.lineage === 'forward' ? 'up' : 'down';
    const fromParent = kinds.find(kind => accepts(kind.from, parent) && accepts(kind.to, child));
    if (fromParent) return fromParent.lineage === 'forward' ? 'down' : 'up';
    return null;
}

/** Everything one or more steps away from any of the starts, with its distance (a start only through a cycle). */
export function spread(starts: readonly string[], edges: Map<string, string[]>): Map<string, number> {
    const result = new Map<string, number>();
    let frontier = [...starts];
    for (let step = 1; frontier.length > 0; step++) {
        const next: string[] = [];
        for (const id of frontier) {
            for (const to of edges.get(id) ?? []) {
                if (result.has(to)) continue;
                result.set(to, step);
                next.push(to);
            }
        }
        frontier = next;
    }
    return result;
}

/** The lineage of one object: what leads to it, what it leads to, and the options weighed on the way. */
export function lineageOf(index: GraphIndex, id: string): Lineage {
    const graph = lineageGraph(index);
    const up = spread([id], graph.reverse);
    const down = spread([id], graph.forward);
    up.delete(id);
    down.delete(id);
    const steps = new Map<string, number>([[id, 0]]);
    for (const [other, step] of up) steps.set(other, -step);
    for (const [other, step] of down) if (!steps.has(other)) steps.set(other, step);
    // The options weighed beside the chosen one: every option an opportunity in the lineage leads to.
    const alternatives: string[] = [];
    for (const [other, step] of [...steps]) {
        if (step > 0) continue;
        for (const next of graph.forward.get(other) ?? []) {
            const option = index.get(next);
            if (!steps.has(next) && option && index.isA(option, Std.option)) {
                steps.set(next, step + 1);
                alternatives.push(next);
            }
        }
    }
    return {
        subject: id,
        upstream: [...up.keys()].filter(other => other !== id && !down.has(other)).sort(compareIds),
        downstream: [...down.keys()].sort(compareIds),
        alternatives: alternatives.sort(compareIds),
        steps,
    };
}

/** Every object of a lineage, the subject included, sorted: the lineage diagram's nodes. */
export function lineageIds(lineage: Lineage): string[] {
    return [...lineage.steps.keys()].sort(compareIds);
}
