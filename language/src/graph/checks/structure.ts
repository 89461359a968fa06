import type { GraphIndex } from '../graph-index.js';
import type { GraphObject } from '../model.js';
import { StdLinks } from '../std-ids.js';
import { IssueCodes } from '../../diagnostics/codes.js';
import type { GraphCheck } from './check.js';
import { horizonAspects, horizonName, horizonRank } from './helpers.js';

/** `single` links: one target per source; `exclusive` links: one source per target (a scope has one owner). */
export const checkCardinality: GraphCheck = (graph, report) => {
    // One pass finds the few objects with two links of a single or exclusive kind; only those are looked at again.
    const single = new Set(graph.graph.linkKinds.filter(kind => kind.single).map(kind => kind.id));
    const exclusive = new Set(graph.graph.linkKinds.filter(kind => kind.exclusive).map(kind => kind.id));
    const singleRepeats = repeatsOf(single, 'out');
    const exclusiveRepeats = repeatsOf(exclusive, 'in');
    const tooMany = new Map<string, GraphObject[]>();
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if (object.links.length > 1 && single.size > 0) addRepeats(object, object.links, single, 'out', singleRepeats, tooMany);
        if (object.backlinks.length > 1 && exclusive.size > 0) addRepeats(object, object.backlinks, exclusive, 'in', exclusiveRepeats, tooMany);
    }
    for (const kind of graph.graph.linkKinds) {
        if (kind.single) {
            for (const object of tooMany.get(`out ${kind.id}`) ?? []) {
                const links = graph.out(object, kind.id);
                for (const extra of links.slice(1)) {
                    report(
                        'error',
                        IssueCodes.TooManyTargets,
                        `'${object.id}' has ${links.length} '${kind.name}' links (${links.map(l => l.target).join(', ')}); '${kind.name}' allows one. Keep one.`,
                        extra.location,
                        object,
                    );
                }
            }
        }
        if (kind.exclusive) {
            for (const object of tooMany.get(`in ${kind.id}`) ?? []) {
                const links = graph.in(object, kind.id);
                for (const extra of links.slice(1)) {
                    report(
                        'error',
                        IssueCodes.TooManySources,
                        `'${object.id}' is the target of ${links.length} '${kind.name}' links (from ${links.map(l => l.source).join(', ')}); ` +
                            `'${kind.name}' allows one source per target. Keep one${kind.name === 'owns' ? ' owner; the others can steward it' : ''}.`,
                        extra.location,
                        object,
                    );
                }
            }
        }
    }
};

type LinkList = ReadonlyArray<{ kind: string }>;

/**
 * Per direction and set of kinds: the `tooMany` keys of each link list (its kinds of the set that occur twice or
 * more). An object's link lists are shared by its versions while its links do not change (the graph with facts, the
 * editor's graph after an edit elsewhere), so after an edit only the lists it made are scanned again.
 */
const repeatsCache = new Map<string, WeakMap<LinkList, readonly string[]>>();
const NONE: readonly string[] = Object.freeze([]);

function repeatsOf(kinds: ReadonlySet<string>, direction: string): WeakMap<LinkList, readonly string[]> {
    const key = `${direction} ${[...kinds].join(' ')}`;
    let cache = repeatsCache.get(key);
    if (!cache) repeatsCache.set(key, (cache = new WeakMap()));
    return cache;
}

function addRepeats(
    object: GraphObject,
    links: LinkList,
    kinds: ReadonlySet<string>,
    direction: string,
    cache: WeakMap<LinkList, readonly string[]>,
    tooMany: Map<string, GraphObject[]>,
): void {
    let keys = cache.get(links);
    if (keys === undefined) cache.set(links, (keys = repeatedKinds(links, kinds, direction)));
    for (let i = 0; i < keys.length; i++) push(tooMany, keys[i], object);
}

/**
 * `<direction> <kind>` for each of `kinds` that two or more of the links have, in the order the second comes.
 * Objects have few links: they are compared pairwise, without a map of counts per object (one for the few that have many).
 */
function repeatedKinds(links: LinkList, kinds: ReadonlySet<string>, direction: string): readonly string[] {
    const length = links.length;
    let keys: string[] | undefined;
    if (length > 16) {
        const count = new Map<string, number>();
        for (let i = 0; i < length; i++) {
            const kind = links[i].kind;
            if (!kinds.has(kind)) continue;
            const n = (count.get(kind) ?? 0) + 1;
            count.set(kind, n);
            if (n === 2) (keys ??= []).push(`${direction} ${kind}`);
        }
        return keys ?? NONE;
    }
    for (let i = 1; i < length; i++) {
        const kind = links[i].kind;
        if (!kinds.has(kind)) continue;
        let before = 0;
        for (let j = 0; j < i && before < 2; j++) if (links[j].kind === kind) before++;
        if (before === 1) (keys ??= []).push(`${direction} ${kind}`);
    }
    return keys ?? NONE;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
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
    const ACTIVE = 1,
        DONE = 2;
    // Per object (by its position in the graph): unvisited, on the search path, or done. Reused for each kind.
    const state = new Uint8Array(all.length);
    // The search path: objects, their positions, and how far through its links each one is.
    const stack: GraphObject[] = [];
    const positions: number[] = [];
    const next: number[] = [];
    for (const kind of graph.graph.linkKinds) {
        if (!kind.acyclic) continue;
        const from = starts.get(kind.id);
        if (!from) continue;
        state.fill(0);
        const reported = new Set<string>();
        for (const start of from) {
            const startAt = graph.position(start.id)!;
            if (state[startAt] !== 0) continue;
            // Iterative depth-first search over the links of this kind.
            state[startAt] = ACTIVE;
            stack.push(start);
            positions.push(startAt);
            next.push(0);
            while (stack.length > 0) {
                const top = stack.length - 1;
                const object = stack[top];
                const links = object.links;
                let i = next[top];
                while (i < links.length && links[i].kind !== kind.id) i++;
                if (i >= links.length) {
                    state[positions[top]] = DONE;
                    stack.pop();
                    positions.pop();
                    next.pop();
                    continue;
                }
                next[top] = i + 1;
                const link = links[i];
                const at = graph.position(link.target);
                if (at === undefined) continue;
                const target = all[at];
                if (state[at] === ACTIVE) {
                    const first = stack.findIndex(f => f.id === target.id);
                    const members = stack.slice(first).map(f => f.id);
                    const key = [...members].sort().join(' ');
                    if (!reported.has(key)) {
                        reported.add(key);
                        report(
                            'error',
                            IssueCodes.Cycle,
                            `'${kind.name}' links form a cycle: ${[...members, target.id].join(' → ')}. Remove one of these links.`,
                            link.location,
                            object,
                        );
                    }
                } else if (state[at] === 0) {
                    state[at] = ACTIVE;
                    stack.push(target);
                    positions.push(at);
                    next.push(0);
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
        const links = object.links;
        // The object's own horizon, looked up once it has a link of these kinds (most objects have none).
        let own: number | undefined | null = null;
        for (let j = 0; j < links.length; j++) {
            const link = links[j];
            if (!kinds.includes(link.kind)) continue;
            if (own === null) own = horizonRank(graph, object);
            if (own === undefined) break;
            const target = graph.get(link.target);
            const theirs = target && horizonRank(graph, target);
            if (target && theirs !== undefined && theirs < own) {
                const name = graph.linkKinds.get(link.kind)?.name ?? link.kind;
                report(
                    'warning',
                    IssueCodes.HorizonInversion,
                    `'${object.id}' (${horizonName(graph, own)}) ${name} '${target.id}' (${horizonName(graph, theirs)}), a shorter horizon. ` +
                        `Links in the strategy chain point from shorter horizons to longer ones.`,
                    link.location,
                    object,
                );
            }
        }
    }
};

checkCardinality.reads = graph => [
    ...graph.graph.linkKinds.filter(kind => kind.single).map(kind => `link:${kind.id}`),
    ...graph.graph.linkKinds.filter(kind => kind.exclusive).map(kind => `backlink:${kind.id}`),
];
checkCycles.reads = graph => graph.graph.linkKinds.filter(kind => kind.acyclic).map(kind => `link:${kind.id}`);
checkLinkHorizons.reads = graph => [`link:${StdLinks.targets}`, `link:${StdLinks.drives}`, `link:${StdLinks.contributesTo}`, ...horizonAspects(graph)];

export const structureChecks: Record<string, GraphCheck> = {
    cardinality: checkCardinality,
    cycles: checkCycles,
    'link-horizons': checkLinkHorizons,
};

export type { GraphIndex };
