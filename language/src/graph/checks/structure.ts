import type { GraphIndex } from '../graph-index.js';
import type { GraphObject, OutLink } from '../model.js';
import { StdLinks } from '../std-ids.js';
import { IssueCodes } from '../../diagnostics/codes.js';
import type { GraphCheck } from './check.js';
import { horizonName, horizonRank } from './helpers.js';

/** `single` links: one target per source; `exclusive` links: one source per target (a scope has one owner). */
export const checkCardinality: GraphCheck = (graph, report) => {
    // One pass finds the few objects with two links of a single or exclusive kind; only those are looked at again.
    const single = new Set(graph.graph.linkKinds.filter(kind => kind.single).map(kind => kind.id));
    const exclusive = new Set(graph.graph.linkKinds.filter(kind => kind.exclusive).map(kind => kind.id));
    const tooMany = new Map<string, GraphObject[]>();
    const count = new Map<string, number>();
    const collect = (object: GraphObject, links: ReadonlyArray<{ kind: string }>, kinds: Set<string>, direction: string) => {
        if (links.length < 2 || kinds.size === 0) return;
        count.clear();
        for (const link of links) {
            if (!kinds.has(link.kind)) continue;
            const n = (count.get(link.kind) ?? 0) + 1;
            count.set(link.kind, n);
            if (n === 2) push(tooMany, `${direction} ${link.kind}`, object);
        }
    };
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        collect(object, object.links, single, 'out');
        collect(object, object.backlinks, exclusive, 'in');
    }
    for (const kind of graph.graph.linkKinds) {
        if (kind.single) {
            for (const object of tooMany.get(`out ${kind.id}`) ?? []) {
                const links = graph.out(object, kind.id);
                for (const extra of links.slice(1)) {
                    report('error', IssueCodes.TooManyTargets,
                        `'${object.id}' has ${links.length} '${kind.name}' links (${links.map(l => l.target).join(', ')}); '${kind.name}' allows one. Keep one.`,
                        extra.location, object);
                }
            }
        }
        if (kind.exclusive) {
            for (const object of tooMany.get(`in ${kind.id}`) ?? []) {
                const links = graph.in(object, kind.id);
                for (const extra of links.slice(1)) {
                    report('error', IssueCodes.TooManySources,
                        `'${object.id}' is the target of ${links.length} '${kind.name}' links (from ${links.map(l => l.source).join(', ')}); ` +
                        `'${kind.name}' allows one source per target. Keep one${kind.name === 'owns' ? ' owner; the others can steward it' : ''}.`,
                        extra.location, object);
                }
            }
        }
    }
};

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
}

/** Cycles in links declared `acyclic` (drives, depends-on, nested-in, contributes-to). Each cycle is reported once. */
export const checkCycles: GraphCheck = (graph, report) => {
    // The objects with links of each acyclic kind, in id order, found in one pass: the searches start only there.
    const acyclic = new Set(graph.graph.linkKinds.filter(kind => kind.acyclic).map(kind => kind.id));
    const starts = new Map<string, GraphObject[]>();
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        const links = object.links;
        for (let j = 0; j < links.length; j++) {
            const link = links[j];
            if (!acyclic.has(link.kind)) continue;
            const list = starts.get(link.kind);
            if (!list) starts.set(link.kind, [object]);
            else if (list[list.length - 1] !== object) list.push(object);
        }
    }
    for (const kind of graph.graph.linkKinds) {
        if (!kind.acyclic) continue;
        const state = new Map<string, 'active' | 'done'>();
        const reported = new Set<string>();
        for (const start of starts.get(kind.id) ?? []) {
            if (state.has(start.id)) continue;
            // Iterative depth-first search; `path` holds the links from `start` to the current object.
            const stack: Array<{ object: GraphObject; links: readonly OutLink[]; next: number }> = [];
            const path: OutLink[] = [];
            const push = (object: GraphObject) => {
                state.set(object.id, 'active');
                stack.push({ object, links: graph.out(object, kind.id), next: 0 });
            };
            push(start);
            while (stack.length > 0) {
                const frame = stack[stack.length - 1];
                if (frame.next >= frame.links.length) {
                    state.set(frame.object.id, 'done');
                    stack.pop();
                    path.pop();
                    continue;
                }
                const link = frame.links[frame.next++];
                const target = graph.get(link.target);
                if (!target) continue;
                const seen = state.get(target.id);
                if (seen === 'active') {
                    const from = stack.findIndex(f => f.object.id === target.id);
                    const members = stack.slice(from).map(f => f.object.id);
                    const key = [...members].sort().join(' ');
                    if (!reported.has(key)) {
                        reported.add(key);
                        report('error', IssueCodes.Cycle,
                            `'${kind.name}' links form a cycle: ${[...members, target.id].join(' → ')}. Remove one of these links.`,
                            link.location, frame.object);
                    }
                } else if (seen === undefined) {
                    path.push(link);
                    push(target);
                }
            }
        }
    }
};

/** A bet targeting a shorter-horizon input, or an input driving a shorter-horizon driver, is upside down. */
export const checkLinkHorizons: GraphCheck = (graph, report) => {
    const kinds: string[] = [StdLinks.targets, StdLinks.drives, StdLinks.contributesTo];
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        const own = horizonRank(graph, object);
        if (own === undefined) continue;
        const links = object.links;
        for (let j = 0; j < links.length; j++) {
            const link = links[j];
            if (!kinds.includes(link.kind)) continue;
            const target = graph.get(link.target);
            const theirs = target && horizonRank(graph, target);
            if (target && theirs !== undefined && theirs < own) {
                const name = graph.linkKinds.get(link.kind)?.name ?? link.kind;
                report('warning', IssueCodes.HorizonInversion,
                    `'${object.id}' (${horizonName(graph, own)}) ${name} '${target.id}' (${horizonName(graph, theirs)}), a shorter horizon. ` +
                    `Links in the strategy chain point from shorter horizons to longer ones.`,
                    link.location, object);
            }
        }
    }
};

export const structureChecks: Record<string, GraphCheck> = {
    cardinality: checkCardinality,
    cycles: checkCycles,
    'link-horizons': checkLinkHorizons,
};

export type { GraphIndex };
