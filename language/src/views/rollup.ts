// Large views become roll-ups: above ROLLUP_MIN_OBJECTS objects a diagram draws groups (by driver, owner, scope,
// package or type: the first that splits the view) with their counts and the strongest links between them, and each
// group has a drill-down view of its own objects (which rolls up again if it is still too large). Pure: plain graph
// and views in, plain data out; the layout draws a roll-up as a small graph of group boxes.

import { effectiveHealth } from '../graph/derived/health.js';
import { GraphIndex } from '../graph/graph-index.js';
import type { GraphObject, PomGraph } from '../graph/model.js';
import { Std, StdLinks } from '../graph/std-ids.js';
import { compareIds as compare } from '../util/compare.js';
import type { ResolvedView, RollUp, RollUpDimension, ViewEdge, ViewGroup } from './view-model.js';

/** Views with more objects than this are drawn as roll-ups: more boxes than a reader can follow on one page. */
export const ROLLUP_MIN_OBJECTS = 60;
/** At most this many groups (about 11,000 px if they all sit in one row): a dimension with more is not used. */
const MAX_GROUPS = 40;
/** Each group keeps its strongest few links to other groups: the roll-up shows structure, not every link. */
const LINKS_PER_GROUP = 3;
/** Rounds in which objects without a group of their own join their neighbours' most common group. */
const PROPAGATION_ROUNDS = 3;
/** Separates a roll-up's view id from a group's key in a drill-down view's id. */
export const DRILL_DOWN_SEPARATOR = '/';

const NONE = '(none)';

/** The dimensions tried, in order: the strategy chain groups best by driver; anything else by who owns it first. */
function dimensionsFor(view: ResolvedView): RollUpDimension[] {
    return view.kind === 'strategy' ? ['driver', 'owner', 'scope', 'package', 'type'] : ['owner', 'scope', 'driver', 'package', 'type'];
}

/** The group an object names for itself in a dimension (before neighbours are asked), if any. */
function ownKey(index: GraphIndex, object: GraphObject, dimension: RollUpDimension): string | undefined {
    switch (dimension) {
        case 'driver':
            return index.isA(object, Std.driver) ? object.id : undefined;
        case 'owner':
            if (index.isA(object, Std.team) || index.isA(object, Std.group)) return object.id;
            return index.effectiveTargets(object, StdLinks.owner)[0];
        case 'scope':
            if (index.isA(object, Std.scope)) return object.id;
            return index.effectiveTargets(object, StdLinks.inScope)[0];
        case 'package':
            return object.package;
        case 'type':
            return object.type;
    }
}

/** Each object's group in one dimension: its own, else its linked neighbours' most common (ties: smallest key). */
function keysFor(index: GraphIndex, ids: string[], dimension: RollUpDimension): Map<string, string> {
    const inView = new Set(ids);
    const keys = new Map<string, string>();
    for (const id of ids) {
        const key = ownKey(index, index.get(id)!, dimension);
        if (key !== undefined) keys.set(id, key);
    }
    for (let round = 0; round < PROPAGATION_ROUNDS; round++) {
        const next = new Map(keys);
        for (const id of ids) {
            if (keys.has(id)) continue;
            const object = index.get(id)!;
            const votes = new Map<string, number>();
            const vote = (other: string): void => {
                const key = inView.has(other) ? keys.get(other) : undefined;
                if (key !== undefined) votes.set(key, (votes.get(key) ?? 0) + 1);
            };
            for (const link of object.links) vote(link.target);
            for (const link of object.backlinks) vote(link.source);
            if (object.parent) vote(object.parent);
            const best = [...votes].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0];
            if (best) next.set(id, best[0]);
        }
        if (next.size === keys.size) break;
        for (const [id, key] of next) keys.set(id, key);
    }
    for (const id of ids) if (!keys.has(id)) keys.set(id, NONE);
    return keys;
}

function groupTitle(index: GraphIndex, key: string, dimension: RollUpDimension): string {
    if (key === NONE) return { driver: 'No driver', owner: 'No owner', scope: 'No scope', package: 'No package', type: 'Other' }[dimension];
    if (dimension === 'package') return `Package ${key}`;
    if (dimension === 'type') {
        const type = index.types.get(key);
        return type?.title ?? type?.name ?? key;
    }
    const object = index.get(key);
    return object?.title ?? object?.name ?? key;
}

/**
 * The roll-up of a view too large to draw object by object, or undefined when it is small enough or no dimension
 * splits it. `ids` are the view's objects; `edges` its links.
 */
export function rollUp(graph: PomGraph, view: ResolvedView, index = GraphIndex.of(graph)): RollUp | undefined {
    if (view.nodes.length <= ROLLUP_MIN_OBJECTS) return undefined;
    const ids = view.nodes.map(node => node.id);
    for (const dimension of dimensionsFor(view)) {
        const keys = keysFor(index, ids, dimension);
        const members = new Map<string, string[]>();
        for (const id of ids) {
            const key = keys.get(id)!;
            const list = members.get(key);
            if (list) list.push(id);
            else members.set(key, [id]);
        }
        // A dimension is useful when it splits the view into a handful of groups, few enough to draw side by side.
        if (members.size < 2 || members.size > MAX_GROUPS) continue;
        const groups: ViewGroup[] = [...members.keys()].sort(compare).map(key => {
            const subject = key !== NONE && dimension !== 'package' && dimension !== 'type' ? key : undefined;
            const group: ViewGroup = {
                id: `group:${key}`,
                key,
                title: groupTitle(index, key, dimension),
                objects: members.get(key)!,
                drillDown: `${view.id}${DRILL_DOWN_SEPARATOR}${key}`,
            };
            if (subject !== undefined && index.get(subject)) group.subject = subject;
            return group;
        });
        const groupOf = new Map<string, string>();
        for (const group of groups) for (const id of group.objects) groupOf.set(id, group.id);
        const between = new Map<string, { source: string; target: string; count: number; kinds: Map<string, number> }>();
        for (const edge of view.edges) {
            const source = groupOf.get(edge.source)!,
                target = groupOf.get(edge.target)!;
            if (source === target) continue;
            const key = `${source}\u0000${target}`;
            let entry = between.get(key);
            if (!entry) between.set(key, (entry = { source, target, count: 0, kinds: new Map() }));
            entry.count++;
            entry.kinds.set(edge.kind, (entry.kinds.get(edge.kind) ?? 0) + 1);
        }
        // The strongest links: each group's few heaviest outgoing ones.
        const kept: RollUp['links'] = [];
        const bySource = new Map<string, typeof between extends Map<string, infer V> ? V[] : never>();
        for (const entry of between.values()) {
            const list = bySource.get(entry.source);
            if (list) list.push(entry);
            else bySource.set(entry.source, [entry]);
        }
        for (const [, list] of [...bySource].sort((a, b) => compare(a[0], b[0]))) {
            list.sort((a, b) => b.count - a.count || compare(a.target, b.target));
            for (const entry of list.slice(0, LINKS_PER_GROUP)) {
                const kind = [...entry.kinds].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0][0];
                kept.push({ source: entry.source, target: entry.target, count: entry.count, kind });
            }
        }
        return { by: dimension, groups, links: kept, hiddenLinks: between.size - kept.length };
    }
    return undefined;
}

/** The drill-down view of one group of a roll-up: the group's objects and their links, rolled up again if large. */
export function drillDownView(parent: ResolvedView, group: ViewGroup, assemble: (ids: Set<string>) => Pick<ResolvedView, 'nodes' | 'edges'>): ResolvedView {
    const { nodes, edges } = assemble(new Set(group.objects));
    const parentEdges = new Set(parent.edges.map(edge => edge.id));
    const view: ResolvedView = {
        id: group.drillDown,
        title: `${parent.title}: ${group.title}`,
        kind: parent.kind,
        direction: parent.direction,
        nodes,
        edges: edges.filter((edge: ViewEdge) => parentEdges.has(edge.id)),
    };
    if (parent.audience !== undefined) view.audience = parent.audience;
    if (parent.subject !== undefined) view.subject = parent.subject;
    return view;
}

/** Words for a group's contents: "42 objects: 12 bets, 9 inputs, …" (the three most common types). */
export function groupContents(index: GraphIndex, group: ViewGroup): { contains: string; offTrack: number } {
    const byType = new Map<string, number>();
    let offTrack = 0;
    for (const id of group.objects) {
        const object = index.get(id);
        if (!object) continue;
        const type = index.types.get(object.type);
        const name = (type?.title ?? type?.name ?? object.type).toLowerCase();
        byType.set(name, (byType.get(name) ?? 0) + 1);
        if (effectiveHealth(object) === 'off-track') offTrack++; // declared, or said by its data (derived facts)
    }
    const top = [...byType]
        .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
        .slice(0, 3)
        .map(([name, count]) => `${count} ${name}${count === 1 ? '' : 's'}`);
    const rest = byType.size > 3 ? ', …' : '';
    return { contains: `${group.objects.length} object${group.objects.length === 1 ? '' : 's'}: ${top.join(', ')}${rest}`, offTrack };
}

/** The type of a group box whose group is not named after an object (a package, a type, the rest). */
export const ROLLUP_GROUP_TYPE = 'pom.rollup-group';

/**
 * What a roll-up draws, as a graph and a view of its own: one object per group (typed like the driver, team or scope
 * it is named after, so it is styled like one) saying how many objects it stands for, and the kept links between
 * groups labelled with how many links each stands for.
 */
export function rollUpDrawing(graph: PomGraph, view: ResolvedView, index = GraphIndex.of(graph)): { graph: PomGraph; view: ResolvedView } {
    const rollup = view.rollup!;
    const location = graph.objects[0]?.location ?? { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 };
    const objects: GraphObject[] = rollup.groups.map(group => {
        const subject = group.subject !== undefined ? index.get(group.subject) : undefined;
        const { contains, offTrack } = groupContents(index, group);
        const fields: GraphObject['fields'] = { contains };
        if (offTrack > 0) fields['off-track'] = `${offTrack} of ${group.objects.length}`;
        return {
            id: group.id,
            name: group.key,
            package: subject?.package ?? '',
            type: subject?.type ?? ROLLUP_GROUP_TYPE,
            types: subject?.types ?? [ROLLUP_GROUP_TYPE],
            title: group.title,
            fields,
            defaults: [],
            inherited: [],
            links: [],
            backlinks: [],
            children: [],
            location: subject?.location ?? location,
        };
    });
    const kinds = new Map(graph.linkKinds.map(kind => [kind.id, kind.name]));
    const edges = rollup.links
        .map(link => ({
            id: `${link.source}|${link.kind}|${link.target}`,
            source: link.source,
            target: link.target,
            kind: link.kind,
            label: link.count === 1 ? (kinds.get(link.kind) ?? link.kind) : `${link.count} links`,
        }))
        .sort((a, b) => compare(a.id, b.id));
    const drawnGraph: PomGraph = { ...graph, objects, types: [...graph.types, { id: ROLLUP_GROUP_TYPE, name: 'group', title: 'Group', fields: [], location }] };
    const drawn: ResolvedView = {
        id: view.id,
        kind: view.kind,
        direction: view.direction,
        title: `${view.title} (${view.nodes.length} objects in ${rollup.groups.length} groups by ${rollup.by})`,
        nodes: rollup.groups.map(group => ({ id: group.id })),
        edges,
    };
    return { graph: drawnGraph, view: drawn };
}
