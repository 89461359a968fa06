// A layered layout of our own for views too large for ELK to lay out in reasonable time (ELK's layered algorithm
// takes seconds from a few hundred objects, minutes from a thousand). The classic steps, each linear or close to
// it: break cycles, assign layers (longest path), put a dummy in each layer a long edge crosses, order each layer
// by barycenters in a fixed number of sweeps, place nodes across the layers as close to their neighbours as their
// order allows (isotonic regression), and route edges orthogonally through a channel per edge in each gap between
// layers. Compound nodes are laid out inside out: a container's children first, then the container as one box.
// The result has ELK's output shape (nodes relative to their parent, edges in root coordinates), so the rest of
// the pipeline (cache, readLayout, .elk.json) reads it as it reads ELK's. Deterministic: no randomness, stable sorts.

import type { ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import type { ViewDirection } from '../graph/model.js';
import type { ResolvedView, ViewEdge } from '../views/view-model.js';
import { COMPOUND_PADDING, type NodeLabel } from './node-labels.js';
import { compareIds } from '../util/compare.js';

const NODE_SPACING = 28;
const LAYER_SPACING = 56;
/** Across-space a long edge takes in each layer it crosses. */
const DUMMY_SPACING = 10;
/** Distance between parallel edge channels in a gap between layers, and the widest a gap grows. */
const CHANNEL_SPACING = 6;
const MAX_GAP = 240;
const PADDING = 16;
/** Barycenter sweeps (down and up) ordering each layer, and placement passes: fixed, so the result is deterministic. */
const ORDER_SWEEPS = 8;
const PLACEMENT_PASSES = 6;

export interface QuickLayoutInput {
    view: ResolvedView;
    labels: Map<string, NodeLabel>;
    compounds: Set<string>;
    /** Edge labels to place (edges without one get none). */
    edgeLabels: Map<string, { text: string; width: number; height: number }>;
}

interface Point { x: number; y: number }
interface Box { x: number; y: number; width: number; height: number }

/** A node of one level's layered graph: a real item (a child of the container) or a dummy on a long edge. */
interface LayerNode {
    key: string;
    item?: string;
    layer: number;
    alongSize: number;
    acrossSize: number;
    /** Position across the layers (top of the box in the across axis) and along them (start of the box). */
    across: number;
    along: number;
    order: number;
    preds: LayerNode[];
    succs: LayerNode[];
}

/** An edge as laid out at one level: oriented along the layers (reversed when it closes a cycle). */
interface LevelEdge {
    edge: ViewEdge;
    reversed: boolean;
    /** The chain from the oriented start's item, through dummies, to the oriented end's item. */
    chain: LayerNode[];
    /** The nodes actually linked (nested in the chain's ends when the edge leaves a container). */
    startNode: string;
    endNode: string;
}

interface LevelResult {
    width: number;
    height: number;
    /** Children's positions relative to the container's top-left corner. */
    positions: Map<string, Point>;
    /** Edge routes in the container's coordinates. */
    routes: Map<string, Point[]>;
}

export function quickLayout(input: QuickLayoutInput): ElkNode {
    const { view, labels, compounds } = input;
    const direction = view.direction;
    const parentOf = new Map(view.nodes.map(node => [node.id, node.parent]));
    const childrenOf = new Map<string | undefined, string[]>();
    for (const node of view.nodes) {
        const list = childrenOf.get(node.parent);
        if (list) list.push(node.id); else childrenOf.set(node.parent, [node.id]);
    }
    const ancestors = (id: string): string[] => {
        const chain: string[] = [];
        for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) chain.push(at);
        return chain;
    };
    // Each edge belongs to the level of its lowest common container (as in the ELK input).
    const edgesOf = new Map<string | undefined, ViewEdge[]>();
    const containerOf = new Map<string, string | undefined>();
    for (const edge of view.edges) {
        const sourceAncestors = ancestors(edge.source);
        const targetAncestors = ancestors(edge.target);
        const container = targetAncestors.includes(edge.source) ? edge.source
            : sourceAncestors.includes(edge.target) ? edge.target
                : sourceAncestors.find(id => targetAncestors.includes(id));
        containerOf.set(edge.id, container);
        const list = edgesOf.get(container);
        if (list) list.push(edge); else edgesOf.set(container, [edge]);
    }

    const sizes = new Map<string, { width: number; height: number }>();
    const relative = new Map<string, Point>();
    const localRoutes = new Map<string | undefined, Map<string, Point[]>>();

    /** The box of a node relative to the top-left corner of one of its ancestors (or the root's content). */
    const boxWithin = (id: string, container: string | undefined): Box => {
        let x = 0;
        let y = 0;
        for (let at: string | undefined = id; at !== container && at !== undefined; at = parentOf.get(at)) {
            const position = relative.get(at)!;
            x += position.x;
            y += position.y;
        }
        return { x, y, ...sizes.get(id)! };
    };

    const layOutContainer = (container: string | undefined): void => {
        const items = childrenOf.get(container) ?? [];
        for (const item of items) if (compounds.has(item)) layOutContainer(item);
        for (const item of items) if (!compounds.has(item)) sizes.set(item, { width: labels.get(item)!.width, height: labels.get(item)!.height });
        const padding = container === undefined
            ? { top: PADDING, left: PADDING, bottom: PADDING, right: PADDING }
            : { top: labels.get(container)!.height + COMPOUND_PADDING / 2, left: COMPOUND_PADDING, bottom: COMPOUND_PADDING, right: COMPOUND_PADDING };
        const edges = edgesOf.get(container) ?? [];
        const level = layOutLevel(items, edges.filter(edge => edge.source !== container && edge.target !== container), container,
            direction, sizes, boxWithin, parentOf);
        for (const [id, position] of level.positions) relative.set(id, { x: position.x + padding.left, y: position.y + padding.top });
        let width = level.width + padding.left + padding.right;
        let height = level.height + padding.top + padding.bottom;
        if (container !== undefined) {
            const label = labels.get(container)!;
            width = Math.max(width, label.width);
            height = Math.max(height, label.height + COMPOUND_PADDING);
            sizes.set(container, { width, height });
        } else {
            sizes.set('', { width, height });
        }
        const routes = new Map<string, Point[]>();
        for (const [id, points] of level.routes) routes.set(id, points.map(p => ({ x: p.x + padding.left, y: p.y + padding.top })));
        // Edges between a node and a container holding it: a straight line from the node to the container's border.
        for (const edge of edges) {
            if (edge.source !== container && edge.target !== container) continue;
            const inner = boxWithin(edge.source === container ? edge.target : edge.source, container);
            const points = stubToBorder(inner, { width, height }, direction);
            routes.set(edge.id, edge.source === container ? points.reverse() : points);
        }
        localRoutes.set(container, routes);
    };
    layOutContainer(undefined);

    // ELK's output shape: children relative to their parent, every edge in root coordinates.
    const root = sizes.get('')!;
    const elkNodes = new Map<string, ElkNode>();
    const out: ElkNode = { id: 'root', x: 0, y: 0, width: root.width, height: root.height, children: [], edges: [] };
    for (const node of view.nodes) {
        const position = relative.get(node.id)!;
        const size = sizes.get(node.id)!;
        const elkNode: ElkNode = { id: node.id, x: position.x, y: position.y, width: size.width, height: size.height };
        elkNodes.set(node.id, elkNode);
        const parent = node.parent === undefined ? out : elkNodes.get(node.parent)!;
        (parent.children ??= []).push(elkNode);
    }
    const edges: ElkExtendedEdge[] = [];
    for (const edge of view.edges) {
        const container = containerOf.get(edge.id);
        const origin = container === undefined ? { x: 0, y: 0 } : boxWithin(container, undefined);
        const points = localRoutes.get(container)!.get(edge.id)!.map(p => ({ x: p.x + origin.x, y: p.y + origin.y }));
        const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target],
            sections: [{ id: `${edge.id}#0`, startPoint: points[0], endPoint: points[points.length - 1], bendPoints: points.slice(1, -1) }] };
        const label = input.edgeLabels.get(edge.id);
        if (label) {
            const at = labelAnchor(points);
            const placed: ElkLabel = { id: `${edge.id}#label`, text: label.text, width: label.width, height: label.height,
                x: at.x - label.width / 2, y: at.y - label.height / 2 };
            elkEdge.labels = [placed];
        }
        edges.push(elkEdge);
    }
    out.edges = edges;
    return out;
}

/** The middle of an edge's longest segment: where its label goes. */
function labelAnchor(points: Point[]): Point {
    let best = 0;
    let length = -1;
    for (let i = 0; i + 1 < points.length; i++) {
        const segment = Math.abs(points[i + 1].x - points[i].x) + Math.abs(points[i + 1].y - points[i].y);
        if (segment > length) { length = segment; best = i; }
    }
    const a = points[best];
    const b = points[best + 1] ?? a;
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** From a node inside a container straight to the container's border, away from its header band. */
function stubToBorder(inner: Box, container: { width: number; height: number }, direction: ViewDirection): Point[] {
    const cx = inner.x + inner.width / 2;
    const cy = inner.y + inner.height / 2;
    if (direction === 'left') return [{ x: inner.x, y: cy }, { x: 0, y: cy }];
    if (direction === 'down') return [{ x: cx, y: inner.y + inner.height }, { x: cx, y: container.height }];
    return [{ x: inner.x + inner.width, y: cy }, { x: container.width, y: cy }];
}

/** Lays out one container's children (items) and the edges among them; coordinates relative to the content's corner. */
function layOutLevel(items: string[], edges: ViewEdge[], container: string | undefined, direction: ViewDirection,
    sizes: Map<string, { width: number; height: number }>, boxWithin: (id: string, container: string | undefined) => Box,
    parentOf: Map<string, string | undefined>): LevelResult {
    const horizontal = direction === 'right' || direction === 'left';
    const reversedAxis = direction === 'left' || direction === 'up';
    const alongOf = (size: { width: number; height: number }): number => horizontal ? size.width : size.height;
    const acrossOf = (size: { width: number; height: number }): number => horizontal ? size.height : size.width;
    /** The child of this container that holds a node (or the node itself). */
    const itemOf = (id: string): string => {
        let at = id;
        while (parentOf.get(at) !== container) at = parentOf.get(at)!;
        return at;
    };

    // 1. Break cycles: a depth-first search in model order; edges back to a node on the stack are reversed.
    const outgoing = new Map<string, Array<{ edge: ViewEdge; to: string }>>(items.map(item => [item, []]));
    for (const edge of edges) outgoing.get(itemOf(edge.source))!.push({ edge, to: itemOf(edge.target) });
    const reversed = new Set<ViewEdge>();
    const state = new Map<string, 1 | 2>();
    for (const start of items) {
        if (state.has(start)) continue;
        const stack: Array<{ item: string; next: number }> = [{ item: start, next: 0 }];
        state.set(start, 1);
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const out = outgoing.get(top.item)!;
            if (top.next >= out.length) {
                state.set(top.item, 2);
                stack.pop();
                continue;
            }
            const { edge, to } = out[top.next++];
            const seen = state.get(to);
            if (seen === 1) reversed.add(edge);
            else if (seen === undefined) {
                state.set(to, 1);
                stack.push({ item: to, next: 0 });
            }
        }
    }
    const oriented = edges.map(edge => {
        const [from, to] = reversed.has(edge) ? [itemOf(edge.target), itemOf(edge.source)] : [itemOf(edge.source), itemOf(edge.target)];
        return { edge, from, to };
    });

    // 2. Layers: longest path from the sources, then sources pulled next to what they link to.
    const inDegree = new Map(items.map(item => [item, 0]));
    const successors = new Map<string, string[]>(items.map(item => [item, []]));
    const predecessors = new Map<string, string[]>(items.map(item => [item, []]));
    for (const { from, to } of oriented) {
        inDegree.set(to, inDegree.get(to)! + 1);
        successors.get(from)!.push(to);
        predecessors.get(to)!.push(from);
    }
    const layerOf = new Map(items.map(item => [item, 0]));
    const ready = items.filter(item => inDegree.get(item) === 0);
    const topological: string[] = [];
    for (let i = 0; i < ready.length; i++) {
        const item = ready[i];
        topological.push(item);
        for (const next of successors.get(item)!) {
            layerOf.set(next, Math.max(layerOf.get(next)!, layerOf.get(item)! + 1));
            const degree = inDegree.get(next)! - 1;
            inDegree.set(next, degree);
            if (degree === 0) ready.push(next);
        }
    }
    for (const item of [...topological].reverse()) {
        const next = successors.get(item)!;
        if (predecessors.get(item)!.length === 0 && next.length > 0) layerOf.set(item, Math.min(...next.map(n => layerOf.get(n)!)) - 1);
    }
    const layerCount = Math.max(0, ...layerOf.values()) + 1;

    // 3. The layered graph: items, and a dummy for each layer a long edge crosses.
    const layers: LayerNode[][] = Array.from({ length: layerCount }, () => []);
    const nodeOf = new Map<string, LayerNode>();
    const newNode = (key: string, layer: number, item?: string): LayerNode => {
        const size = item !== undefined ? sizes.get(item)! : undefined;
        const node: LayerNode = { key, item, layer, alongSize: size ? alongOf(size) : 0, acrossSize: size ? acrossOf(size) : 0,
            across: 0, along: 0, order: 0, preds: [], succs: [] };
        layers[layer].push(node);
        return node;
    };
    for (const item of items) nodeOf.set(item, newNode(item, layerOf.get(item)!, item));
    const levelEdges: LevelEdge[] = oriented.map(({ edge, from, to }) => {
        const chain = [nodeOf.get(from)!];
        for (let layer = layerOf.get(from)! + 1; layer < layerOf.get(to)!; layer++) chain.push(newNode(`${edge.id}@${layer}`, layer));
        chain.push(nodeOf.get(to)!);
        for (let i = 0; i + 1 < chain.length; i++) {
            chain[i].succs.push(chain[i + 1]);
            chain[i + 1].preds.push(chain[i]);
        }
        const isReversed = reversed.has(edge);
        return { edge, reversed: isReversed, chain, startNode: isReversed ? edge.target : edge.source, endNode: isReversed ? edge.source : edge.target };
    });

    // 4. Order: model order first, then barycenter sweeps (ties keep the current order).
    for (const layer of layers) layer.forEach((node, index) => { node.order = index; });
    const sortLayer = (layer: LayerNode[], neighbours: (node: LayerNode) => LayerNode[]): void => {
        const keyed = layer.map(node => {
            const linked = neighbours(node);
            const barycenter = linked.length === 0 ? node.order : linked.reduce((sum, n) => sum + n.order, 0) / linked.length;
            return { node, barycenter };
        });
        keyed.sort((a, b) => a.barycenter - b.barycenter || a.node.order - b.node.order);
        keyed.forEach((entry, index) => { entry.node.order = index; layer[index] = entry.node; });
    };
    // Each sweep can make things worse as well as better: the ordering with the fewest crossings is kept.
    let best = layers.map(layer => [...layer]);
    let fewest = countCrossings(layers);
    for (let sweep = 0; sweep < ORDER_SWEEPS && fewest > 0; sweep++) {
        for (let l = 1; l < layers.length; l++) sortLayer(layers[l], node => node.preds);
        for (let l = layers.length - 2; l >= 0; l--) sortLayer(layers[l], node => node.succs);
        const crossings = countCrossings(layers);
        if (crossings < fewest) {
            fewest = crossings;
            best = layers.map(layer => [...layer]);
        }
    }
    best.forEach((layer, l) => {
        layers[l] = layer;
        layer.forEach((node, index) => { node.order = index; });
    });

    // 5. Across: each node as near the centre of its neighbours as the order and spacing allow.
    const gapAfter = (a: LayerNode, b: LayerNode): number => a.item !== undefined && b.item !== undefined ? NODE_SPACING : DUMMY_SPACING;
    for (const layer of layers) {
        let at = 0;
        layer.forEach((node, index) => {
            if (index > 0) at += gapAfter(layer[index - 1], node);
            node.across = at;
            at += node.acrossSize;
        });
    }
    const centre = (node: LayerNode): number => node.across + node.acrossSize / 2;
    for (let pass = 0; pass < PLACEMENT_PASSES; pass++) {
        const downward = pass % 2 === 0;
        for (let step = 0; step < layers.length; step++) {
            const layer = layers[downward ? step : layers.length - 1 - step];
            const desired = layer.map(node => {
                const linked = pass === PLACEMENT_PASSES - 1 ? [...node.preds, ...node.succs] : downward ? node.preds : node.succs;
                return linked.length === 0 ? node.across : linked.reduce((sum, n) => sum + centre(n), 0) / linked.length - node.acrossSize / 2;
            });
            placeInOrder(layer, desired, gapAfter);
        }
    }
    const minAcross = Math.min(0, ...layers.flatMap(layer => layer.length > 0 ? [layer[0].across] : []));
    for (const layer of layers) for (const node of layer) node.across -= minAcross;

    // 6. Along: layers as wide as their widest node, gaps as wide as their edge channels need.
    const chainSegments: Array<Array<{ edge: LevelEdge; index: number; from: number; to: number }>> = Array.from({ length: Math.max(0, layerCount - 1) }, () => []);
    const ports = assignPorts(levelEdges, boxWithin, horizontal);
    for (const levelEdge of levelEdges) {
        const across = ports.get(levelEdge)!;
        for (let i = 0; i + 1 < levelEdge.chain.length; i++) {
            if (across[i] !== across[i + 1]) chainSegments[levelEdge.chain[i].layer].push({ edge: levelEdge, index: i, from: across[i], to: across[i + 1] });
        }
    }
    const layerStart: number[] = [];
    const layerSize = layers.map(layer => Math.max(0, ...layer.map(node => node.alongSize)));
    const gapSize = chainSegments.map(segments => Math.min(MAX_GAP, Math.max(LAYER_SPACING, (segments.length + 1) * CHANNEL_SPACING)));
    let along = 0;
    for (let l = 0; l < layerCount; l++) {
        layerStart.push(along);
        for (const node of layers[l]) node.along = along + (layerSize[l] - node.alongSize) / 2;
        along += layerSize[l] + (l < gapSize.length ? gapSize[l] : 0);
    }
    const alongTotal = along;
    const acrossTotal = Math.max(0, ...layers.flatMap(layer => layer.map(node => node.across + node.acrossSize)));

    // 7. Channels: in each gap, one vertical line per segment that changes its across position, ordered so that
    // segments heading the same way do not cross each other.
    const channelOf = new Map<string, number>();
    chainSegments.forEach((segments, gap) => {
        const ordered = [...segments].sort((a, b) => {
            const keyA = a.to > a.from ? -a.from : a.from;
            const keyB = b.to > b.from ? -b.from : b.from;
            return keyA - keyB || a.to - b.to || compareIds(a.edge.edge.id, b.edge.edge.id);
        });
        const start = layerStart[gap] + layerSize[gap];
        ordered.forEach((segment, index) => channelOf.set(`${segment.edge.edge.id}@${segment.index}`, start + (index + 1) * gapSize[gap] / (ordered.length + 1)));
    });

    // 8. Routes in (along, across), then turned into the view's direction.
    const toReal = (p: { along: number; across: number }): Point => {
        const a = reversedAxis ? alongTotal - p.along : p.along;
        return horizontal ? { x: a, y: p.across } : { x: p.across, y: a };
    };
    const routes = new Map<string, Point[]>();
    for (const levelEdge of levelEdges) {
        const across = ports.get(levelEdge)!;
        const chain = levelEdge.chain;
        const first = chain[0];
        const last = chain[chain.length - 1];
        const startRange = alongRange(levelEdge.startNode, first, boxWithin, horizontal, reversedAxis, sizes);
        const endRange = alongRange(levelEdge.endNode, last, boxWithin, horizontal, reversedAxis, sizes);
        const abstract: Array<{ along: number; across: number }> = [{ along: startRange.end, across: across[0] }];
        for (let i = 0; i + 1 < chain.length; i++) {
            const channel = channelOf.get(`${levelEdge.edge.id}@${i}`);
            if (channel !== undefined) {
                abstract.push({ along: channel, across: across[i] }, { along: channel, across: across[i + 1] });
            }
        }
        abstract.push({ along: endRange.start, across: across[chain.length - 1] });
        const points = simplify(abstract.map(toReal));
        routes.set(levelEdge.edge.id, levelEdge.reversed ? points.reverse() : points);
    }
    const positions = new Map<string, Point>();
    for (const item of items) {
        const node = nodeOf.get(item)!;
        const a = reversedAxis ? alongTotal - node.along - node.alongSize : node.along;
        positions.set(item, horizontal ? { x: a, y: node.across } : { x: node.across, y: a });
    }
    return { width: horizontal ? alongTotal : acrossTotal, height: horizontal ? acrossTotal : alongTotal, positions, routes };
}

/** Edge crossings between consecutive layers: inversions among each pair's edges, counted with a Fenwick tree. */
function countCrossings(layers: LayerNode[][]): number {
    let total = 0;
    for (let l = 0; l + 1 < layers.length; l++) {
        const pairs: Array<[number, number]> = [];
        for (const node of layers[l]) for (const next of node.succs) pairs.push([node.order, next.order]);
        pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const size = layers[l + 1].length;
        const tree = new Array<number>(size + 1).fill(0);
        let seen = 0;
        for (const [, target] of pairs) {
            // Edges already seen that end after this one's target cross it.
            let atMost = 0;
            for (let i = target + 1; i > 0; i -= i & -i) atMost += tree[i];
            total += seen - atMost;
            for (let i = target + 1; i <= size; i += i & -i) tree[i]++;
            seen++;
        }
    }
    return total;
}

/**
 * Positions as close to the desired ones as the order and the spacing allow (least squares: pool adjacent
 * violators over positions shifted by each node's minimum offset from the first).
 */
function placeInOrder(layer: LayerNode[], desired: number[], gapAfter: (a: LayerNode, b: LayerNode) => number): void {
    const offsets: number[] = [];
    let offset = 0;
    layer.forEach((node, index) => {
        if (index > 0) offset += layer[index - 1].acrossSize + gapAfter(layer[index - 1], node);
        offsets.push(offset);
    });
    const blocks: Array<{ sum: number; count: number; first: number }> = [];
    layer.forEach((_, index) => {
        blocks.push({ sum: desired[index] - offsets[index], count: 1, first: index });
        while (blocks.length > 1 && blocks[blocks.length - 2].sum / blocks[blocks.length - 2].count > blocks[blocks.length - 1].sum / blocks[blocks.length - 1].count) {
            const last = blocks.pop()!;
            const previous = blocks[blocks.length - 1];
            previous.sum += last.sum;
            previous.count += last.count;
        }
    });
    for (const block of blocks) {
        const value = block.sum / block.count;
        for (let i = block.first; i < block.first + block.count; i++) layer[i].across = value + offsets[i];
    }
}

/** Where an edge end sits along the layers: the linked node's own box when it is nested in the item at the chain's end. */
function alongRange(nodeId: string, node: LayerNode, boxWithin: (id: string, container: string | undefined) => Box,
    horizontal: boolean, reversedAxis: boolean, sizes: Map<string, { width: number; height: number }>): { start: number; end: number } {
    if (nodeId === node.item) return { start: node.along, end: node.along + node.alongSize };
    const inner = boxWithin(nodeId, node.item);
    const itemSize = sizes.get(node.item!)!;
    const offset = horizontal ? inner.x : inner.y;
    const size = horizontal ? inner.width : inner.height;
    const extent = horizontal ? itemSize.width : itemSize.height;
    const start = reversedAxis ? extent - offset - size : offset;
    return { start: node.along + start, end: node.along + start + size };
}

/**
 * The across position of each edge at each node of its chain: dummies at their centre, nested ends at their own
 * centre, and edges sharing a side of a node spread along it in the order of where they come from or go to.
 */
function assignPorts(levelEdges: LevelEdge[], boxWithin: (id: string, container: string | undefined) => Box,
    horizontal: boolean): Map<LevelEdge, number[]> {
    const ports = new Map<LevelEdge, number[]>();
    for (const levelEdge of levelEdges) ports.set(levelEdge, levelEdge.chain.map(node => node.across + node.acrossSize / 2));
    const nestedCentre = (nodeId: string, node: LayerNode): number => {
        const inner = boxWithin(nodeId, node.item);
        return node.across + (horizontal ? inner.y + inner.height / 2 : inner.x + inner.width / 2);
    };
    const sides = new Map<LayerNode, { out: Array<{ edge: LevelEdge; toward: number }>; in: Array<{ edge: LevelEdge; toward: number }> }>();
    const side = (node: LayerNode) => {
        let entry = sides.get(node);
        if (!entry) sides.set(node, entry = { out: [], in: [] });
        return entry;
    };
    const centre = (node: LayerNode): number => node.across + node.acrossSize / 2;
    for (const levelEdge of levelEdges) {
        const chain = levelEdge.chain;
        const across = ports.get(levelEdge)!;
        if (levelEdge.startNode !== chain[0].item) across[0] = nestedCentre(levelEdge.startNode, chain[0]);
        else side(chain[0]).out.push({ edge: levelEdge, toward: centre(chain[1]) });
        const lastIndex = chain.length - 1;
        if (levelEdge.endNode !== chain[lastIndex].item) across[lastIndex] = nestedCentre(levelEdge.endNode, chain[lastIndex]);
        else side(chain[lastIndex]).in.push({ edge: levelEdge, toward: centre(chain[lastIndex - 1]) });
    }
    for (const [node, { out, in: incoming }] of sides) {
        for (const [list, index] of [[out, 0], [incoming, -1]] as const) {
            list.sort((a, b) => a.toward - b.toward || compareIds(a.edge.edge.id, b.edge.edge.id));
            list.forEach((entry, i) => {
                const across = ports.get(entry.edge)!;
                across[index === 0 ? 0 : across.length - 1] = node.across + (i + 1) * node.acrossSize / (list.length + 1);
            });
        }
    }
    return ports;
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(points: Point[]): Point[] {
    const out: Point[] = [];
    for (const point of points) {
        const last = out[out.length - 1];
        if (last && Math.abs(last.x - point.x) < 1e-9 && Math.abs(last.y - point.y) < 1e-9) continue;
        if (out.length >= 2) {
            const before = out[out.length - 2];
            const collinear = (Math.abs(before.x - last.x) < 1e-9 && Math.abs(last.x - point.x) < 1e-9)
                || (Math.abs(before.y - last.y) < 1e-9 && Math.abs(last.y - point.y) < 1e-9);
            if (collinear) out.pop();
        }
        out.push(point);
    }
    if (out.length === 1) out.push({ ...out[0] });
    return out;
}
