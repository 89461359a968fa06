import type { GraphIndex } from '../graph-index.js';
import type { GraphObject } from '../model.js';
import { Std } from '../std-ids.js';

/** The object's horizon rank (days = 0 ... decades = 5), from whichever field is typed std.horizon. */
export function horizonRank(graph: GraphIndex, object: GraphObject): number | undefined {
    let fields = horizonFields.get(graph);
    if (!fields) horizonFields.set(graph, (fields = new Map<string, string | null>()));
    // Objects of one type share their horizon field: look it up once per type, not once per object.
    const key = object.type; // its types (supertypes included) follow from it
    let name = fields.get(key);
    if (name === undefined) {
        name = null;
        for (const typeId of object.types) {
            const field = graph.types.get(typeId)?.fields.find(f => f.type === Std.horizon && !f.list);
            if (field) {
                name = field.name;
                break;
            }
        }
        fields.set(key, name);
    }
    return name === null ? undefined : graph.rank(Std.horizon, object.fields[name]);
}

/** Per graph index: the horizon field of each object type (null: none). */
const horizonFields = new WeakMap<GraphIndex, Map<string, string | null>>();

export function horizonName(graph: GraphIndex, rank: number | undefined): string {
    return rank === undefined ? '?' : (graph.enums.get(Std.horizon)?.members[rank]?.name ?? '?');
}

export function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The aspects horizonRank reads: every field typed std.horizon (graph/changes.ts). */
export function horizonAspects(graph: GraphIndex): string[] {
    const aspects: string[] = [];
    for (const type of graph.types.values())
        for (const field of type.fields) if (field.type === Std.horizon && !field.list) aspects.push(`field:${field.name}`);
    return aspects;
}
