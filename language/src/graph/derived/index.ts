// The derived-facts layer: computed once per model, after the graph is assembled and its metric data read, and
// stored on each object (`facts`, keyed by the field names of std.derived-facts). Checks, the selector engine, the
// CLI, the site, the diagrams and the editor all read these facts; none of them re-derives them.

import { GraphIndex } from '../graph-index.js';
import type { FieldValue, GraphObject, GraphView, ObjectFacts, PomGraph } from '../model.js';
import { deliveryFacts } from './delivery.js';
import { fundingReach } from './funding.js';
import { healthFacts } from './health.js';
import { reviewFacts } from './review.js';

export interface FactsOptions {
    /** The date the model speaks for (--as-of); by default the latest `as-of` written in the model. */
    asOf?: string;
    /**
     * Selects the views' objects. It is given the graph with its health, delivery and funding facts, so a view may
     * test them (`team where overloaded = true`); the review facts (stale, review-*) come after, since they read the
     * views a ritual reviews. Without it the graph keeps its views.
     */
    selectViews?: (graph: PomGraph) => GraphView[];
    /**
     * An earlier result of deriveFacts (an editor's graph before an edit): each object whose assembled version and
     * facts are as they were then is that result's object, not a copy. Later steps find what an edit changed by
     * comparing objects (graph/changes.ts), and fewer copies are made.
     */
    previous?: PomGraph;
}

/** How a result of deriveFacts was made: its input and the graph with the facts that do not depend on views. */
const derivations = new WeakMap<PomGraph, { input: PomGraph; withFacts: PomGraph }>();

/** The date overdue and stale are judged against: --as-of, else the latest `as-of` in the model. */
export function referenceDate(graph: PomGraph, asOf?: string): string | undefined {
    if (asOf) return asOf;
    let latest: string | undefined;
    const all = graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        const value = object.fields['as-of'];
        if (typeof value === 'string' && (latest === undefined || value > latest)) latest = value;
    }
    return latest;
}

/**
 * The graph with `facts` on every object that has any (objects without are shared, not copied), its views selected
 * (options.selectViews) and its reference date.
 */
export function deriveFacts(graph: PomGraph, options: FactsOptions = {}): PomGraph {
    const date = referenceDate(graph, options.asOf);
    const index = GraphIndex.of(graph);
    const previous = options.previous && derivations.get(options.previous);
    const withFacts = withObjectFacts(index, date, previous && { input: previous.input.objects, output: previous.withFacts.objects });
    let result = withFacts;
    // The graphs below have the graph's objects in its order: their indexes share its maps.
    GraphIndex.derive(result, index);
    if (options.selectViews) result = { ...result, views: options.selectViews(result) };
    result = withReviewFacts(index, result, date, previous && options.previous && { input: previous.withFacts.objects, output: options.previous.objects });
    if (date) result.asOf = date;
    else delete result.asOf;
    GraphIndex.derive(result, index);
    derivations.set(result, { input: graph, withFacts });
    return result;
}

/** A step's objects in an earlier derivation: what it was given and what it made, position by position. */
interface EarlierStep {
    input: readonly GraphObject[];
    output: readonly GraphObject[];
}

/** The object the step made earlier at position i, if it was made from this very object and has these facts. */
function unchanged(earlier: EarlierStep | undefined, i: number, object: GraphObject, facts: ObjectFacts): GraphObject | undefined {
    if (earlier === undefined || earlier.input[i] !== object) return undefined;
    const made = earlier.output[i];
    return made.facts !== undefined && sameFacts(made.facts, facts) ? made : undefined;
}

/** The same facts, with the keys in the same order (graph.json prints them so). */
function sameFacts(a: ObjectFacts, b: ObjectFacts): boolean {
    const keys = Object.keys(a);
    const other = Object.keys(b);
    if (keys.length !== other.length) return false;
    for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (key !== other[i] || !sameValue(a[key], b[key])) return false;
    }
    return true;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
    if (a === b) return true;
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
}

/** The graph with the facts that do not depend on views: health, delivery and funding. */
function withObjectFacts(index: GraphIndex, date: string | undefined, earlier?: EarlierStep): PomGraph {
    const graph = index.graph;
    const health = new Map<string, ObjectFacts>();
    const all = graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        // Without a declared health or a metric reading an object has no health facts: no empty record is made.
        if (object.fields.health === undefined && !object.metrics?.length) continue;
        const facts = healthFacts(object) as ObjectFacts;
        if (hasKeys(facts)) health.set(object.id, facts);
    }
    const delivery = deliveryFacts(index, object => health.get(object.id)?.['effective-health'] as string | undefined, date);
    const funding = fundingReach(index);

    const source = graph.objects;
    const objects = new Array<GraphObject>(source.length);
    for (let i = 0; i < source.length; i++) {
        const object = source[i];
        const id = object.id;
        // The keys in this order (graph.json prints them so). The health facts are this object's own, not shared.
        let facts: ObjectFacts | undefined = health.get(id);
        const blockedBy = delivery.blockedBy.get(id);
        if (blockedBy !== undefined) {
            facts ??= {};
            facts['blocked-by'] = blockedBy;
            facts.blocked = true;
        }
        if (delivery.overloaded.has(id)) (facts ??= {}).overloaded = true;
        if (delivery.ownerOverloaded.has(id)) (facts ??= {})['owner-overloaded'] = true;
        if (delivery.overdue.has(id)) (facts ??= {}).overdue = true;
        const risks = delivery.risks.get(id);
        if (risks !== undefined) (facts ??= {})['delivery-risks'] = risks;
        const active = delivery.activeBets.get(id);
        if (active) (facts ??= {})['active-bets'] = active.length;
        const funders = funding.get(id);
        if (funders) {
            facts ??= {};
            facts.funded = true;
            facts['funded-by'] = funders;
        }
        if (facts !== undefined) {
            objects[i] = unchanged(earlier, i, object, facts) ?? { ...object, facts };
        } else if (object.facts === undefined) {
            objects[i] = object;
        } else {
            const copy: GraphObject = { ...object };
            delete copy.facts;
            objects[i] = copy;
        }
    }
    return { ...graph, objects };
}

/**
 * The graph with the review facts added: they read the views (a ritual reviews what its `views:` select), so
 * they are derived after the views are selected, and no view can test them. `index` is the graph's before, whose
 * objects, fields and links are the same.
 */
function withReviewFacts(index: GraphIndex, graph: PomGraph, date: string | undefined, earlier?: EarlierStep): PomGraph {
    const review = reviewFacts(index, graph.views, date);
    const source = graph.objects;
    const objects = new Array<GraphObject>(source.length);
    for (let i = 0; i < source.length; i++) {
        const object = source[i];
        const id = object.id;
        let facts: ObjectFacts | undefined;
        const rituals = review.reviewedIn.get(id);
        if (rituals !== undefined) (facts ??= {})['review-rituals'] = rituals;
        const cadence = review.cadence.get(id);
        if (cadence !== undefined) (facts ??= {})['review-cadence'] = cadence;
        if (review.stale.has(id)) (facts ??= {}).stale = true;
        const views = review.ritualViews.get(id);
        if (views !== undefined) (facts ??= {})['reviews-views'] = views;
        if (facts === undefined) {
            objects[i] = object;
        } else {
            const merged = { ...object.facts, ...facts };
            objects[i] = unchanged(earlier, i, object, merged) ?? { ...object, facts: merged };
        }
    }
    return { ...graph, objects };
}

function hasKeys(record: object): boolean {
    for (const key in record) if (Object.hasOwn(record, key)) return true;
    return false;
}

export { contradictsHealth, decisiveReading, effectiveHealth, healthByData, healthFacts, TROUBLED, type HealthFacts, type HealthValue } from './health.js';
export { lineageGraph, lineageIds, lineageOf, type Lineage, type LineageGraph } from './lineage.js';
export { activeBetsByOwner, isActiveBet, wipLimitOf } from './delivery.js';
export { CADENCE_DAYS, ritualViewNames } from './review.js';
