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
}

/** The date overdue and stale are judged against: --as-of, else the latest `as-of` in the model. */
export function referenceDate(graph: PomGraph, asOf?: string): string | undefined {
    if (asOf) return asOf;
    let latest: string | undefined;
    for (const object of graph.objects) {
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
    let result = withObjectFacts(index, date);
    if (options.selectViews) result = { ...result, views: options.selectViews(result) };
    result = withReviewFacts(index, result, date);
    if (date) result.asOf = date; else delete result.asOf;
    return result;
}

/** The graph with the facts that do not depend on views: health, delivery and funding. */
function withObjectFacts(index: GraphIndex, date: string | undefined): PomGraph {
    const graph = index.graph;
    const health = new Map<string, ObjectFacts>();
    for (const object of graph.objects) {
        const facts = healthFacts(object) as ObjectFacts;
        if (Object.keys(facts).length > 0) health.set(object.id, facts);
    }
    const delivery = deliveryFacts(index, object => health.get(object.id)?.['effective-health'] as string | undefined, date);
    const funding = fundingReach(index);

    const objects = graph.objects.map(object => {
        const facts: ObjectFacts = { ...health.get(object.id) };
        const set = (name: string, value: FieldValue | undefined) => { if (value !== undefined) facts[name] = value; };
        set('blocked-by', delivery.blockedBy.get(object.id));
        if (delivery.blockedBy.has(object.id)) facts.blocked = true;
        if (delivery.overloaded.has(object.id)) facts.overloaded = true;
        if (delivery.ownerOverloaded.has(object.id)) facts['owner-overloaded'] = true;
        if (delivery.overdue.has(object.id)) facts.overdue = true;
        set('delivery-risks', delivery.risks.get(object.id));
        const active = delivery.activeBets.get(object.id);
        if (active) facts['active-bets'] = active.length;
        const funders = funding.get(object.id);
        if (funders) { facts.funded = true; facts['funded-by'] = funders; }
        const had = object.facts !== undefined;
        if (Object.keys(facts).length === 0) {
            if (!had) return object;
            const copy: GraphObject = { ...object };
            delete copy.facts;
            return copy;
        }
        return { ...object, facts };
    });
    return { ...graph, objects };
}

/**
 * The graph with the review facts added: they read the views (a ritual reviews what its `views:` select), so
 * they are derived after the views are selected, and no view can test them. `index` is the graph's before, whose
 * objects, fields and links are the same.
 */
function withReviewFacts(index: GraphIndex, graph: PomGraph, date: string | undefined): PomGraph {
    const review = reviewFacts(index, graph.views, date);
    const objects = graph.objects.map(object => {
        const facts: ObjectFacts = {};
        const set = (name: string, value: FieldValue | undefined) => { if (value !== undefined) facts[name] = value; };
        set('review-rituals', review.reviewedIn.get(object.id));
        set('review-cadence', review.cadence.get(object.id));
        if (review.stale.has(object.id)) facts.stale = true;
        set('reviews-views', review.ritualViews.get(object.id));
        return Object.keys(facts).length === 0 ? object : { ...object, facts: { ...object.facts, ...facts } };
    });
    return { ...graph, objects };
}

export { contradictsHealth, decisiveReading, effectiveHealth, healthByData, healthFacts, TROUBLED, type HealthFacts, type HealthValue } from './health.js';
export { lineageGraph, lineageIds, lineageOf, type Lineage, type LineageGraph } from './lineage.js';
export { activeBetsByOwner, isActiveBet, wipLimitOf } from './delivery.js';
export { CADENCE_DAYS, ritualViewNames } from './review.js';
