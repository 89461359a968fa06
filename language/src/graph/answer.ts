// What an answer shows beyond its ids, computed once for every front end (pom query, the site's query pages):
// the value of a column, and the answer grouped by a field, a link or the lineage, with counts and sums.

import type { GraphIndex } from './graph-index.js';
import type { FieldValue, GraphObject } from './model.js';
import { lineageOf } from './derived/lineage.js';
import { compareIds } from '../util/compare.js';

/**
 * A column's value for an object: a field (set, defaulted or inherited), else a derived fact, else the targets of
 * a link kind by its name (`owner`, its own or inherited) or the sources of one by its inverse name (`targeted-by`).
 */
export function columnValue(index: GraphIndex, object: GraphObject, column: string): FieldValue | undefined {
    if (column in object.fields) return object.fields[column];
    const fact = object.facts?.[column];
    if (fact !== undefined) return fact;
    const kind = linkKindNamed(index, column);
    if (kind?.inverse) return object.backlinks.filter(l => l.kind === kind.id).map(l => l.source);
    if (kind) {
        const targets = index.effectiveTargets(object, kind.id);
        return targets.length > 0 ? [...targets] : undefined;
    }
    return undefined;
}

function linkKindNamed(index: GraphIndex, name: string): { id: string; inverse: boolean } | undefined {
    for (const kind of index.linkKinds.values()) {
        if (kind.name === name) return { id: kind.id, inverse: false };
    }
    for (const kind of index.linkKinds.values()) {
        if (kind.inverse === name) return { id: kind.id, inverse: true };
    }
    return undefined;
}

export interface AnswerGroup {
    /** The group's value: an object id (a link target, a lineage type's object), a field value, or '' for none. */
    key: string;
    /** Whether key is an object id. */
    object: boolean;
    ids: string[];
    sums: Record<string, number>;
}

export interface GroupedAnswer {
    by: string;
    groups: AnswerGroup[];
    /** Over the whole answer: an object in two groups counts once. */
    total: { count: number; sums: Record<string, number> };
}

/**
 * The answer's objects grouped by `by`: a field or derived fact (by its value), a link kind (by its targets), or
 * a type (by the nearest objects of that type the object leads to along its lineage, itself if it is one: `driver`
 * groups bets and inputs by the driver they serve). An object with several values is in several groups; one with
 * none is in the group '' (last). Sums add the number fields named.
 */
export function groupAnswer(index: GraphIndex, ids: readonly string[], by: string | undefined, sums: readonly string[] = []): GroupedAnswer {
    const groups = new Map<string, AnswerGroup>();
    const type = by === undefined ? undefined : [...index.types.values()].find(t => t.name === by || t.id === by);
    const keysOf = (object: GraphObject): Array<{ key: string; object: boolean }> => {
        if (by === undefined) return [{ key: '', object: false }];
        if (type && !(by in object.fields) && object.facts?.[by] === undefined) {
            return nearestOfType(index, object, type.id).map(key => ({ key, object: true }));
        }
        const value = columnValue(index, object, by);
        const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
        return values.map(v => ({ key: String(v), object: typeof v === 'string' && index.has(v) }));
    };
    const total = { count: 0, sums: Object.fromEntries(sums.map(s => [s, 0])) as Record<string, number> };
    for (const id of ids) {
        const object = index.get(id);
        if (!object) continue;
        total.count++;
        for (const field of sums) total.sums[field] += numberOf(index, object, field);
        const keys = keysOf(object);
        for (const { key, object: isObject } of keys.length > 0 ? keys : [{ key: '', object: false }]) {
            let group = groups.get(key);
            if (!group) groups.set(key, (group = { key, object: isObject, ids: [], sums: Object.fromEntries(sums.map(s => [s, 0])) }));
            if (group.ids.includes(id)) continue;
            group.ids.push(id);
            for (const field of sums) group.sums[field] += numberOf(index, object, field);
        }
    }
    const ordered = [...groups.values()].sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || compareIds(a.key, b.key));
    return { by: by ?? '', groups: ordered, total };
}

function numberOf(index: GraphIndex, object: GraphObject, field: string): number {
    const value = columnValue(index, object, field);
    return typeof value === 'number' ? value : 0;
}

/** The nearest objects of a type the object leads to along its lineage; the object itself when it is of the type. */
export function nearestOfType(index: GraphIndex, object: GraphObject, typeId: string): string[] {
    if (object.types.includes(typeId)) return [object.id];
    const lineage = lineageOf(index, object.id);
    let nearest = Infinity;
    let found: string[] = [];
    for (const id of lineage.downstream) {
        const other = index.get(id);
        const step = lineage.steps.get(id)!;
        if (!other || !other.types.includes(typeId) || step > nearest) continue;
        if (step < nearest) {
            nearest = step;
            found = [];
        }
        found.push(id);
    }
    return found;
}
