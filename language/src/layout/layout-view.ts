// A resolved view laid out by ELK (layered, orthogonal edges): the ELK input built from measured labels, the
// layout itself (in a worker, with a deadline, cached on disk by a hash of its input), and the result in absolute
// coordinates for the SVG renderer.

import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import { canonicalJson } from '../graph/json.js';
import type { GraphObject, PomGraph, ViewDirection } from '../graph/model.js';
import type { ResolvedView, ViewEdge } from '../views/view-model.js';
import { elkFile, type ElkPool } from './elk-pool.js';
import { replaceFile } from '../util/atomic-write.js';
import { COMPOUND_PADDING, EDGE_LABEL_STYLE, LINE_HEIGHT, nodeLabel, typeLabel, type NodeLabel } from './node-labels.js';
import { quickLayout } from './quick-layout.js';
import { measureText } from './text-measure.js';

/** Bumped whenever the ELK input or its reading changes meaning, so stale cached layouts are not reused. */
const LAYOUT_FORMAT = 3;
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
export const DEFAULT_LAYOUT_TIMEOUT_MS = 30_000;
/**
 * Above this many objects, or links, a view is laid out by our own layered layout (quick-layout.ts) instead of
 * ELK: ELK takes about 0.2 s for a 50-object view, seconds from 300 objects and minutes at 1,000, while ours
 * takes milliseconds; ELK's is tidier (fewer crossings, edges spread more evenly), so small views keep it.
 */
export const ELK_MAX_NODES = 40;
export const ELK_MAX_EDGES = 100;

/** Which layout a view gets: `auto` picks ELK for small views and the quick layout above ELK_MAX_NODES/ELK_MAX_EDGES. */
export type LayoutEngine = 'auto' | 'elk' | 'quick';

export function chooseLayoutEngine(view: ResolvedView, engine: LayoutEngine = 'auto'): 'elk' | 'quick' {
    if (engine !== 'auto') return engine;
    return view.nodes.length > ELK_MAX_NODES || view.edges.length > ELK_MAX_EDGES ? 'quick' : 'elk';
}

export interface LayoutOptions {
    /** Views with more nodes are not laid out (they are reported as too large). */
    maxNodes?: number;
    /** How long one view's layout may take before it is given up as too large. */
    timeoutMs?: number;
    /** Where laid-out ELK graphs are cached, by a hash of their input; no cache when absent. */
    cacheDir?: string;
    /** Which layout to use (default auto: by the view's size). */
    engine?: LayoutEngine;
}

export interface Point { x: number; y: number }
export interface Box { x: number; y: number; width: number; height: number }

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
    points: Point[];
    labelBox?: Box;
}

export interface LaidOutView {
    width: number;
    height: number;
    /** Parents before their children, as in the view. */
    nodes: LaidOutNode[];
    edges: LaidOutEdge[];
}

export interface TooLarge {
    reason: 'nodes' | 'timeout' | 'failed';
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
    /** Which layout the view got (by its size, or as asked). */
    engine: 'elk' | 'quick';
}

const ELK_DIRECTIONS: Record<ViewDirection, string> = { right: 'RIGHT', down: 'DOWN', left: 'LEFT', up: 'UP' };

export interface Prepared {
    input: ElkNode;
    labels: Map<string, NodeLabel>;
    objects: Map<string, GraphObject>;
    compounds: Set<string>;
}

/**
 * Options of each level ELK lays out on its own. With INCLUDE_CHILDREN only the root's count (and setting
 * forceNodeModelOrder on a compound node as well makes elkjs 0.12 crash).
 */
function levelOptions(direction: ViewDirection): Record<string, string> {
    return {
        'elk.algorithm': 'layered',
        'elk.direction': ELK_DIRECTIONS[direction],
        'elk.edgeRouting': 'ORTHOGONAL',
        // Keep the view's order (ids) where the layout allows: adding one object does not reshuffle the others.
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
        'elk.spacing.nodeNode': '28',
        'elk.layered.spacing.nodeNodeBetweenLayers': '56',
        'elk.spacing.edgeNode': '16',
        'elk.spacing.edgeEdge': '10',
        'elk.spacing.edgeLabel': '4',
        'elk.edgeLabels.placement': 'CENTER',
        'elk.spacing.componentComponent': '40',
    };
}

/** The ELK graph of a view: measured node sizes, compound nodes for nested objects, each edge in its lowest common container. */
export function elkInput(graph: PomGraph, view: ResolvedView): Prepared {
    const objects = new Map(graph.objects.map(object => [object.id, object]));
    const typeTitles = new Map(graph.types.map(type => [type.id, type.title ?? type.name]));
    const parentOf = new Map(view.nodes.map(node => [node.id, node.parent]));
    const compounds = new Set(view.nodes.flatMap(node => node.parent === undefined ? [] : [node.parent]));
    const labels = new Map<string, NodeLabel>();
    const elkNodes = new Map<string, ElkNode>();
    const root: ElkNode = { id: 'root', layoutOptions: { ...levelOptions(view.direction), 'elk.padding': '[top=16,left=16,bottom=16,right=16]' }, children: [], edges: [] };

    for (const node of view.nodes) {
        const object = objects.get(node.id)!;
        const label = nodeLabel(object, typeLabel(graph, object.type, typeTitles));
        labels.set(node.id, label);
        const elkNode: ElkNode = { id: node.id };
        if (compounds.has(node.id)) {
            elkNode.children = [];
            elkNode.edges = [];
            elkNode.layoutOptions = {
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

    const ancestors = (id: string): string[] => {
        const chain: string[] = [];
        for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) chain.push(at);
        return chain;
    };
    let crossing = false;
    for (const edge of view.edges) {
        const sourceAncestors = ancestors(edge.source);
        const targetAncestors = ancestors(edge.target);
        if (parentOf.get(edge.source) !== parentOf.get(edge.target)) crossing = true;
        // The lowest common container; an edge between a node and its own ancestor lives in that ancestor.
        const container = targetAncestors.includes(edge.source) ? edge.source
            : sourceAncestors.includes(edge.target) ? edge.target
                : sourceAncestors.find(id => targetAncestors.includes(id));
        const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target] };
        if (view.edges.length <= MAX_LABELLED_EDGES) {
            const labelWidth = Math.ceil(measureText(edge.label, EDGE_LABEL_STYLE.size, EDGE_LABEL_STYLE.weight)) + 6;
            elkEdge.labels = [{ id: `${edge.id}#label`, text: edge.label, width: labelWidth, height: Math.ceil(EDGE_LABEL_STYLE.size * LINE_HEIGHT) + 2 }];
        }
        (container === undefined ? root : elkNodes.get(container)!).edges!.push(elkEdge);
    }
    // Laying out across hierarchy levels costs several times a flat layout: only where an edge crosses a container.
    if (view.nodes.length > THOROUGH_LAYOUT_NODES) root.layoutOptions!['elk.layered.thoroughness'] = '1';
    if (crossing) {
        root.layoutOptions!['elk.hierarchyHandling'] = 'INCLUDE_CHILDREN';
    } else {
        // Each compound node is then laid out on its own, and ELK does not pass the root's options down.
        for (const id of compounds) Object.assign(elkNodes.get(id)!.layoutOptions!, levelOptions(view.direction));
    }
    for (const elkNode of elkNodes.values()) if (elkNode.edges?.length === 0) delete elkNode.edges;
    return { input: root, labels, objects, compounds };
}

/** ELK output without its internal fields (`$H`), so that it is stable and smaller. */
function stripInternal(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(stripInternal);
    if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) if (!key.startsWith('$')) out[key] = stripInternal(item);
        return out;
    }
    return value;
}

export function layoutKey(input: ElkNode, engine: 'elk' | 'quick' = 'elk'): string {
    return createHash('sha256').update(`pom-layout ${LAYOUT_FORMAT} ${engine === 'elk' ? `elkjs ${ELK_VERSION}` : 'quick'}\n`).update(canonicalJson(input)).digest('hex');
}

/** The labels ELK would place, by edge id: the quick layout places the same ones. */
function edgeLabelsOf(input: ElkNode): Map<string, { text: string; width: number; height: number }> {
    const labels = new Map<string, { text: string; width: number; height: number }>();
    const walk = (node: ElkNode): void => {
        for (const edge of node.edges ?? []) {
            const label = edge.labels?.[0];
            if (label) labels.set(edge.id, { text: label.text ?? '', width: label.width ?? 0, height: label.height ?? 0 });
        }
        for (const child of node.children ?? []) walk(child);
    };
    walk(input);
    return labels;
}

export async function layoutView(graph: PomGraph, view: ResolvedView, pool: ElkPool, options: LayoutOptions = {}): Promise<LayoutResult> {
    const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
    if (view.nodes.length > maxNodes) {
        return { cached: false, engine: chooseLayoutEngine(view, options.engine), tooLarge: { reason: 'nodes', nodes: view.nodes.length, message:
            `view '${view.id}' has ${view.nodes.length} objects, over the diagram limit of ${maxNodes}: narrow its selection (fewer types, a where clause) or raise the limit` } };
    }
    const prepared = elkInput(graph, view);
    const engine = chooseLayoutEngine(view, options.engine);
    const key = layoutKey(prepared.input, engine);
    const cacheFile = options.cacheDir ? join(options.cacheDir, `${key}.json`) : undefined;
    let elk: ElkNode | undefined;
    let cached = false;
    if (cacheFile) {
        const text = await fs.readFile(cacheFile, 'utf8').catch(() => undefined);
        if (text !== undefined) {
            try {
                elk = JSON.parse(text) as ElkNode;
                cached = true;
            } catch {
                elk = undefined; // A damaged cache entry is laid out again and overwritten.
            }
        }
    }
    if (!elk && engine === 'quick') {
        elk = quickLayout({ view, labels: prepared.labels, compounds: prepared.compounds, edgeLabels: edgeLabelsOf(prepared.input) });
        await writeCache(cacheFile, elk);
    }
    if (!elk) {
        const timeoutMs = options.timeoutMs ?? DEFAULT_LAYOUT_TIMEOUT_MS;
        const outcome = await pool.layout(prepared.input, timeoutMs);
        if (outcome.status === 'timeout') {
            return { cached: false, engine, tooLarge: { reason: 'timeout', nodes: view.nodes.length, message:
                `view '${view.id}' (${view.nodes.length} objects) took longer than ${formatSeconds(timeoutMs)} to lay out: narrow its selection or raise the layout timeout` } };
        }
        if (outcome.status === 'failed') {
            return { cached: false, engine, tooLarge: { reason: 'failed', nodes: view.nodes.length, message:
                `view '${view.id}' (${view.nodes.length} objects) could not be laid out (${outcome.message}): narrow its selection` } };
        }
        elk = stripInternal(outcome.graph) as ElkNode;
        await writeCache(cacheFile, elk);
    }
    return { elk, cached, engine, layout: readLayout(elk, view, prepared) };
}

async function writeCache(cacheFile: string | undefined, elk: ElkNode): Promise<void> {
    if (!cacheFile) return;
    await fs.mkdir(dirname(cacheFile), { recursive: true });
    // Atomic: parallel builds never read half a file.
    await replaceFile(cacheFile, JSON.stringify(elk));
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
        const laid: LaidOutNode = { id: node.id, ...boxes.get(node.id)!, type: object.type, types: object.types,
            compound: prepared.compounds.has(node.id), label: prepared.labels.get(node.id)! };
        if (node.parent !== undefined) laid.parent = node.parent;
        return laid;
    });
    const edges: LaidOutEdge[] = view.edges.map((edge: ViewEdge) => {
        const found = edgesById.get(edge.id);
        const offset = (found && origin.get(found.container)) ?? { x: 0, y: 0 };
        const points: Point[] = [];
        for (const section of found?.edge.sections ?? []) {
            for (const point of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
                const absolute = { x: offset.x + point.x, y: offset.y + point.y };
                const last = points[points.length - 1];
                if (!last || last.x !== absolute.x || last.y !== absolute.y) points.push(absolute);
            }
        }
        const laid: LaidOutEdge = { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, label: edge.label, points };
        const label: ElkLabel | undefined = found?.edge.labels?.[0];
        if (label?.x !== undefined && label.y !== undefined) {
            laid.labelBox = { x: offset.x + label.x, y: offset.y + label.y, width: label.width ?? 0, height: label.height ?? 0 };
        }
        return laid;
    });
    return { width: elk.width ?? 0, height: elk.height ?? 0, nodes, edges };
}
