import type { AstReflection } from 'langium';

/**
 * Constructors of AST nodes that V8 lays out with room for their properties. Langium's parser makes a node as
 * `{ $type }`, an object with room for that one property: everything its rule then assigns, and the container the
 * parse gives it, went to a separate property store (the nodes' stores were a tenth of what a check keeps). A node
 * made by one of these is the same object to JavaScript (prototype Object.prototype, the same keys in the same
 * order); only V8's layout differs: the properties are in the object.
 */
const constructors = new Map<string, new () => object>();

/** Properties every parsed node may get besides its type's: $cstNode, $container, $containerProperty, $containerIndex. */
const NODE_PROPERTIES = 4;

/** How many objects are made to teach V8 a constructor's size: its slack tracking ends after seven. */
const WARM_UP = 8;

export function nodeConstructor(type: string, reflection: AstReflection): new () => object {
    let Node = constructors.get(type);
    if (!Node) {
        const fields = 1 + Object.keys(reflection.getTypeMetaData(type).properties).length + NODE_PROPERTIES;
        constructors.set(type, (Node = shapedConstructor(fields)));
    }
    return Node;
}

/**
 * A constructor whose objects have room for `fields` properties (V8 gives at most 10 this way). Each call makes a new
 * function, which V8 gives its own initial layout; it starts with room to spare and, once seven objects are made, trims
 * the room to what they used: the objects made here use `fields` (throwaway names: real nodes never get them).
 */
function shapedConstructor(fields: number): new () => object {
    const Node = function PomAstNode() {} as unknown as new () => object;
    Node.prototype = Object.prototype;
    for (let i = 0; i < WARM_UP; i++) {
        const object = new Node() as Record<string, unknown>;
        for (let k = 0; k < fields; k++) object[`$warmUp${k}`] = undefined;
    }
    return Node;
}
