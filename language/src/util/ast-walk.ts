import {
    AstUtils,
    GrammarAST,
    isCompositeCstNode,
    isMultiReference,
    isReference,
    type AstNode,
    type CstNode,
    type MultiReference,
    type Reference,
} from 'langium';
import { reflection } from '../generated/langium/ast.js';

const nodesByRoot = new WeakMap<AstNode, AstNode[]>();

/**
 * What the walks below read of a node of one type, from the grammar's reflection: the properties that may hold child
 * nodes (all but references and booleans) and those that hold references. Reading just these is a few property loads
 * per node where `for...in` visits every key (`$type`, `$container`, `$cstNode`, ...) and asks `Object.hasOwn` of each.
 */
interface Shape {
    contents: readonly string[];
    /** The one reference property, or undefined when the type has several (their order is the node's key order). */
    reference: string | undefined;
    references: number;
}

const shapes = new Map<string, Shape | null>();

function shapeOf(type: string): Shape | null {
    let shape = shapes.get(type);
    if (shape === undefined) {
        const properties = reflection.getAllTypes().includes(type) ? Object.values(reflection.getTypeMetaData(type).properties) : undefined;
        const references = properties?.filter(p => p.referenceType !== undefined).map(p => p.name) ?? [];
        shape = properties
            ? {
                  contents: properties.filter(p => p.referenceType === undefined && typeof p.defaultValue !== 'boolean').map(p => p.name),
                  reference: references.length === 1 ? references[0] : undefined,
                  references: references.length,
              }
            : null;
        shapes.set(type, shape);
    }
    return shape;
}

/**
 * Every node of the tree under `root`, root first, in the order of Langium's `streamAst` (properties in key order,
 * `$` properties skipped). An array rather than a stream: linking and validation each visit every node of every
 * document, and the stream's iterator objects were a tenth of `pom check`'s time. Iterative, so deep input cannot
 * overflow the stack. Remembered per root: a parse makes a new root, and linking and validation share one list.
 */
export function astNodes(root: AstNode): readonly AstNode[] {
    const walk = new AstWalk(root);
    while (walk.next());
    return walk.nodes;
}

/**
 * `astNodes(root)` one node at a time, for the linker: it visits each node's references as soon as the walk reaches
 * it, while the node is still in the processor's cache, instead of in a second pass over the finished list (a
 * hundred thousand nodes in a large workspace). The list is remembered for `astNodes` once the walk is complete.
 */
export class AstWalk {
    readonly nodes: AstNode[];
    private position = 0;
    private readonly stack: AstNode[] = [];
    private readonly children: AstNode[] = [];

    constructor(private readonly root: AstNode) {
        const known = nodesByRoot.get(root);
        if (known) {
            this.nodes = known;
        } else {
            this.nodes = [];
            this.stack.push(root);
        }
    }

    /** The next node, or undefined once every node has been visited. */
    next(): AstNode | undefined {
        if (this.position < this.nodes.length) return this.nodes[this.position++];
        const node = this.stack.pop();
        if (!node) {
            // Only a walk that reached its end holds every node.
            if (this.position === this.nodes.length && !nodesByRoot.has(this.root)) nodesByRoot.set(this.root, this.nodes);
            return undefined;
        }
        this.nodes.push(node);
        this.position++;
        const children = this.children;
        const record = node as unknown as Record<string, unknown>;
        const shape = shapeOf(node.$type);
        // Children under one property are in key order whatever the order of the properties; under several, the
        // node's keys give it.
        if (!shape || childrenOf(record, shape.contents, children) > 1) childrenInKeyOrder(record, children);
        // Pushed in reverse so that the first child is visited next.
        while (children.length > 0) this.stack.push(children.pop()!);
        return node;
    }
}

/**
 * Run on every parse (PomLangiumParser): sets every node's container, the property holding it and its index there, as
 * Langium's `linkContentToContainer` (deep) does, replaces each list by an exact copy (nothing holds the lists yet),
 * and remembers the nodes in `astNodes` order, so that linking and validation do not walk the tree again.
 */
export function linkContainers(root: AstNode): void {
    const nodes: AstNode[] = [];
    const stack: AstNode[] = [root];
    const children: AstNode[] = [];
    while (stack.length > 0) {
        const node = stack.pop()!;
        nodes.push(node);
        const record = node as unknown as Record<string, unknown>;
        const shape = shapeOf(node.$type);
        if (shape) {
            let holding = 0;
            for (const property of shape.contents) if (adoptChildren(node, record, property, children)) holding++;
            // Under several properties the children are in the node's key order (as in AstWalk).
            if (holding > 1) childrenInKeyOrder(record, children);
        } else {
            for (const key in record) if (key.charCodeAt(0) !== 36 /* $ */ && Object.hasOwn(record, key)) adoptChildren(node, record, key, children);
        }
        // Pushed in reverse so that the first child is visited next.
        while (children.length > 0) stack.push(children.pop()!);
    }
    nodesByRoot.set(root, nodes);
}

/** Gives the nodes under `property` their container and adds them to `children`; true when there were any. */
function adoptChildren(node: AstNode, record: Record<string, unknown>, property: string, children: AstNode[]): boolean {
    const value = record[property];
    if (Array.isArray(value)) {
        if (value.length === 0) return false;
        // Langium's parser fills a list by pushing into an empty array, which V8 gives room for 17 items and never
        // trims: an exact copy keeps a third of the memory for the lists of one or two.
        const list: unknown[] = (record[property] = value.slice());
        const before = children.length;
        for (let index = 0; index < list.length; index++) {
            const item = list[index];
            if (isNode(item)) {
                item.$container = node;
                (item as { $containerProperty?: string }).$containerProperty = property;
                (item as { $containerIndex?: number }).$containerIndex = index;
                children.push(item);
            }
        }
        return children.length > before;
    }
    if (!isNode(value)) return false;
    value.$container = node;
    (value as { $containerProperty?: string }).$containerProperty = property;
    children.push(value);
    return true;
}

/** Adds the children under `properties` to `children`; answers how many of the properties held any. */
function childrenOf(record: Record<string, unknown>, properties: readonly string[], children: AstNode[]): number {
    let holding = 0;
    for (const property of properties) {
        const before = children.length;
        addChildren(record[property], children);
        if (children.length > before) holding++;
    }
    return holding;
}

/** Replaces `children` by the node's children in its key order: what `streamAst` gives when several properties hold them. */
function childrenInKeyOrder(record: Record<string, unknown>, children: AstNode[]): void {
    children.length = 0;
    // for...in with hasOwn visits Object.keys' order without allocating its array (one per node of every document).
    for (const key in record) if (key.charCodeAt(0) !== 36 /* $ */ && Object.hasOwn(record, key)) addChildren(record[key], children);
}

function addChildren(value: unknown, children: AstNode[]): void {
    if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
        children.push(value);
    }
}

function isNode(value: unknown): value is AstNode & { $container?: AstNode } {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** What `forEachReference` calls for each reference: `node` is the node that holds it. */
export type ReferenceVisitor = (reference: Reference | MultiReference, property: string, index: number | undefined, node: AstNode) => void;

/** Calls `visit` for each reference a node holds directly, in property order (as Langium's `streamReferences`). */
export function forEachReference(node: AstNode, visit: ReferenceVisitor): void {
    const record = node as unknown as Record<string, unknown>;
    const shape = shapeOf(node.$type);
    if (shape && shape.references <= 1) {
        if (shape.reference !== undefined) visitReferences(node, record[shape.reference], shape.reference, visit);
        return;
    }
    for (const key in record) {
        if (key.charCodeAt(0) === 36 /* $ */ || !Object.hasOwn(record, key)) continue;
        visitReferences(node, record[key], key, visit);
    }
}

function visitReferences(node: AstNode, value: unknown, property: string, visit: ReferenceVisitor): void {
    if (isReference(value) || isMultiReference(value)) {
        visit(value, property, undefined, node);
    } else if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
            const item: unknown = value[index];
            if (isReference(item) || isMultiReference(item)) visit(item, property, index, node);
        }
    }
}

/**
 * The first CST node within `node` (itself a node's CST) that the grammar assigns to `property`, as Langium's
 * `GrammarUtils.findNodeForProperty(node, property)` finds it, but stopping at the first match instead of collecting
 * every match of the node's whole text: the graph builder asks this for every object and link.
 */
export function firstNodeForProperty(node: CstNode | undefined, property: string): CstNode | undefined {
    if (!node || !isCompositeCstNode(node)) return undefined;
    return searchProperty(node.content, property, node.astNode);
}

function searchProperty(content: readonly CstNode[], property: string, element: AstNode): CstNode | undefined {
    for (const child of content) {
        if (assignmentOf(child.grammarSource)?.feature === property) return child;
        if (isCompositeCstNode(child) && child.astNode === element) {
            const found = searchProperty(child.content, property, element);
            if (found) return found;
        }
    }
    return undefined;
}

const assignments = new WeakMap<object, GrammarAST.Assignment | null>();

function assignmentOf(source: AstNode | undefined): GrammarAST.Assignment | undefined {
    if (!source) return undefined;
    let assignment = assignments.get(source);
    if (assignment === undefined) {
        assignment = AstUtils.getContainerOfType(source, GrammarAST.isAssignment) ?? null;
        assignments.set(source, assignment);
    }
    return assignment ?? undefined;
}
