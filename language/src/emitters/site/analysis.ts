import { activeBetsByTeam, overloadedTeams } from '../../graph/checks/helpers.js';
import type { GraphObject, OutLink } from '../../graph/model.js';
import { Std, StdLinks } from '../../graph/std-ids.js';
import type { SiteContext } from './context.js';

// Questions the reports and team pages answer, computed once per site from the plain graph.

export const TROUBLED_HEALTH = ['at-risk', 'off-track'];

export function activeBets(site: SiteContext): Map<string, GraphObject[]> {
    return site.memo('active-bets', () => activeBetsByTeam(site.index));
}

export function overloaded(site: SiteContext): Set<string> {
    return site.memo('overloaded', () => overloadedTeams(site.index));
}

/** Objects by their owner (written or inherited from a container). */
export function ownedBy(site: SiteContext): Map<string, GraphObject[]> {
    return site.memo('owned-by', () => {
        const owned = new Map<string, GraphObject[]>();
        for (const object of site.graph.objects) {
            for (const owner of site.index.effectiveTargets(object, StdLinks.owner)) {
                const list = owned.get(owner) ?? [];
                list.push(object);
                owned.set(owner, list);
            }
        }
        return owned;
    });
}

/** Objects by the scopes they are in (written or inherited). */
export function inScope(site: SiteContext): Map<string, GraphObject[]> {
    return site.memo('in-scope', () => {
        const byScope = new Map<string, GraphObject[]>();
        for (const object of site.graph.objects) {
            for (const scope of site.index.effectiveTargets(object, StdLinks.inScope)) {
                const list = byScope.get(scope) ?? [];
                list.push(object);
                byScope.set(scope, list);
            }
        }
        return byScope;
    });
}

/** The drivers (or north stars) an input or bet serves: through drives, targets and contributes-to, a few hops up. */
export function driversOf(site: SiteContext, object: GraphObject): GraphObject[] {
    const graph = site.index;
    const follow: string[] = [StdLinks.targets, StdLinks.drives, StdLinks.contributesTo, StdLinks.delivers];
    const found = new Set<GraphObject>();
    const seen = new Set<string>([object.id]);
    let frontier = [object];
    for (let hop = 0; hop < 4 && frontier.length > 0 && found.size === 0; hop++) {
        const next: GraphObject[] = [];
        for (const current of frontier) {
            for (const link of current.links) {
                if (!follow.includes(link.kind) || seen.has(link.target)) continue;
                seen.add(link.target);
                const target = graph.get(link.target);
                if (!target) continue;
                if (graph.isA(target, Std.driver)) found.add(target);
                else next.push(target);
            }
        }
        frontier = next;
    }
    return [...found].sort((a, b) => a.id.localeCompare(b.id));
}

/** Active bets whose end date is before the model's as-of date. */
export function overdueBets(site: SiteContext): GraphObject[] {
    const asOf = site.asOf;
    if (!asOf) return [];
    return site.index.ofType(Std.bet).filter(bet => bet.fields.status === 'active'
        && typeof bet.fields.end === 'string' && bet.fields.end < asOf);
}

export interface Dependency { source: GraphObject; link: OutLink; target: GraphObject | undefined; blocking: boolean }

/** Every depends-on link; blocking unless its metadata says `kind: ok`. */
export function dependencies(site: SiteContext): Dependency[] {
    return site.memo('dependencies', () => {
        const list: Dependency[] = [];
        for (const object of site.graph.objects) {
            for (const link of site.index.out(object, StdLinks.dependsOn)) {
                list.push({ source: object, link, target: site.index.get(link.target), blocking: link.meta.kind !== 'ok' });
            }
        }
        return list;
    });
}

/** The team that owns an object, or the object when it is a team. */
export function owningTeams(site: SiteContext, object: GraphObject): string[] {
    if (site.index.isA(object, Std.team)) return [object.id];
    return site.index.effectiveTargets(object, StdLinks.owner);
}
