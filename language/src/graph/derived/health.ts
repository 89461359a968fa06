// Effective health: what an object declares, what its metric data says, and which of the two wins. Every
// front end (pom check and query, the site, the diagrams, the editor) reads these facts instead of judging
// `health` or the readings on its own.

import type { FieldValue, GraphObject, MetricReading } from '../model.js';

export type HealthValue = 'on-track' | 'at-risk' | 'off-track' | 'unknown';
export type DataStatus = NonNullable<MetricReading['status']>;

/** Worse is larger: the effective health is the worse of the declared health and the data's status. */
const SEVERITY: Record<string, number> = { 'on-track': 1, 'at-risk': 2, 'off-track': 3 };

/** Health values that count as trouble in reports, the home page and the editor. */
export const TROUBLED: readonly string[] = ['at-risk', 'off-track'];

export interface HealthFacts {
    'effective-health'?: HealthValue;
    /** The worst status any metric's data gives the object (readings with a target only). */
    'data-status'?: DataStatus;
    /** The metric whose reading gives data-status (or the first reading, when none has a status). */
    'data-metric'?: string;
    'data-value'?: number;
    'data-trend'?: MetricReading['trend'];
    /** Since when the data has said data-status. */
    'data-since'?: string;
    /** The declared health says the opposite of the data (on-track against off-track, either way round). */
    contradicted?: boolean;
}

/** The reading that speaks for the object: the worst status, ties broken by metric id (readings are in that order). */
export function decisiveReading(object: GraphObject): MetricReading | undefined {
    let decisive: MetricReading | undefined;
    for (const reading of object.metrics ?? []) {
        if (!decisive || severity(reading.status) > severity(decisive.status)) decisive = reading;
    }
    return decisive;
}

export function healthFacts(object: GraphObject): HealthFacts {
    const facts: HealthFacts = {};
    const declared = declaredHealth(object.fields.health);
    const reading = decisiveReading(object);
    if (reading) {
        facts['data-metric'] = reading.metric;
        facts['data-value'] = reading.current.value;
        facts['data-trend'] = reading.trend;
        if (reading.status) {
            facts['data-status'] = reading.status;
            if (reading.since) facts['data-since'] = reading.since;
        }
    }
    const data = facts['data-status'];
    if (data && (declared === undefined || declared === 'unknown' || SEVERITY[data] > SEVERITY[declared])) facts['effective-health'] = data;
    else if (declared) facts['effective-health'] = declared;
    if (contradictsHealth(declared, data)) facts.contradicted = true;
    return facts;
}

/**
 * Whether a data status says the opposite of a declared health: on-track against off-track, either way round.
 * At-risk and unknown are judgements the data never contradicts. The `contradicted` fact applies it to the decisive
 * reading; the health-contradicted warning and the site's metric cards to each reading.
 */
export function contradictsHealth(declared: FieldValue | undefined, status: DataStatus | undefined): boolean {
    return (declared === 'on-track' && status === 'off-track') || (declared === 'off-track' && status === 'on-track');
}

/** The object's effective health, for display: undefined when neither a declaration nor data says anything. */
export function effectiveHealth(object: GraphObject): HealthValue | undefined {
    return object.facts?.['effective-health'] as HealthValue | undefined;
}

/** Whether the effective health comes from the data rather than the declaration. */
export function healthByData(object: GraphObject): boolean {
    const facts = object.facts;
    return (
        facts !== undefined &&
        facts['data-status'] !== undefined &&
        facts['effective-health'] === facts['data-status'] &&
        facts['effective-health'] !== object.fields.health
    );
}

function declaredHealth(value: FieldValue | undefined): HealthValue | undefined {
    return value === 'on-track' || value === 'at-risk' || value === 'off-track' || value === 'unknown' ? value : undefined;
}

function severity(status: string | undefined): number {
    return status === undefined ? 0 : (SEVERITY[status] ?? 0);
}
