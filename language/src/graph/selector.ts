// The selector language as plain data, and its meaning over a PomGraph. Views, rules and queries all select
// objects with it; the compiler turns the written form (`bet where status = active`) into these values.

import type { GraphIndex } from './graph-index.js';
import type { FieldInfo, FieldValue, GraphObject } from './model.js';
import { Std } from './std-ids.js';
import { lineageGraph, lineageOf, type Lineage, type LineageGraph } from './derived/lineage.js';
import { compareIds } from '../util/compare.js';

/** What a selector starts from: every object, the objects of a type (with subtypes), or one object's subtree. */
export type SelectorHead =
    | { kind: 'all' }
    | { kind: 'type'; type: string }
    /** `checkout` (the object), `checkout.*` (its children), `checkout.**` (everything nested in it). */
    | { kind: 'object'; object: string; containment?: 'children' | 'descendants' };

/** What a link or a path leads to: anything, any object of a type, or one object. */
export type Target =
    | { kind: 'any' }
    | { kind: 'type'; type: string }
    | { kind: 'object'; object: string }
    /** `(bet where status = active)`: any object the selector picks. */
    | { kind: 'selector'; selector: Selector };

export interface Selector {
    head: SelectorHead;
    /** `linked to X [via kinds] [depth N]`: within N links of X, in either direction (X included). */
    around?: { object: string; via?: string[]; depth: number };
    /** `~> target`: objects from which a chain of lineage links leads to the target. */
    reaches?: Target;
    where?: Condition;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

export type Condition =
    | { kind: 'and' | 'or'; operands: Condition[] }
    | { kind: 'not'; operand: Condition }
    | { kind: 'compare'; field: string; operator: ComparisonOperator; value: FieldValue }
    | { kind: 'has'; field: string }
    /** `kind -> target` (one link), `kind ~> target` (a chain of links of that kind); `inverse` when written by the inverse name. */
    | { kind: 'link'; link: string; inverse: boolean; transitive: boolean; target: Target }
    /** `~> target`: a chain of lineage links leads to the target; `<~ target` (`from`): from the target to the object. */
    | { kind: 'reaches'; target: Target; from?: boolean }
    | { kind: 'count'; link: string; inverse: boolean; target?: Target; operator: Exclude<ComparisonOperator, 'in'>; value: number };

/** Evaluates selectors over one graph; caches what several selectors share (lineage edges). */
export class SelectorEngine {
    constructor(readonly index: GraphIndex) {}

    /** The ids of the objects any of the selectors picks, sorted. */
    selectAll(selectors: readonly Selector[]): string[] {
        const ids = new Set<string>();
        for (const selector of selectors) for (const object of this.select(selector)) ids.add(object.id);
        return [...ids].sort(compareIds);
    }

    /** The objects one selector picks, in id order. */
    select(selector: Selector): readonly GraphObject[] {
        let candidates = this.headObjects(selector.head);
        if (selector.around) {
            const near = this.neighbourhood(selector.around.object, selector.around.depth, selector.around.via);
            candidates = candidates.filter(object => near.has(object.id));
        }
        if (selector.reaches) {
            const reaching = this.reaching(selector.reaches);
            candidates = candidates.filter(object => reaching.has(object.id));
        }
        if (selector.where) {
            const where = selector.where;
            candidates = candidates.filter(object => this.test(object, where));
        }
        return candidates;
    }

    /** The objects a view, rule or query picks from its include and exclude clauses, in order. */
    applyClauses(clauses: ReadonlyArray<{ mode: 'include' | 'exclude'; selectors: Selector[] }>): string[] {
        const ids = new Set<string>();
        for (const clause of clauses) {
            for (const selector of clause.selectors) {
                for (const object of this.select(selector)) {
                    if (clause.mode === 'include') ids.add(object.id);
                    else ids.delete(object.id);
                }
            }
        }
        return [...ids].sort(compareIds);
    }

    test(object: GraphObject, condition: Condition): boolean {
        switch (condition.kind) {
            case 'and':
                return condition.operands.every(operand => this.test(object, operand));
            case 'or':
                return condition.operands.some(operand => this.test(object, operand));
            case 'not':
                return !this.test(object, condition.operand);
            // `has` asks whether the value is there: a boolean fact that does not hold is absent, not false.
            case 'has':
                return hasValue(object.fields[condition.field] ?? object.facts?.[condition.field]);
            case 'compare':
                return this.compareField(object, condition.field, condition.operator, condition.value);
            case 'link':
                return condition.transitive
                    ? [...this.spread([object.id], id => this.linkedIds(id, condition.link, condition.inverse))].some(id => this.matches(id, condition.target))
                    : this.linked(object, condition.link, condition.inverse).some(id => this.matches(id, condition.target));
            case 'reaches':
                return (condition.from ? this.reachedFrom(condition.target) : this.reaching(condition.target)).has(object.id);
            case 'count': {
                const target = condition.target;
                const count = this.linked(object, condition.link, condition.inverse).filter(id => !target || this.matches(id, target)).length;
                return compareNumbers(count, condition.operator, condition.value);
            }
        }
    }

    /**
     * The lineage of an object (graph/derived/lineage.ts): what leads to it, what it leads to (on to the north
     * star), and the other options weighed for the opportunities it came from.
     */
    lineage(id: string): Lineage {
        return lineageOf(this.index, id);
    }

    private readonly nested = new WeakMap<Selector, Set<string>>();
    private readonly reachingCache = new WeakMap<Target, Set<string>>();
    private readonly reachedFromCache = new WeakMap<Target, Set<string>>();

    /** Does the object match a link or path target? */
    matches(id: string, target: Target): boolean {
        if (target.kind === 'any') return true;
        if (target.kind === 'object') return id === target.object;
        if (target.kind === 'selector') {
            let ids = this.nested.get(target.selector);
            if (!ids) this.nested.set(target.selector, (ids = new Set(this.select(target.selector).map(o => o.id))));
            return ids.has(id);
        }
        const object = this.index.get(id);
        return object !== undefined && object.types.includes(target.type);
    }

    protected targetIds(target: Target): string[] {
        if (target.kind === 'object') return [target.object];
        if (target.kind === 'type') return this.index.ofType(target.type).map(o => o.id);
        if (target.kind === 'selector') return this.select(target.selector).map(o => o.id);
        return this.index.graph.objects.map(o => o.id);
    }

    protected headObjects(head: SelectorHead): readonly GraphObject[] {
        if (head.kind === 'all') return this.index.graph.objects;
        if (head.kind === 'type') return this.index.ofType(head.type);
        const root = this.index.get(head.object);
        if (!root) return [];
        if (!head.containment) return [root];
        const result: GraphObject[] = [];
        const visit = (object: GraphObject) => {
            for (const childId of object.children) {
                const child = this.index.get(childId);
                if (!child) continue;
                result.push(child);
                if (head.containment === 'descendants') visit(child);
            }
        };
        visit(root);
        return result.sort((a, b) => compareIds(a.id, b.id));
    }

    /**
     * Targets of `link` from the object (sources, when read by the inverse name). Counts what the object
     * inherits from its container (owner, in-scope), as the rest of pom does.
     */
    protected linked(object: GraphObject, link: string, inverse: boolean): readonly string[] {
        return inverse ? object.backlinks.filter(l => l.kind === link).map(l => l.source) : this.index.effectiveTargets(object, link);
    }

    protected linkedIds(id: string, link: string, inverse: boolean): readonly string[] {
        const object = this.index.get(id);
        return object ? this.linked(object, link, inverse) : [];
    }

    protected neighbourhood(start: string, depth: number, via: string[] | undefined): Set<string> {
        const near = new Set<string>([start]);
        let frontier = [start];
        for (let step = 0; step < depth && frontier.length > 0; step++) {
            const next: string[] = [];
            for (const id of frontier) {
                const object = this.index.get(id);
                if (!object) continue;
                const neighbours = [
                    ...object.links.filter(l => !via || via.includes(l.kind)).map(l => l.target),
                    ...object.backlinks.filter(l => !via || via.includes(l.kind)).map(l => l.source),
                ];
                for (const neighbour of neighbours) {
                    if (!near.has(neighbour)) {
                        near.add(neighbour);
                        next.push(neighbour);
                    }
                }
            }
            frontier = next;
        }
        return near;
    }

    /** Every object from which a chain of one or more lineage links leads to something the target matches. */
    protected reaching(target: Target): Set<string> {
        let result = this.reachingCache.get(target);
        if (!result) this.reachingCache.set(target, (result = this.spread(this.targetIds(target), edgesOf(this.lineageEdges().reverse))));
        return result;
    }

    /** Every object a chain of one or more lineage links leads to from something the target matches. */
    protected reachedFrom(target: Target): Set<string> {
        let result = this.reachedFromCache.get(target);
        if (!result) this.reachedFromCache.set(target, (result = this.spread(this.targetIds(target), edgesOf(this.lineageEdges().forward))));
        return result;
    }

    /** Everything one or more steps away from any of the starts (a start only through a cycle). */
    protected spread(starts: readonly string[], next: (id: string) => readonly string[]): Set<string> {
        const result = new Set<string>();
        const queue = starts.flatMap(next);
        while (queue.length > 0) {
            const id = queue.pop()!;
            if (result.has(id)) continue;
            result.add(id);
            for (const target of next(id)) queue.push(target); // not push(...): a hub may have more links than the stack holds arguments
        }
        return result;
    }

    /** Lineage as a directed graph (graph/derived/lineage.ts): the one definition every front end shares. */
    protected lineageEdges(): LineageGraph {
        return lineageGraph(this.index);
    }

    /** A field's effective value, or else the derived fact of that name (a boolean fact not derived is false). */
    fieldValue(object: GraphObject, field: string): FieldValue | undefined {
        const value = object.fields[field] ?? object.facts?.[field];
        if (value !== undefined || field in object.fields) return value;
        return this.index.types.get(Std.derivedFacts)?.fields.find(f => f.name === field)?.type === 'boolean' ? false : undefined;
    }

    protected compareField(object: GraphObject, field: string, operator: ComparisonOperator, expected: FieldValue): boolean {
        const actual = this.fieldValue(object, field);
        if (operator === 'in') {
            const options = Array.isArray(expected) ? expected : [expected];
            return Array.isArray(actual) ? actual.some(a => options.some(o => same(a, o))) : options.some(o => same(actual, o));
        }
        if (operator === '=') return Array.isArray(actual) ? actual.some(a => same(a, expected)) : same(actual, expected);
        if (operator === '!=') return !(Array.isArray(actual) ? actual.some(a => same(a, expected)) : same(actual, expected));
        if (actual === undefined || Array.isArray(actual)) return false;
        const info = this.fieldInfo(object, field);
        const order = (value: FieldValue): number | string | undefined => {
            if (typeof value === 'number') return value;
            if (info && !['text', 'number', 'date', 'boolean'].includes(info.type)) return this.index.rank(info.type, value);
            return typeof value === 'string' ? value : undefined; // dates compare as ISO text
        };
        const a = order(actual);
        const b = order(expected);
        if (a === undefined || b === undefined || typeof a !== typeof b) return false;
        return compareNumbers(a < b ? -1 : a > b ? 1 : 0, operator, 0);
    }

    protected fieldInfo(object: GraphObject, field: string): FieldInfo | undefined {
        for (const typeId of object.types) {
            const found = this.index.types.get(typeId)?.fields.find(f => f.name === field);
            if (found) return found;
        }
        return this.index.types.get(Std.derivedFacts)?.fields.find(f => f.name === field);
    }
}

function edgesOf(edges: Map<string, string[]>): (id: string) => string[] {
    return id => edges.get(id) ?? [];
}

function same(a: FieldValue | undefined, b: FieldValue): boolean {
    return a === b;
}

function hasValue(value: FieldValue | undefined): boolean {
    return value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== '';
}

function compareNumbers(a: number, operator: Exclude<ComparisonOperator, 'in'>, b: number): boolean {
    switch (operator) {
        case '=':
            return a === b;
        case '!=':
            return a !== b;
        case '<':
            return a < b;
        case '<=':
            return a <= b;
        case '>':
            return a > b;
        case '>=':
            return a >= b;
    }
}
