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

const nodesByRoot = new WeakMap<AstNode, AstNode[]>();

/**
 * Every node of the tree under `root`, root first, in the order of Langium's `streamAst` (properties in key order,
 * `$` properties skipped). An array rather than a stream: linking and validation each visit every node of every
 * document, and the stream's iterator objects were a tenth of `pom check`'s time. Iterative, so deep input cannot
 * overflow the stack. Remembered per root: a parse makes a new root, and linking and validation share one list.
 */
export function astNodes(root: AstNode): readonly AstNode[] {
    let nodes = nodesByRoot.get(root);
    if (nodes) return nodes;
    nodes = [];
    const stack: AstNode[] = [root];
    const children: AstNode[] = [];
    while (stack.length > 0) {
        const node = stack.pop()!;
        nodes.push(node);
        const record = node as unknown as Record<string, unknown>;
        // for…in with hasOwn visits Object.keys' order without allocating its array (one per node of every document).
        for (const key in record) {
            if (key.charCodeAt(0) === 36 /* $ */ || !Object.hasOwn(record, key)) continue;
            const value = record[key];
            if (Array.isArray(value)) {
                for (const item of value) if (isNode(item)) children.push(item);
            } else if (isNode(value)) {
                children.push(value);
            }
        }
        // Pushed in reverse so that the first child is visited next.
        while (children.length > 0) stack.push(children.pop()!);
    }
    nodesByRoot.set(root, nodes);
    return nodes;
}

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** Calls `visit` for each reference a node holds directly, in property order (as Langium's `streamReferences`). */
export function forEachReference(node: AstNode, visit: (reference: Reference | MultiReference, property: string, index?: number) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
        if (key.charCodeAt(0) === 36 /* $ */ || !Object.hasOwn(record, key)) continue;
        const value = record[key];
        if (isReference(value) || isMultiReference(value)) {
            visit(value, key);
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (isReference(item) || isMultiReference(item)) visit(item, key, index);
            }
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
