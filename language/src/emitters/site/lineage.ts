import { lineageOf } from '../../graph/derived/lineage.js';
import type { GraphObject } from '../../graph/model.js';
import type { SiteContext } from './context.js';
import { compareIds } from '../../util/compare.js';

/** One step of an object's lineage on its page: the objects of one type, at their place in the chain. */
export interface LineageStep {
    type: string;
    objects: GraphObject[];
}

/** Past this many objects, a lineage is summarised by type rather than listed (a north star's is the whole model). */
export const LINEAGE_LIST_LIMIT = 120;

/**
 * The object's lineage as the core defines it (graph/derived/lineage.ts: the walk `pom query 'lineage(<id>)'`
 * and the lineage diagram use), grouped by type and ordered along the chain: what leads to it first, then the
 * object's own step, then what it serves. Undefined when the object has no lineage.
 */
export function lineageSteps(site: SiteContext, object: GraphObject): LineageStep[] | undefined {
    const lineage = lineageOf(site.index, object.id);
    if (lineage.steps.size <= 1) return undefined;
    const byType = new Map<string, { objects: GraphObject[]; at: number }>();
    for (const [id, step] of lineage.steps) {
        const member = site.index.get(id);
        if (!member) continue;
        const group = byType.get(member.type);
        if (group) { group.objects.push(member); group.at = Math.min(group.at, step); } else byType.set(member.type, { objects: [member], at: step });
    }
    return [...byType].sort(([a, x], [b, y]) => x.at - y.at || compareIds(a, b))
        .map(([type, group]) => ({ type, objects: group.objects.sort((a, b) => compareIds(a.id, b.id)) }));
}

