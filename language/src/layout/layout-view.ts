// A resolved view laid out by ELK (layered, orthogonal edges): the ELK input built from measured labels, the
// layout itself (in a worker, with a deadline, cached on disk by a hash of its input), and the result in absolute
// coordinates for the SVG renderer.

import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import { canonicalJson } from '../graph/json.js';
import { GraphIndex } from '../graph/graph-index.js';
import type { PomGraph, ViewDirection } from '../graph/model.js';
import type { ResolvedView, ViewEdge, ViewKind } from '../views/view-model.js';
import { elkFile, type ElkPool } from './elk-pool.js';
import { replaceFile } from '../util/atomic-write.js';
import { COMPOUND_PADDING, EDGE_LABEL_STYLE, LINE_HEIGHT, nodeLabel, typeLabel, type NodeLabel } from './node-labels.js';
import { rollUpDrawing } from '../views/rollup.js';
import { measureText } from './text-measure.js';
import { countCrossings, isBend } from './quality.js';

/** Bumped whenever the ELK input or its reading changes meaning, so stale cached layouts are not reused. */
const LAYOUT_FORMAT = 6;
const ELK_VERSION = (JSON.parse(readFileSync(elkFile('package.json'), 'utf8')) as { version: string }).version;

export const DEFAULT_MAX_NODES = 1500;
/**
 * Edge labels become dummy nodes in ELK and dominate its run time on large views (about 3x at 300 objects; more
 * across containers): above this many edges they are left to the legend (link kinds differ in colour, dash and
 * marker) and to each edge's tooltip.
 */
export const MAX_LABELLED_EDGES = 80;
/** Above this many nodes ELK tries one ordering per layer sweep instead of seven: 2-3x faster, a few more crossings. */
const THOROUGH_LAYOUT_NODES = 100;
/** A guard against a stuck layout, not a size limit: sizes are limited by roll-ups, so output never depends on time. */
export const DEFAULT_LAYOUT_TIMEOUT_MS = 120_000;

export interface LayoutOptions {
    /** Views with more nodes are not laid out (they are reported as too large). */
    maxNodes?: number;
    /** How long one view's layout may take before it fails with LayoutTimeoutError (a guard, never a size limit). */
    timeoutMs?: number;
    /** Where laid-out ELK graphs are cached, by a hash of their input; no cache when absent. */
    cacheDir?: string;
}

export interface Point {
    x: number;
    y: number;
}
export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface LaidOutNode extends Box {
    id: string;
    parent?: string;
    /** The object's type id, for styling. */
    type: string;
    /** All its types, most specific first: styles fall back to a supertype's. */
    types: string[];
    /** A compound node draws its label as a header band and holds its children below it. */
    compound: boolean;
    label: NodeLabel;
}

export interface LaidOutEdge {
    id: string;
    source: string;
    target: string;
    kind: string;
    label: string;
    /** Empty for a nested edge. */
    points: Point[];
    labelBox?: Box;
    /** A link between an object and the container it is drawn inside: the nesting shows it, no line is drawn. */
    nested?: boolean;
}

export interface LaidOutView {
    width: number;
    height: number;
    /** Parents before their children, as in the view. */
    nodes: LaidOutNode[];
    edges: LaidOutEdge[];
}

export interface TooLarge {
    /** A layout past its deadline is not one of these: it throws LayoutTimeoutError. */
    reason: 'nodes' | 'failed';
    /** Why, in a sentence with what to do about it. */
    message: string;
    nodes: number;
}

export interface LayoutResult {
    /** ELK's laid-out graph (its internal `$H` fields removed), or undefined when the view was not laid out. */
    elk?: ElkNode;
    layout?: LaidOutView;
    tooLarge?: TooLarge;
    /** True when the layout came from the cache rather than from ELK. */
    cached: boolean;
    /** For a roll-up: the graph and view actually drawn (one node per group); each group's drill-down view is in the roll-up. */
    drawn?: { graph: PomGraph; view: ResolvedView };
}

const ELK_DIRECTIONS: Record<ViewDirection, string> = { right: 'RIGHT', down: 'DOWN', left: 'LEFT', up: 'UP' };

export interface Prepared {
    input: ElkNode;
    labels: Map<string, NodeLabel>;
    objects: GraphIndex;
    compounds: Set<string>;
    /** The ELK edges each view edge is drawn as, in order from source to target (one per level it crosses). */
    segments: Map<string, string[]>;
    /** Edges between an object and its own container: shown by the nesting, not routed. */
    nested: Set<string>;
}

/**
 * Options of each level ELK lays out (the root and every compound node: each is laid out on its own, inside out,
 * never with INCLUDE_CHILDREN, whose cost grows steeply with nesting). Crossing minimisation is free of the model's
 * order (ordering by id put bets in id order instead of under what they target); more sweeps for small views.
 */
function levelOptions(direction: ViewDirection, thoroughness: number, nodes: number): Record<string, string> {
    const options: Record<string, string> = {
        'elk.algorithm': 'layered',
        'elk.direction': ELK_DIRECTIONS[direction],
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.layered.thoroughness': String(thoroughness),
        'elk.randomSeed': '1',
        'elk.spacing.nodeNode': '28',
        'elk.layered.spacing.nodeNodeBetweenLayers': '56',
        'elk.spacing.edgeNode': '16',
        'elk.spacing.edgeEdge': '10',
        'elk.spacing.edgeLabel': '4',
        'elk.edgeLabels.placement': 'CENTER',
        'elk.spacing.componentComponent': '40',
        // Hierarchical ports (edges into and out of a compound node) keep to the side the flow asks for.
        'elk.portConstraints': 'FIXED_SIDE',
    };
    // In a small view, a box many links meet (a team's own view: everything it owns points at it) gets its one-link
    // neighbours placed around it rather than in the general layers, where their links crossed the rest
    // (payments-core's team view: 14 crossings where dot has 10; with this 8; ELK's default threshold, 16, is reached
    // by no acme view). Not above HIGH_DEGREE_VIEW_NODES: it made a generated 46-object team view 2.3 times slower.
    if (nodes <= HIGH_DEGREE_VIEW_NODES) {
        options['elk.layered.highDegreeNodes.treatment'] = 'true';
        options['elk.layered.highDegreeNodes.threshold'] = '8';
    }
    return options;
}

/** Views up to this many objects get ELK's high-degree node treatment (levelOptions). */
const HIGH_DEGREE_VIEW_NODES = 30;

/**
 * Views up to this many objects are small: ELK tries every candidate layering and minimises crossings most
 * thoroughly (larger ones are rare: views above ROLLUP_MIN_OBJECTS, 60 too, are rolled up).
 */
const SMALL_VIEW_NODES = 60;

/**
 * A lineage is close to a tree (a chain from insights to the north star, with alternatives beside it): one layering
 * and a few sweeps find its fewest crossings (as few as dot on every acme lineage), at about a quarter of the cost.
 * It matters because the site draws one per bet.
 */
const LINEAGE_THOROUGHNESS = 7;

/** How thoroughly ELK minimises crossings: by the view's size and kind only (never by time), so output is the same anywhere. */
export function thoroughnessFor(nodes: number, kind?: ViewKind): number {
    const bySize = nodes <= SMALL_VIEW_NODES ? 30 : nodes <= THOROUGH_LAYOUT_NODES ? 7 : 1;
    return kind === 'lineage' ? Math.min(bySize, LINEAGE_THOROUGHNESS) : bySize;
}

const PORT_SIDES: Record<ViewDirection, { in: string; out: string }> = {
    right: { in: 'WEST', out: 'EAST' },
    left: { in: 'EAST', out: 'WEST' },
    down: { in: 'NORTH', out: 'SOUTH' },
    up: { in: 'SOUTH', out: 'NORTH' },
};

/** The ELK graph of a view: measured node sizes, compound nodes for nested objects, each edge in its lowest common container. */
export function elkInput(graph: PomGraph, view: ResolvedView): Prepared {
    // The graph's shared index, not a map of every object per view: a 10k-object model has 200 views.
    const objects = GraphIndex.of(graph);
    const typeTitles = new Map(graph.types.map(type => [type.id, type.title ?? type.name]));
    const parentOf = new Map(view.nodes.map(node => [node.id, node.parent]));
    const compounds = new Set(view.nodes.flatMap(node => (node.parent === undefined ? [] : [node.parent])));
    const labels = new Map<string, NodeLabel>();
    const elkNodes = new Map<string, ElkNode>();
    const options = levelOptions(view.direction, thoroughnessFor(view.nodes.length, view.kind), view.nodes.length);
    const root: ElkNode = { id: 'root', layoutOptions: { ...options, 'elk.padding': '[top=16,left=16,bottom=16,right=16]' }, children: [], edges: [] };

    for (const node of view.nodes) {
        const object = objects.get(node.id)!;
        const label = nodeLabel(object, typeLabel(graph, object.type, typeTitles));
        labels.set(node.id, label);
        const elkNode: ElkNode = { id: node.id };
        if (compounds.has(node.id)) {
            elkNode.children = [];
            elkNode.edges = [];
            elkNode.layoutOptions = {
                ...options,
                'elk.padding': `[top=${label.height + COMPOUND_PADDING / 2},left=${COMPOUND_PADDING},bottom=${COMPOUND_PADDING},right=${COMPOUND_PADDING}]`,
                'elk.nodeSize.constraints': 'MINIMUM_SIZE',
                'elk.nodeSize.minimum': `(${label.width},${label.height + COMPOUND_PADDING})`,
            };
        } else {
            elkNode.width = label.width;
            elkNode.height = label.height;
        }
        elkNodes.set(node.id, elkNode);
        (node.parent === undefined ? root : elkNodes.get(node.parent)!).children!.push(elkNode);
    }

    /** The node and its containers up to (not including) `stop`, innermost first. */
    const chainUp = (id: string, stop: string | undefined): string[] => {
        const chain: string[] = [];
        for (let at: string | undefined = id; at !== undefined && at !== stop; at = parentOf.get(at)) chain.push(at);
        return chain;
    };
    const ancestors = (id: string): string[] => chainUp(id, undefined).slice(1);
    const sides = PORT_SIDES[view.direction];
    const addPort = (nodeId: string, portId: string, side: string): string => {
        const node = elkNodes.get(nodeId)!;
        (node.ports ??= []).push({ id: portId, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } });
        return portId;
    };
    const graphOf = (container: string | undefined): ElkNode => (container === undefined ? root : elkNodes.get(container)!);
    const segments = new Map<string, string[]>();
    const labelled = view.edges.length <= MAX_LABELLED_EDGES;
    const nested = new Set<string>();
    for (const edge of view.edges) {
        // ELK lays an edge out from `from` to `to`: a reversed edge from its target, and readLayout turns it back.
        const [from, to] = edge.reversed ? [edge.target, edge.source] : [edge.source, edge.target];
        const sourceAncestors = ancestors(from);
        const targetAncestors = ancestors(to);
        // A link between an object and its own container (work delivering the bet it sits in) is drawn by the
        // nesting itself: a line from a box to the border around it only crosses the container's other lines.
        if (targetAncestors.includes(from) || sourceAncestors.includes(to)) {
            nested.add(edge.id);
            continue;
        }
        const container = sourceAncestors.find(id => targetAncestors.includes(id));
        // An edge leaving (or entering) a compound node passes through a port on its border at each level, so
        // every level is laid out on its own: one ELK edge per level, stitched back together in readLayout.
        const ids: string[] = [];
        const piece = (where: string | undefined, from: string, to: string, id: string): ElkExtendedEdge => {
            const elkEdge: ElkExtendedEdge = { id, sources: [from], targets: [to] };
            graphOf(where).edges!.push(elkEdge);
            ids.push(id);
            return elkEdge;
        };
        const sourceChain = chainUp(from, container);
        const targetChain = chainUp(to, container);
        let start: string = from;
        for (let i = 1; i < sourceChain.length; i++) {
            const port = addPort(sourceChain[i], `${edge.id}#out${i}`, sides.out);
            piece(sourceChain[i], start, port, `${edge.id}#s${i}`);
            start = port;
        }
        let end: string = to;
        const inward: Array<[string, string, string]> = [];
        for (let i = 1; i < targetChain.length; i++) {
            const port = addPort(targetChain[i], `${edge.id}#in${i}`, sides.in);
            inward.unshift([targetChain[i], port, end]);
            end = port;
        }
        const middle = piece(container, start, end, edge.id);
        if (labelled) {
            const labelWidth = Math.ceil(measureText(edge.label, EDGE_LABEL_STYLE.size, EDGE_LABEL_STYLE.weight)) + 6;
            middle.labels = [{ id: `${edge.id}#label`, text: edge.label, width: labelWidth, height: Math.ceil(EDGE_LABEL_STYLE.size * LINE_HEIGHT) + 2 }];
        }
        inward.forEach(([where, from, to], i) => piece(where, from, to, `${edge.id}#t${i + 1}`));
        segments.set(edge.id, ids);
    }
    for (const elkNode of elkNodes.values()) if (elkNode.edges?.length === 0) delete elkNode.edges;
    return { input: root, labels, objects, compounds, segments, nested };
}

/**
 * An ELK input free of the model's names: every id (node, port, edge, label) replaced by the order of its first
 * appearance. ELK's result depends on the graph's shape, sizes and options, not on its ids, so views of the same
 * shape (a team view per team of a templated organisation, a drill-down per driver) share one layout: laid out
 * once, cached once, and given back each view's own ids (namedLayout).
 */
interface AnonymousInput {
    input: ElkNode;
    /** The original id of each anonymous one: `n<i>` was ids[i]. */
    ids: string[];
}

function anonymousInput(input: ElkNode): AnonymousInput {
    const ids: string[] = [];
    const numbers = new Map<string, string>();
    const rename = (id: string | number): string => {
        const key = String(id);
        let name = numbers.get(key);
        if (name === undefined) {
            name = `n${ids.length}`;
            ids.push(key);
            numbers.set(key, name);
        }
        return name;
    };
    const node = (from: ElkNode): ElkNode => {
        const to: ElkNode = { ...from, id: rename(from.id) };
        if (from.ports) to.ports = from.ports.map(port => ({ ...port, id: rename(port.id) }));
        if (from.children) to.children = from.children.map(node);
        if (from.edges) {
            to.edges = from.edges.map(edge => {
                const renamed: ElkExtendedEdge = { ...edge, id: rename(edge.id), sources: edge.sources.map(rename), targets: edge.targets.map(rename) };
                if (edge.labels) renamed.labels = edge.labels.map(label => ({ ...label, id: rename(label.id!) }));
                return renamed;
            });
        }
        return to;
    };
    return { input: node(input), ids };
}

/** Fields of ELK's output that name nodes, ports, edges, labels or edge sections: given back their original ids. */
const ID_FIELDS = new Set(['id', 'container', 'incomingShape', 'outgoingShape']);
const ID_LIST_FIELDS = new Set(['sources', 'targets', 'incomingSections', 'outgoingSections']);

/**
 * An anonymous ELK result with the original ids back (an edge's sections are `<edge id>_s<i>`; kept anonymous
 * without `ids`), and without ELK's internal fields (`$H`), so that it is stable and smaller.
 */
function namedLayout(value: unknown, ids: string[] | undefined): unknown {
    const original = (name: unknown): unknown => {
        const match = ids && typeof name === 'string' ? /^n(\d+)(_s\d+)?$/.exec(name) : null;
        return match ? ids![Number(match[1])] + (match[2] ?? '') : name;
    };
    const walk = (item: unknown, key: string | undefined): unknown => {
        if (key === 'layoutOptions') return item;
        if (Array.isArray(item)) return key !== undefined && ID_LIST_FIELDS.has(key) ? item.map(original) : item.map(entry => walk(entry, undefined));
        if (item && typeof item === 'object') {
            const out: Record<string, unknown> = {};
            for (const [field, entry] of Object.entries(item)) if (!field.startsWith('$')) out[field] = walk(entry, field);
            return out;
        }
        return key !== undefined && ID_FIELDS.has(key) ? original(item) : item;
    };
    return walk(value, undefined);
}

export function layoutKey(input: ElkNode): string {
    return createHash('sha256').update(`pom-layout ${LAYOUT_FORMAT} elkjs ${ELK_VERSION}\n`).update(canonicalJson(input)).digest('hex');
}

/** What one anonymous layout came to: ELK's result in anonymous ids, or why there is none. */
type SharedLayout = { status: 'done'; elk: ElkNode; cached: boolean } | { status: 'timeout' } | { status: 'failed'; message: string };

/**
 * The layouts each pool is running, by key: a view of the same shape as one being laid out waits for it rather
 * than asking ELK again. Only while they run (the disk cache keeps them after), so a long-lived pool holds nothing.
 */
const layoutsInFlight = new WeakMap<ElkPool, Map<string, Promise<SharedLayout>>>();

export async function layoutView(sourceGraph: PomGraph, sourceView: ResolvedView, pool: ElkPool, options: LayoutOptions = {}): Promise<LayoutResult> {
    // A roll-up is drawn as its groups: a small graph of its own.
    const drawing = sourceView.rollup ? rollUpDrawing(sourceGraph, sourceView) : undefined;
    const graph = drawing?.graph ?? sourceGraph;
    const view = drawing?.view ?? sourceView;
    const result = await layoutDrawing(graph, view, pool, options);
    return drawing ? { ...result, drawn: drawing } : result;
}

async function layoutDrawing(graph: PomGraph, view: ResolvedView, pool: ElkPool, options: LayoutOptions): Promise<LayoutResult> {
    const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
    if (view.nodes.length > maxNodes) {
        return {
            cached: false,
            tooLarge: {
                reason: 'nodes',
                nodes: view.nodes.length,
                message: `view '${view.id}' has ${view.nodes.length} objects, over the diagram limit of ${maxNodes}: narrow its selection (fewer types, a where clause) or raise the limit`,
            },
        };
    }
    const prepared = elkInput(graph, view);
    const anonymous = anonymousInput(prepared.input);
    const key = layoutKey(anonymous.input);
    let running = layoutsInFlight.get(pool);
    if (!running) layoutsInFlight.set(pool, (running = new Map<string, Promise<SharedLayout>>()));
    let shared = running.get(key);
    if (!shared) {
        shared = sharedLayout(anonymous, key, view, prepared, pool, options);
        running.set(key, shared);
        const forget = (): boolean => running.delete(key);
        void shared.then(forget, forget);
    }
    const outcome = await shared;
    const timeoutMs = options.timeoutMs ?? DEFAULT_LAYOUT_TIMEOUT_MS;
    if (outcome.status === 'timeout') throw new LayoutTimeoutError(view, timeoutMs);
    if (outcome.status === 'failed') {
        return {
            cached: false,
            tooLarge: {
                reason: 'failed',
                nodes: view.nodes.length,
                message: `view '${view.id}' (${view.nodes.length} objects) could not be laid out (${outcome.message}): narrow its selection`,
            },
        };
    }
    const elk = namedLayout(outcome.elk, anonymous.ids) as ElkNode;
    return { elk, cached: outcome.cached, layout: readLayout(elk, view, prepared) };
}

/**
 * The anonymous layout of a view's shape: from the disk cache, or the best of its candidate layouts (chosen with
 * the first view of that shape: every view of the shape has the same crossings), written to the cache.
 */
async function sharedLayout(
    anonymous: AnonymousInput,
    key: string,
    view: ResolvedView,
    prepared: Prepared,
    pool: ElkPool,
    options: LayoutOptions,
): Promise<SharedLayout> {
    const cacheFile = options.cacheDir ? join(options.cacheDir, `${key}.json`) : undefined;
    // Read at once (it is small): a layout that is not cached goes to ELK before the caller's next step, which
    // pom build spends writing graph.json while ELK works.
    if (cacheFile) {
        try {
            return { status: 'done', elk: JSON.parse(readFileSync(cacheFile, 'utf8')) as ElkNode, cached: true };
        } catch {
            // Not cached yet; or a damaged entry, laid out again and overwritten.
        }
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_LAYOUT_TIMEOUT_MS;
    const candidates = layoutCandidates(anonymous.input, view);
    const outcomes = await Promise.all(candidates.map(candidate => pool.layout(candidate, timeoutMs)));
    // Each candidate is read once; the first of equals wins: candidates come in a fixed order, so the choice is
    // the same on any machine.
    let best: { elk: ElkNode; crossings: number } | undefined;
    for (const outcome of outcomes) {
        if (outcome.status !== 'done') return outcome;
        const candidate = namedLayout(outcome.graph, undefined) as ElkNode;
        const crossings = countCrossings(readLayout(namedLayout(candidate, anonymous.ids) as ElkNode, view, prepared).edges);
        if (!best || crossings < best.crossings) best = { elk: candidate, crossings };
    }
    await writeCache(cacheFile, best!.elk);
    return { status: 'done', elk: best!.elk, cached: false };
}

/**
 * A layout that ran past the deadline. Layouts are bounded by the view's size (large views are rolled up), so this
 * guards against a hang; it fails the command rather than drawing something that depends on the machine's speed.
 */
export class LayoutTimeoutError extends Error {
    constructor(
        readonly view: ResolvedView,
        readonly timeoutMs: number,
    ) {
        super(
            `view '${view.id}' (${view.nodes.length} objects) was still being laid out after ${formatSeconds(timeoutMs)}: ` +
                'the machine is very busy or the layout is stuck; run again with a longer timeout (pom build --layout-timeout, pom diagram --timeout)',
        );
    }
}

/**
 * Layering strategies tried on small views (SMALL_VIEW_NODES; larger ones and lineages the first only): the drawing
 * with the fewest crossings is kept.
 */
const CANDIDATE_LAYERINGS = ['NETWORK_SIMPLEX', 'COFFMAN_GRAHAM'];

/** The ELK inputs tried for a view: the same graph with each candidate layering (by size and kind, never by time). */
function layoutCandidates(input: ElkNode, view: ResolvedView): ElkNode[] {
    const layerings = view.nodes.length <= SMALL_VIEW_NODES && view.kind !== 'lineage' ? CANDIDATE_LAYERINGS : CANDIDATE_LAYERINGS.slice(0, 1);
    return layerings.map(layering => {
        const copy = structuredClone(input);
        const set = (node: ElkNode): void => {
            if (node.layoutOptions?.['elk.algorithm']) node.layoutOptions['elk.layered.layering.strategy'] = layering;
            for (const child of node.children ?? []) set(child);
        };
        set(copy);
        return copy;
    });
}

async function writeCache(cacheFile: string | undefined, elk: ElkNode): Promise<void> {
    if (!cacheFile) return;
    await fs.mkdir(dirname(cacheFile), { recursive: true });
    // Atomic: parallel builds never read half a file.
    replaceFile(cacheFile, JSON.stringify(elk));
}

function formatSeconds(ms: number): string {
    return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** ELK positions are relative to the parent node (nodes) or to the edge's container (edges): made absolute here. */
function readLayout(elk: ElkNode, view: ResolvedView, prepared: Prepared): LaidOutView {
    const origin = new Map<string, Point>([['root', { x: 0, y: 0 }]]);
    const boxes = new Map<string, Box>();
    const walk = (node: ElkNode, offset: Point): void => {
        for (const child of node.children ?? []) {
            const box = { x: offset.x + (child.x ?? 0), y: offset.y + (child.y ?? 0), width: child.width ?? 0, height: child.height ?? 0 };
            boxes.set(child.id, box);
            origin.set(child.id, { x: box.x, y: box.y });
            walk(child, box);
        }
    };
    walk(elk, { x: 0, y: 0 });

    const edgesById = new Map<string, { edge: ElkExtendedEdge; container: string }>();
    const collect = (node: ElkNode): void => {
        for (const edge of node.edges ?? []) edgesById.set(edge.id, { edge, container: edge.container ?? node.id });
        for (const child of node.children ?? []) collect(child);
    };
    collect(elk);

    const nodes: LaidOutNode[] = view.nodes.map(node => {
        const object = prepared.objects.get(node.id)!;
        const laid: LaidOutNode = {
            id: node.id,
            ...boxes.get(node.id)!,
            type: object.type,
            types: object.types,
            compound: prepared.compounds.has(node.id),
            label: prepared.labels.get(node.id)!,
        };
        if (node.parent !== undefined) laid.parent = node.parent;
        return laid;
    });
    const edges: LaidOutEdge[] = view.edges.map((edge: ViewEdge) => {
        const points: Point[] = [];
        let labelBox: Box | undefined;
        // The pieces of an edge across container borders, outermost level's in the middle, joined at their ports.
        for (const pieceId of prepared.segments.get(edge.id) ?? [edge.id]) {
            const found = edgesById.get(pieceId);
            if (!found) continue;
            const offset = origin.get(found.container) ?? { x: 0, y: 0 };
            for (const section of found.edge.sections ?? []) {
                for (const point of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
                    const absolute = { x: offset.x + point.x, y: offset.y + point.y };
                    const last = points[points.length - 1];
                    if (!last || Math.abs(last.x - absolute.x) > 0.01 || Math.abs(last.y - absolute.y) > 0.01) points.push(absolute);
                }
            }
            const label: ElkLabel | undefined = found.edge.labels?.[0];
            if (label?.x !== undefined && label.y !== undefined) {
                labelBox = { x: offset.x + label.x, y: offset.y + label.y, width: label.width ?? 0, height: label.height ?? 0 };
            }
        }
        if (prepared.nested.has(edge.id))
            return { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, label: edge.label, points: [], nested: true };
        if (edge.reversed) points.reverse();
        const laid: LaidOutEdge = { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, label: edge.label, points: dropCollinear(points) };
        if (labelBox) laid.labelBox = labelBox;
        return laid;
    });
    return { width: elk.width ?? 0, height: elk.height ?? 0, nodes, edges };
}

/** Points in the middle of a straight run (where two pieces of an edge meet at a port) are not bends. */
function dropCollinear(points: Point[]): Point[] {
    return points.filter((point, i) => i === 0 || i === points.length - 1 || isBend(points[i - 1], point, points[i + 1]));
}
