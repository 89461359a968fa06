// From the graph to what each diagram shows: declared views (the objects a view's selection picked) and the
// built-in views that need no declaration (the strategy chain, one per team, one per object's lineage).
// Pure: plain graph in, ResolvedView out.

import { GraphIndex } from '../graph/graph-index.js';
import type { GraphObject, GraphView, OutLink, PomGraph, ViewDirection } from '../graph/model.js';
import { Std, StdLinks } from '../graph/std-ids.js';
import { lineageIds, lineageOf } from '../graph/derived/lineage.js';
import { DRILL_DOWN_SEPARATOR, drillDownView, rollUp } from './rollup.js';
import type { ResolvedView, ViewEdge, ViewKind, ViewNode } from './view-model.js';
import { compareIds } from '../util/compare.js';

export const STRATEGY_VIEW_ID = 'strategy';
export const TEAM_VIEW_PREFIX = 'team:';
export const LINEAGE_VIEW_PREFIX = 'lineage:';

/** The types the strategy chain shows, from the north star down to the bets that move it. */
const STRATEGY_TYPES = [Std.northStar, Std.driver, Std.input, Std.goal];
/** The link kinds the strategy chain is made of. */
const STRATEGY_LINKS = [StdLinks.drives, StdLinks.contributesTo, StdLinks.targets, StdLinks.nestedIn];

/** Every view `pom build` draws: the declared ones, the strategy chain, and one per team. */
export function resolveViews(graph: PomGraph): ResolvedView[] {
    const index = GraphIndex.of(graph);
    const views = graph.views.map(view => declaredView(index, view));
    views.push(strategyView(index));
    for (const team of index.ofType(Std.team)) views.push(teamView(index, team));
    // A view too large to draw object by object is drawn as a roll-up, and each group gets a drill-down view.
    return views.flatMap(view => withDrillDowns(index, view));
}

/** The view with its roll-up (when it is large) followed by its groups' drill-down views, recursively. */
function withDrillDowns(index: GraphIndex, view: ResolvedView): ResolvedView[] {
    const rolled = withRollUp(index, view);
    if (!rolled.rollup) return [rolled];
    return [rolled, ...rolled.rollup.groups.flatMap(group => withDrillDowns(index, drillDown(index, rolled, group.key)!))];
}

function withRollUp(index: GraphIndex, view: ResolvedView): ResolvedView {
    const rollup = rollUp(index.graph, view, index);
    return rollup ? { ...view, rollup } : view;
}

function drillDown(index: GraphIndex, parent: ResolvedView, key: string): ResolvedView | undefined {
    const group = parent.rollup?.groups.find(candidate => candidate.key === key);
    if (!group) return undefined;
    return drillDownView(parent, group, ids => assemble(index, ids, { id: group.drillDown, title: '', kind: parent.kind, direction: parent.direction }));
}

/** One view by id: a declared view, `strategy`, `team:<team id>` or `lineage:<object id>`; undefined when there is none. */
export function resolveView(graph: PomGraph, id: string): ResolvedView | undefined {
    const index = GraphIndex.of(graph);
    const found = resolveOne(index, id);
    return found && withRollUp(index, found);
}

function resolveOne(index: GraphIndex, id: string): ResolvedView | undefined {
    const graph = index.graph;
    // A drill-down view of a roll-up's group: `<view id>/<group key>`.
    const separator = id.lastIndexOf(DRILL_DOWN_SEPARATOR);
    if (separator > 0) {
        const parent = resolveOne(index, id.slice(0, separator));
        return parent && drillDown(index, withRollUp(index, parent), id.slice(separator + 1));
    }
    const declared = graph.views.find(view => view.id === id);
    if (declared) return declaredView(index, declared);
    if (id === STRATEGY_VIEW_ID) return strategyView(index);
    if (id.startsWith(TEAM_VIEW_PREFIX)) {
        const team = index.get(id.slice(TEAM_VIEW_PREFIX.length));
        return team && index.isA(team, Std.team) ? teamView(index, team) : undefined;
    }
    if (id.startsWith(LINEAGE_VIEW_PREFIX)) {
        const object = index.get(id.slice(LINEAGE_VIEW_PREFIX.length));
        return object ? lineageView(index, object) : undefined;
    }
    return undefined;
}

/** The ids `resolveView` accepts for this graph, lineage views excluded (there is one per object). */
export function viewIds(graph: PomGraph): string[] {
    return [
        ...graph.views.map(view => view.id),
        STRATEGY_VIEW_ID,
        ...graph.objects.filter(object => object.types.includes(Std.team)).map(team => TEAM_VIEW_PREFIX + team.id),
    ];
}

function declaredView(index: GraphIndex, view: GraphView): ResolvedView {
    const ids = new Set(view.objects.filter(id => index.has(id)));
    return assemble(
        index,
        ids,
        {
            id: view.id,
            title: view.title ?? view.name,
            kind: 'declared',
            audience: view.audience,
            direction: view.direction,
        },
        view.linkKinds ? new Set(view.linkKinds) : undefined,
    );
}

function strategyView(index: GraphIndex): ResolvedView {
    const ids = new Set<string>();
    for (const type of STRATEGY_TYPES) for (const object of index.ofType(type)) ids.add(object.id);
    // The bets that target something in the chain: the chain's last layer.
    for (const bet of index.ofType(Std.bet)) {
        if (index.out(bet, StdLinks.targets).some(link => ids.has(link.target))) ids.add(bet.id);
    }
    // Bets at the bottom, the north star at the top: links point up the chain.
    return assemble(index, ids, { id: STRATEGY_VIEW_ID, title: 'Strategy', kind: 'strategy', direction: 'up' }, new Set(STRATEGY_LINKS));
}

function teamView(index: GraphIndex, team: GraphObject): ResolvedView {
    const ids = new Set<string>([team.id]);
    for (const link of team.links) {
        if (link.kind === StdLinks.owns || link.kind === StdLinks.stewards) ids.add(link.target);
    }
    // What the team owns, directly or through a container it owns (bets, inputs, work...).
    for (const id of ownedBy(index, team.id)) if (id !== team.id) ids.add(id);
    const owned = [...ids];
    for (const id of owned) {
        const object = index.get(id)!;
        // What its bets aim at, and what its work depends on (and what depends on it), across teams.
        for (const link of object.links) {
            if (link.kind === StdLinks.targets || link.kind === StdLinks.dependsOn) ids.add(link.target);
        }
        for (const link of object.backlinks) if (link.kind === StdLinks.dependsOn) ids.add(link.source);
    }
    // The teams it interacts with, both ways: whom it enables, serves or collaborates with, and who serves it; for a
    // platform team, its consumers. Only the team's own interactions are drawn (not those among the others), and a
    // team shown only as a partner brings just its interaction: its other links belong on its own view.
    const partners = new Set(
        [...index.out(team, StdLinks.interacts).map(link => link.target), ...index.in(team, StdLinks.interacts).map(link => link.source)].filter(
            id => !ids.has(id),
        ),
    );
    for (const id of partners) ids.add(id);
    const withSubject = (source: string, link: OutLink): boolean => source === team.id || link.target === team.id;
    const keepLink = (source: string, link: OutLink): boolean =>
        withSubject(source, link) || (link.kind !== StdLinks.interacts && !partners.has(source) && !partners.has(link.target));
    return assemble(
        index,
        ids,
        {
            id: TEAM_VIEW_PREFIX + team.id,
            title: `Team: ${team.title ?? team.name}`,
            kind: 'team',
            direction: 'right',
            subject: team.id,
        },
        undefined,
        keepLink,
    );
}

const owners = new WeakMap<GraphIndex, Map<string, string[]>>();

/**
 * The objects (people aside) whose owner, their own or inherited from a container, is `teamId`, in graph order.
 * Found for every team in one pass over the graph, which a team view per team would otherwise make each.
 */
function ownedBy(index: GraphIndex, teamId: string): readonly string[] {
    let owned = owners.get(index);
    if (!owned) {
        owned = new Map();
        for (const object of index.graph.objects) {
            if (index.isA(object, Std.person)) continue;
            for (const owner of index.effectiveTargets(object, StdLinks.owner)) {
                const list = owned.get(owner);
                if (list) list.push(object.id);
                else owned.set(owner, [object.id]);
            }
        }
        owners.set(index, owned);
    }
    return owned.get(teamId) ?? [];
}

/**
 * The lineage of an object (graph/derived/lineage.ts), drawn: the same objects `lineage(<id>)` answers, reading
 * from what leads to it (insights, on the left) to what it serves (the north star, on the right). Links the chain
 * runs against (a bet chosen from an option, an option considered for an opportunity) are laid out the way it reads.
 */
function lineageView(index: GraphIndex, subject: GraphObject): ResolvedView {
    const ids = new Set(lineageIds(lineageOf(index, subject.id)));
    const lineageKinds = new Set(index.graph.linkKinds.filter(kind => kind.lineage).map(kind => kind.id));
    const view = assemble(
        index,
        ids,
        {
            id: LINEAGE_VIEW_PREFIX + subject.id,
            title: `Lineage: ${subject.title ?? subject.name}`,
            kind: 'lineage',
            direction: 'right',
            subject: subject.id,
        },
        lineageKinds,
    );
    for (const edge of view.edges) if (index.linkKinds.get(edge.kind)?.lineage === 'upstream') edge.reversed = true;
    return view;
}

interface ViewHeader {
    id: string;
    title: string;
    kind: ViewKind;
    direction: ViewDirection;
    audience?: string;
    subject?: string;
}

/**
 * Nodes (parents before children, otherwise by id), each under its nearest shown container, and the links among them
 * (of `linkKinds` when given, and those `keepLink` accepts).
 */
function assemble(
    index: GraphIndex,
    ids: Set<string>,
    header: ViewHeader,
    linkKinds?: Set<string>,
    keepLink?: (source: string, link: OutLink) => boolean,
): ResolvedView {
    const parentOf = new Map<string, string | undefined>();
    for (const id of ids) {
        let container = index.get(id)?.parent;
        while (container !== undefined && !ids.has(container)) container = index.get(container)?.parent;
        parentOf.set(id, container);
    }
    const childrenOf = new Map<string | undefined, string[]>();
    for (const id of [...ids].sort(compareIds)) {
        const parent = parentOf.get(id);
        const list = childrenOf.get(parent);
        if (list) list.push(id);
        else childrenOf.set(parent, [id]);
    }
    const nodes: ViewNode[] = [];
    const walk = (parent: string | undefined): void => {
        for (const id of childrenOf.get(parent) ?? []) {
            const parentId = parentOf.get(id);
            nodes.push(parentId === undefined ? { id } : { id, parent: parentId });
            walk(id);
        }
    };
    walk(undefined);

    const edges = new Map<string, ViewEdge>();
    for (const id of ids) {
        for (const link of index.get(id)!.links) {
            if (!ids.has(link.target) || link.target === id || (linkKinds && !linkKinds.has(link.kind)) || (keepLink && !keepLink(id, link))) continue;
            const edgeId = `${id}|${link.kind}|${link.target}`;
            if (!edges.has(edgeId)) edges.set(edgeId, { id: edgeId, source: id, target: link.target, kind: link.kind, label: edgeLabel(index, link) });
        }
    }
    const view: ResolvedView = {
        id: header.id,
        title: header.title,
        kind: header.kind,
        direction: header.direction,
        nodes,
        edges: [...edges.values()].sort((a, b) => compareIds(a.id, b.id)),
    };
    if (header.audience !== undefined) view.audience = header.audience;
    if (header.subject !== undefined) view.subject = header.subject;
    return view;
}

/** What an edge says: a team interaction its mode (collaboration, x-as-a-service, facilitating), any other link its kind's name. */
function edgeLabel(index: GraphIndex, link: OutLink): string {
    const mode = link.kind === StdLinks.interacts ? link.meta.mode : undefined;
    if (typeof mode === 'string') return mode;
    return index.linkKinds.get(link.kind)?.name ?? link.kind;
}
