import { lineageOf } from '../../graph/derived/lineage.js';
import type { GraphObject, PomGraph } from '../../graph/model.js';
import { Std } from '../../graph/std-ids.js';
import { LINEAGE_VIEW_PREFIX, resolveView } from '../../views/resolve-views.js';
import type { ResolvedView } from '../../views/view-model.js';
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
        if (group) {
            group.objects.push(member);
            group.at = Math.min(group.at, step);
        } else byType.set(member.type, { objects: [member], at: step });
    }
    return [...byType]
        .sort(([a, x], [b, y]) => x.at - y.at || compareIds(a, b))
        .map(([type, group]) => ({ type, objects: group.objects.sort((a, b) => compareIds(a.id, b.id)) }));
}

/**
 * Up to this many bets, every bet page draws its lineage diagram. Each is a layout of its own (tens of ms of ELK):
 * above it (a generated 10k-object model has 1,100 bets) the pages list the lineage and name the command that draws
 * it, so the site's build time stays bounded by the model's size, not multiplied by its bets.
 */
export const LINEAGE_DIAGRAM_BETS = 250;

/** The lineage views the site draws on bet pages: one per bet, none when the model has more than LINEAGE_DIAGRAM_BETS. */
export function betLineageViews(graph: PomGraph): ResolvedView[] {
    const bets = graph.objects.filter(object => object.types.includes(Std.bet));
    if (bets.length > LINEAGE_DIAGRAM_BETS) return [];
    return bets.map(bet => resolveView(graph, LINEAGE_VIEW_PREFIX + bet.id)!).sort((a, b) => compareIds(a.id, b.id));
}
