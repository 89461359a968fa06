import { activeBetsByOwner } from '../../graph/derived/index.js';
import type { GraphObject, OutLink } from '../../graph/model.js';
import { StdLinks } from '../../graph/std-ids.js';
import type { SiteContext } from './context.js';

// Look-ups the team and object pages share, computed once per site. The questions themselves (off track,
// delivery risk, overloaded, funded, stale) are derived facts and std queries: see graph/derived and the reports.

export function activeBets(site: SiteContext): Map<string, GraphObject[]> {
    return site.memo('active-bets', () => activeBetsByOwner(site.index));
}

/** Teams over their WIP limit: the derived fact `overloaded`. */
export function overloaded(site: SiteContext): Set<string> {
    return site.memo('overloaded', () => new Set(site.graph.objects.filter(o => o.facts?.overloaded === true).map(o => o.id)));
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

export interface Dependency {
    source: GraphObject;
    link: OutLink;
    target: GraphObject | undefined;
    blocking: boolean;
}

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
