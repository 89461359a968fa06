// The derived-facts layer: computed once per model, after the graph is assembled and its metric data read, and
// stored on each object (`facts`). Checks, the selector engine, the CLI, the site, the diagrams and the editor all
// read these facts; none of them re-derives them.

import type { GraphObject, ObjectFacts, PomGraph } from '../model.js';
import { healthFacts } from './health.js';

export interface FactsOptions {
    /** The date the model speaks for (--as-of); by default the latest `as-of` written in the model. */
    asOf?: string;
}

/** The graph with `facts` on every object that has any; objects without facts are shared, not copied. */
export function deriveFacts(graph: PomGraph, _options: FactsOptions = {}): PomGraph {
    let changed = false;
    const objects = graph.objects.map(object => {
        const facts = factsOf(object);
        if (!facts && !object.facts) return object;
        changed = true;
        const copy: GraphObject = { ...object };
        if (facts) copy.facts = facts; else delete copy.facts;
        return copy;
    });
    return changed ? { ...graph, objects } : graph;
}

function factsOf(object: GraphObject): ObjectFacts | undefined {
    const facts: ObjectFacts = { ...healthFacts(object) } as ObjectFacts;
    return Object.keys(facts).length > 0 ? facts : undefined;
}

export { decisiveReading, effectiveHealth, healthByData, healthFacts, TROUBLED, type HealthFacts, type HealthValue } from './health.js';
