import type { GraphObject, LinkKindInfo, PomGraph, TypeInfo, EnumInfo, InLink, OutLink } from './model.js';
import { sameItems } from '../util/compare.js';

const indexes = new WeakMap<PomGraph, GraphIndex>();

/**
 * What a graph's index knows that depends only on its object ids, types, enums and link kinds: shared by the
 * indexes of the graphs derived from it (the same objects in the same order, with facts or views added).
 */
interface Layout {
    /** Each object's position in graph.objects (the last, should an id occur twice). */
    readonly positions: Map<string, number>;
    /** Per type id, the positions of its objects and those of its subtypes, in graph order. */
    readonly byType: Map<string, number[]>;
    readonly types: Map<string, TypeInfo>;
    readonly enums: Map<string, EnumInfo>;
    readonly linkKinds: Map<string, LinkKindInfo>;
}

const EMPTY: readonly never[] = Object.freeze([]);

/** Look-ups over a PomGraph: objects by id, links by kind, type tests. Pure data in, answers out. */
export class GraphIndex {
    /**
     * The index of a graph, built once per graph: the views, the whole-model checks and the editor's look-ups of
     * one model share it (a graph's objects, types, enums and link kinds are not changed once it is assembled).
     */
    static of(graph: PomGraph): GraphIndex {
        let index = indexes.get(graph);
        if (!index) indexes.set(graph, (index = new GraphIndex(graph)));
        return index;
    }

    /**
     * Declares `graph` derived from `base`'s graph: if it has the same object ids in the same order, each with
     * the same types, and the same type, enum and link kind declarations (only facts, metrics or views added, or
     * objects' fields and links changed), its index shares the base's maps instead of building them again
     * (deriving facts makes three graphs of each model). Otherwise nothing is done, and `of` builds its index as usual.
     */
    static derive(graph: PomGraph, base: GraphIndex): void {
        if (indexes.has(graph)) return;
        const from = base.graph;
        if (!sameItems(graph.types, from.types) || !sameItems(graph.enums, from.enums) || !sameItems(graph.linkKinds, from.linkKinds)) return;
        const objects = graph.objects;
        const baseObjects = from.objects;
        if (objects.length !== baseObjects.length) return;
        for (let i = 0; i < objects.length; i++) {
            const object = objects[i],
                baseObject = baseObjects[i];
            if (object !== baseObject && (object.id !== baseObject.id || !sameItems(object.types, baseObject.types))) return;
        }
        indexes.set(graph, new GraphIndex(graph, base.layout));
    }

    /**
     * Declares `graph` the successor of `previous` (an editor's graph after an edit that added or removed no
     * object): as `derive`, if `previous` was indexed.
     */
    static succeed(graph: PomGraph, previous: PomGraph): void {
        const base = indexes.get(previous);
        if (base) GraphIndex.derive(graph, base);
    }

    readonly types: ReadonlyMap<string, TypeInfo>;
    readonly enums: ReadonlyMap<string, EnumInfo>;
    readonly linkKinds: ReadonlyMap<string, LinkKindInfo>;
    protected readonly layout: Layout;
    /** ofType's answers, mapped from the layout's positions on first use. */
    protected readonly typeLists = new Map<string, GraphObject[]>();

    constructor(
        readonly graph: PomGraph,
        layout?: Layout,
    ) {
        this.layout = layout ?? GraphIndex.layoutOf(graph);
        this.types = this.layout.types;
        this.enums = this.layout.enums;
        this.linkKinds = this.layout.linkKinds;
    }

    private static layoutOf(graph: PomGraph): Layout {
        const positions = new Map<string, number>();
        const byType = new Map<string, number[]>();
        const objects = graph.objects;
        for (let i = 0; i < objects.length; i++) {
            const object = objects[i];
            positions.set(object.id, i);
            // Indexed: this runs once per graph, before V8 optimises it, and a for...of made an iterator result per type.
            const types = object.types;
            for (let j = 0; j < types.length; j++) {
                const type = types[j];
                const list = byType.get(type);
                if (list) list.push(i);
                else byType.set(type, [i]);
            }
        }
        const types = new Map<string, TypeInfo>();
        const enums = new Map<string, EnumInfo>();
        const linkKinds = new Map<string, LinkKindInfo>();
        for (const type of graph.types) types.set(type.id, type);
        for (const enumInfo of graph.enums) enums.set(enumInfo.id, enumInfo);
        for (const kind of graph.linkKinds) linkKinds.set(kind.id, kind);
        return { positions, byType, types, enums, linkKinds };
    }

    isA(object: GraphObject, typeId: string): boolean {
        return object.types.includes(typeId);
    }

    /** Objects of a type or its subtypes, in id order. */
    ofType(typeId: string): readonly GraphObject[] {
        let list = this.typeLists.get(typeId);
        if (!list) {
            const positions = this.layout.byType.get(typeId);
            if (!positions) return EMPTY;
            const objects = this.graph.objects;
            list = new Array<GraphObject>(positions.length);
            for (let i = 0; i < positions.length; i++) list[i] = objects[positions[i]];
            this.typeLists.set(typeId, list);
        }
        return list;
    }

    /** Objects of any of the types or their subtypes, in id order (each once): what a check of a few types scans. */
    ofAnyType(typeIds: readonly string[]): readonly GraphObject[] {
        const lists = typeIds.map(typeId => this.layout.byType.get(typeId)).filter(list => list !== undefined);
        if (lists.length === 0) return EMPTY;
        if (lists.length === 1) return this.ofType(typeIds.find(typeId => this.layout.byType.has(typeId))!);
        const positions = lists.flat().sort((a, b) => a - b);
        const objects = this.graph.objects;
        const result: GraphObject[] = [];
        for (let i = 0; i < positions.length; i++) if (i === 0 || positions[i] !== positions[i - 1]) result.push(objects[positions[i]]);
        return result;
    }

    /** The object's links of one kind (a shared empty array when it has none). */
    out(object: GraphObject, kind: string): readonly OutLink[] {
        return linksOfKind(object.links, kind);
    }

    /** The links of one kind that point at the object (a shared empty array when there are none). */
    in(object: GraphObject, kind: string): readonly InLink[] {
        return linksOfKind(object.backlinks, kind);
    }

    /** Whether the object has a link of the kind. */
    hasOut(object: GraphObject, kind: string): boolean {
        return hasKind(object.links, kind);
    }

    /** Whether a link of the kind points at the object. */
    hasIn(object: GraphObject, kind: string): boolean {
        return hasKind(object.backlinks, kind);
    }

    /** Targets of a link kind, counting values the object inherits from its containers. */
    effectiveTargets(object: GraphObject, kind: string): readonly string[] {
        const own = this.out(object, kind);
        if (own.length > 0) return own.map(link => link.target);
        return object.inherited.find(value => value.link === kind)?.targets ?? EMPTY;
    }

    /** The object and its containers, innermost first. */
    withAncestors(object: GraphObject): GraphObject[] {
        const chain: GraphObject[] = [];
        for (let current: GraphObject | undefined = object; current && !chain.includes(current); current = this.get(current.parent)) {
            chain.push(current);
        }
        return chain;
    }

    get(id: string | undefined): GraphObject | undefined {
        if (id === undefined) return undefined;
        const position = this.layout.positions.get(id);
        return position === undefined ? undefined : this.graph.objects[position];
    }

    /** Where the object with this id is in graph.objects. */
    position(id: string): number | undefined {
        return this.layout.positions.get(id);
    }

    /** Whether the graph has an object with this id. */
    has(id: string): boolean {
        return this.layout.positions.has(id);
    }

    /** The number of distinct object ids. */
    get size(): number {
        return this.layout.positions.size;
    }

    /** The rank of an ordered enum member, e.g. horizons: days = 0 ... decades = 5. */
    rank(enumId: string, member: unknown): number | undefined {
        const info = this.enums.get(enumId);
        if (!info?.ordered || typeof member !== 'string') return undefined;
        // A loop, not findIndex with a closure over the member: V8 allocated what they share on every call.
        const members = info.members;
        for (let rank = 0; rank < members.length; rank++) if (members[rank].name === member) return rank;
        return undefined;
    }
}

function linksOfKind<T extends { kind: string }>(links: readonly T[], kind: string): readonly T[] {
    // Most objects have no link of the asked kind: answer those without allocating.
    let first = -1;
    let count = 0;
    for (let i = 0; i < links.length; i++) {
        if (links[i].kind === kind) {
            if (count++ === 0) first = i;
        }
    }
    if (count === 0) return EMPTY;
    if (count === 1) return [links[first]];
    const result: T[] = [];
    for (let i = first; i < links.length; i++) if (links[i].kind === kind) result.push(links[i]);
    return result;
}

function hasKind(links: ReadonlyArray<{ kind: string }>, kind: string): boolean {
    for (let i = 0; i < links.length; i++) if (links[i].kind === kind) return true;
    return false;
}
