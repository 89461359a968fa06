import type { GraphIndex } from '../graph-index.js';
import type { GraphObject, OutLink } from '../model.js';
import { StdLinks } from '../std-ids.js';
import { IssueCodes } from '../../validation/issue-codes.js';
import type { GraphCheck } from './check.js';
import { horizonName, horizonRank } from './helpers.js';

/** `single` links: one target per source; `exclusive` links: one source per target (a scope has one owner). */
export const checkCardinality: GraphCheck = (graph, report) => {
    for (const kind of graph.graph.linkKinds) {
        if (kind.single) {
            for (const object of graph.graph.objects) {
                const links = graph.out(object, kind.id);
                if (links.length < 2) continue;
                for (const extra of links.slice(1)) {
                    report('error', IssueCodes.TooManyTargets,
                        `'${object.id}' has ${links.length} '${kind.name}' links (${links.map(l => l.target).join(', ')}); '${kind.name}' allows one. Keep one.`,
                        extra.location, object);
                }
            }
        }
        if (kind.exclusive) {
            for (const object of graph.graph.objects) {
                const links = graph.in(object, kind.id);
                if (links.length < 2) continue;
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

/** Cycles in links declared `acyclic` (drives, depends-on, nested-in, contributes-to). Each cycle is reported once. */
export const checkCycles: GraphCheck = (graph, report) => {
    for (const kind of graph.graph.linkKinds) {
        if (!kind.acyclic) continue;
        const state = new Map<string, 'active' | 'done'>();
        const reported = new Set<string>();
        for (const start of graph.graph.objects) {
            if (state.has(start.id) || !start.links.some(l => l.kind === kind.id)) continue;
            // Iterative depth-first search; `path` holds the links from `start` to the current object.
            const stack: Array<{ object: GraphObject; links: OutLink[]; next: number }> = [];
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
    for (const object of graph.graph.objects) {
        const own = horizonRank(graph, object);
        if (own === undefined) continue;
        for (const link of object.links) {
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
