import type { GraphObject, LinkKindInfo, PomGraph, TypeInfo, EnumInfo, InLink, OutLink } from './model.js';

const indexes = new WeakMap<PomGraph, GraphIndex>();

/** Look-ups over a PomGraph: objects by id, links by kind, type tests. Pure data in, answers out. */
export class GraphIndex {
    /**
     * The index of a graph, built once per graph: the views, the whole-model checks and the editor's look-ups of
     * one model share it (a graph's objects, types, enums and link kinds are not changed once it is assembled).
     */
    static of(graph: PomGraph): GraphIndex {
        let index = indexes.get(graph);
        if (!index) indexes.set(graph, index = new GraphIndex(graph));
        return index;
    }

    readonly objects = new Map<string, GraphObject>();
    readonly types = new Map<string, TypeInfo>();
    readonly enums = new Map<string, EnumInfo>();
    readonly linkKinds = new Map<string, LinkKindInfo>();
    protected readonly byType = new Map<string, GraphObject[]>();

    constructor(readonly graph: PomGraph) {
        for (const object of graph.objects) {
            this.objects.set(object.id, object);
            for (const type of object.types) {
                const list = this.byType.get(type);
                if (list) list.push(object); else this.byType.set(type, [object]);
            }
        }
        for (const type of graph.types) this.types.set(type.id, type);
        for (const enumInfo of graph.enums) this.enums.set(enumInfo.id, enumInfo);
        for (const kind of graph.linkKinds) this.linkKinds.set(kind.id, kind);
    }

    isA(object: GraphObject, typeId: string): boolean {
        return object.types.includes(typeId);
    }

    /** Objects of a type or its subtypes, in id order. */
    ofType(typeId: string): GraphObject[] {
        return this.byType.get(typeId) ?? [];
    }

    out(object: GraphObject, kind: string): OutLink[] {
        return object.links.filter(link => link.kind === kind);
    }

    in(object: GraphObject, kind: string): InLink[] {
        return object.backlinks.filter(link => link.kind === kind);
    }

    /** Targets of a link kind, counting values the object inherits from its containers. */
    effectiveTargets(object: GraphObject, kind: string): string[] {
        const own = this.out(object, kind).map(link => link.target);
        if (own.length > 0) return own;
        return object.inherited.find(value => value.link === kind)?.targets ?? [];
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
        return id === undefined ? undefined : this.objects.get(id);
    }

    /** The rank of an ordered enum member, e.g. horizons: days = 0 … decades = 5. */
    rank(enumId: string, member: unknown): number | undefined {
        const info = this.enums.get(enumId);
        if (!info?.ordered || typeof member !== 'string') return undefined;
        const rank = info.members.findIndex(m => m.name === member);
        return rank < 0 ? undefined : rank;
    }
}
