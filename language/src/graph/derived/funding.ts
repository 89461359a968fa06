// Funding reach, derived once: which funding units reach each team, group, scope and bet, directly (`funds`),
// through containers (a team nested in a funded group), through `member-of` (a team in a funded group), through
// the scopes a team owns, and, for a bet, through its owner and its scope.

import type { GraphIndex } from '../graph-index.js';
import type { GraphObject } from '../model.js';
import { Std, StdLinks } from '../std-ids.js';
import { compareIds } from '../../util/compare.js';

/** For each object funding reaches, the funding units that reach it, sorted. */
export function fundingReach(index: GraphIndex): Map<string, string[]> {
    const reach = new Map<string, string[]>();
    if (index.ofType(Std.funding).length === 0) return reach;
    const direct = (object: GraphObject) => index.in(object, StdLinks.funds).map(link => link.source);
    const memo = new Map<string, Set<string>>();
    /** Funding of an organisational unit or scope: its own, its containers', the groups it is a member of. */
    const unitFunding = (object: GraphObject, depth = 0): Set<string> => {
        const known = memo.get(object.id);
        if (known) return known;
        const units = new Set<string>(direct(object));
        memo.set(object.id, units); // guards against cycles of member-of or nesting
        if (depth > 64) return units;
        const parent = index.get(object.parent);
        if (parent) for (const unit of unitFunding(parent, depth + 1)) units.add(unit);
        for (const link of index.out(object, StdLinks.nestedIn)) {
            const container = index.get(link.target);
            if (container) for (const unit of unitFunding(container, depth + 1)) units.add(unit);
        }
        for (const link of index.out(object, StdLinks.memberOf)) {
            const group = index.get(link.target);
            if (group) for (const unit of unitFunding(group, depth + 1)) units.add(unit);
        }
        if (index.isA(object, Std.team) || index.isA(object, Std.group)) {
            for (const link of index.out(object, StdLinks.owns)) {
                const scope = index.get(link.target);
                if (scope) for (const unit of unitFunding(scope, depth + 1)) units.add(unit);
            }
        }
        return units;
    };
    const record = (object: GraphObject, units: Set<string>) => {
        if (units.size > 0) reach.set(object.id, [...units].sort(compareIds));
    };
    const all = index.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if (index.isA(object, Std.team) || index.isA(object, Std.group) || index.isA(object, Std.scope)) record(object, unitFunding(object));
        else if (index.isA(object, Std.bet)) {
            // A copy: the memoised set is what funds the bet as a container; its owner's and scope's funding are its own.
            const units = new Set(unitFunding(object));
            for (const id of [...index.effectiveTargets(object, StdLinks.owner), ...index.effectiveTargets(object, StdLinks.inScope)]) {
                const via = index.get(id);
                if (via) for (const unit of unitFunding(via)) units.add(unit);
            }
            record(object, units);
        }
    }
    return reach;
}
