import type { GraphObject } from '../../graph/model.js';
import { Std, StdLinks } from '../../graph/std-ids.js';
import type { SiteContext } from './context.js';

/** The discovery chain around an object: insights → opportunities → options considered → bets → work → impacts. */
export interface Lineage {
    insights: GraphObject[];
    opportunities: GraphObject[];
    options: GraphObject[];
    bets: GraphObject[];
    work: GraphObject[];
    impacts: GraphObject[];
}

export function lineageOf(site: SiteContext, object: GraphObject): Lineage | undefined {
    const graph = site.index;
    const bets = new Set<GraphObject>();
    const opportunities = new Set<GraphObject>();
    const options = new Set<GraphObject>();
    const sources = (o: GraphObject, kind: string) => graph.in(o, kind).map(l => graph.get(l.source)).filter(isObject);
    const targets = (o: GraphObject, kind: string) => graph.out(o, kind).map(l => graph.get(l.target)).filter(isObject);
    const opportunityOf = (option: GraphObject): GraphObject[] => {
        const parent = graph.get(option.parent);
        return [...(parent && graph.isA(parent, Std.opportunity) ? [parent] : []), ...targets(option, StdLinks.consideredFor)];
    };

    if (graph.isA(object, Std.bet)) bets.add(object);
    else if (graph.isA(object, Std.opportunity)) opportunities.add(object);
    else if (graph.isA(object, Std.option)) {
        options.add(object);
        opportunityOf(object).forEach(o => opportunities.add(o));
    } else if (graph.isA(object, Std.impact)) targets(object, StdLinks.evidences).forEach(b => bets.add(b));
    else if (graph.isA(object, Std.work) || object.links.some(l => l.kind === StdLinks.delivers)) {
        // Work delivers bets directly or through other work.
        const queue = [object];
        const seen = new Set<GraphObject>(queue);
        while (queue.length > 0) {
            for (const target of targets(queue.shift()!, StdLinks.delivers)) {
                if (graph.isA(target, Std.bet)) bets.add(target);
                else if (!seen.has(target)) { seen.add(target); queue.push(target); }
            }
        }
    } else return undefined;

    for (const bet of bets) {
        for (const option of targets(bet, StdLinks.chosenFrom)) {
            options.add(option);
            opportunityOf(option).forEach(o => opportunities.add(o));
        }
    }
    for (const opportunity of opportunities) {
        for (const child of opportunity.children.map(id => graph.get(id)).filter(isObject)) {
            if (graph.isA(child, Std.option)) options.add(child);
        }
        sources(opportunity, StdLinks.consideredFor).forEach(o => options.add(o));
    }
    if (!graph.isA(object, Std.bet)) {
        for (const option of options) sources(option, StdLinks.chosenFrom).forEach(b => bets.add(b));
    }
    const insights = new Set<GraphObject>();
    for (const informed of [...opportunities, ...options, ...bets]) sources(informed, StdLinks.informs).forEach(i => insights.add(i));
    const work = new Set<GraphObject>();
    const queue = [...bets];
    while (queue.length > 0) {
        for (const item of sources(queue.shift()!, StdLinks.delivers)) {
            if (!work.has(item)) { work.add(item); queue.push(item); }
        }
    }
    const impacts = new Set<GraphObject>();
    for (const bet of bets) sources(bet, StdLinks.evidences).forEach(i => impacts.add(i));

    const lineage: Lineage = {
        insights: sorted(insights), opportunities: sorted(opportunities), options: sorted(options),
        bets: sorted(bets), work: sorted(work), impacts: sorted(impacts),
    };
    const size = Object.values(lineage).reduce((n, list) => n + list.length, 0);
    return size > 1 ? lineage : undefined;
}

function isObject(object: GraphObject | undefined): object is GraphObject {
    return object !== undefined;
}

function sorted(objects: Set<GraphObject>): GraphObject[] {
    return [...objects].sort((a, b) => a.id.localeCompare(b.id));
}
