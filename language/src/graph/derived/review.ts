// Reviews and staleness, derived once: which rituals review each object (directly with `reviews`, or through a
// view the ritual reviews, `views: [...]`), how often, and whether its `as-of` is older than that cadence allows,
// as of the reference date (--as-of, else the latest `as-of` in the model).

import type { GraphIndex } from '../graph-index.js';
import type { GraphObject, GraphView } from '../model.js';
import { Std, StdLinks } from '../std-ids.js';
import { compareIds } from '../../util/compare.js';
import { daysBetween } from '../../util/dates.js';

/** The longest an `as-of` may lag behind the reference date under each cadence, in days. */
export const CADENCE_DAYS: Record<string, number> = {
    daily: 1,
    weekly: 7,
    biweekly: 14,
    monthly: 31,
    quarterly: 92,
    'half-yearly': 183,
    yearly: 366,
};

export interface ReviewFacts {
    /** The rituals reviewing each object, sorted. */
    reviewedIn: Map<string, string[]>;
    /** The shortest cadence among them. */
    cadence: Map<string, string>;
    stale: Set<string>;
    /** The views each ritual reviews, by view id, as it names them (only the views that exist). */
    ritualViews: Map<string, string[]>;
}

/** The views a ritual names in `views:`, resolved by id or by name; the names that match no view. */
export function ritualViewNames(
    index: GraphIndex,
    ritual: GraphObject,
    graphViews: readonly GraphView[] = index.graph.views,
): { views: string[]; unknown: string[] } {
    const value = ritual.fields.views;
    const names = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    const views: string[] = [];
    const unknown: string[] = [];
    for (const name of names) {
        const view = graphViews.find(v => v.id === name) ?? graphViews.find(v => v.name === name);
        if (view) views.push(view.id);
        else unknown.push(name);
    }
    return { views, unknown };
}

/** The review facts, from the views as selected (`views`: the index's graph may not have them yet). */
export function reviewFacts(index: GraphIndex, views: readonly GraphView[], referenceDate: string | undefined): ReviewFacts {
    const reviewedIn = new Map<string, string[]>();
    const ritualViews = new Map<string, string[]>();
    const add = (object: string, ritual: string) => {
        const list = reviewedIn.get(object);
        if (!list) reviewedIn.set(object, [ritual]);
        else if (!list.includes(ritual)) list.push(ritual);
    };
    for (const ritual of index.ofType(Std.ritual)) {
        for (const link of ritual.links) if (link.kind === StdLinks.reviews) add(link.target, ritual.id);
        const named = ritualViewNames(index, ritual, views).views;
        if (named.length > 0) ritualViews.set(ritual.id, named);
        for (const viewId of named) {
            for (const object of views.find(v => v.id === viewId)?.objects ?? []) add(object, ritual.id);
        }
    }
    const cadence = new Map<string, string>();
    const stale = new Set<string>();
    for (const [objectId, rituals] of reviewedIn) {
        rituals.sort(compareIds);
        let shortest: string | undefined;
        for (const ritualId of rituals) {
            const value = index.get(ritualId)?.fields.cadence;
            if (typeof value === 'string' && CADENCE_DAYS[value] !== undefined && (shortest === undefined || CADENCE_DAYS[value] < CADENCE_DAYS[shortest]))
                shortest = value;
        }
        if (!shortest) continue;
        cadence.set(objectId, shortest);
        const asOf = index.get(objectId)?.fields['as-of'];
        if (referenceDate && typeof asOf === 'string') {
            const days = daysBetween(asOf, referenceDate);
            if (days !== undefined && days > CADENCE_DAYS[shortest]) stale.add(objectId);
        }
    }
    return { reviewedIn, cadence, stale, ritualViews };
}
