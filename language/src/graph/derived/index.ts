// The derived-facts layer: computed once per model, after the graph is assembled and its metric data read, and
// stored on each object (`facts`, keyed by the field names of std.derived-facts). Checks, the selector engine, the
// CLI, the site, the diagrams and the editor all read these facts; none of them re-derives them.

import { GraphIndex } from '../graph-index.js';
import type { FieldValue, GraphObject, ObjectFacts, PomGraph } from '../model.js';
import { deliveryFacts } from './delivery.js';
import { fundingReach } from './funding.js';
import { healthFacts } from './health.js';
import { reviewFacts } from './review.js';

export interface FactsOptions {
    /** The date the model speaks for (--as-of); by default the latest `as-of` written in the model. */
    asOf?: string;
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

/** The graph with `facts` on every object that has any (objects without are shared, not copied) and its reference date. */
export function deriveFacts(graph: PomGraph, options: FactsOptions = {}): PomGraph {
    const health = new Map<string, ObjectFacts>();
    for (const object of graph.objects) {
        const facts = healthFacts(object) as ObjectFacts;
        if (Object.keys(facts).length > 0) health.set(object.id, facts);
    }
    const index = new GraphIndex(graph);
    const date = referenceDate(graph, options.asOf);
    const delivery = deliveryFacts(index, object => health.get(object.id)?.['effective-health'] as string | undefined, date);
    const funding = fundingReach(index);
    const review = reviewFacts(index, date);

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
        set('review-rituals', review.reviewedIn.get(object.id));
        set('review-cadence', review.cadence.get(object.id));
        if (review.stale.has(object.id)) facts.stale = true;
        set('reviews-views', review.ritualViews.get(object.id));
        const had = object.facts !== undefined;
        if (Object.keys(facts).length === 0) {
            if (!had) return object;
            const copy: GraphObject = { ...object };
            delete copy.facts;
            return copy;
        }
        return { ...object, facts };
    });
    const result: PomGraph = { ...graph, objects };
    if (date) result.asOf = date; else delete result.asOf;
    return result;
}

export { decisiveReading, effectiveHealth, healthByData, healthFacts, TROUBLED, type HealthFacts, type HealthValue } from './health.js';
export { lineageGraph, lineageIds, lineageOf, type Lineage, type LineageGraph } from './lineage.js';
export { wipLimitOf } from './delivery.js';
export { CADENCE_DAYS, ritualViewNames } from './review.js';
