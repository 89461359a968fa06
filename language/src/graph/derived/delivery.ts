// Delivery risk, derived once: blocking dependencies (nested work's included), overloaded owners, overdue bets,
// and the reasons an active bet is a delivery risk. The delivery-risk query and report, and the checks, read them.

import type { GraphIndex } from '../graph-index.js';
import type { GraphObject } from '../model.js';
import { Std, StdLinks } from '../std-ids.js';
import { TROUBLED } from './health.js';
import { compareIds } from '../../util/compare.js';

/** Statuses after which a dependency no longer blocks. */
const FINISHED = ['done', 'killed', 'shipped'];

export interface DeliveryFacts {
    /** What it, or anything nested in it, depends on (blocking) that is not finished, sorted. */
    blockedBy: Map<string, string[]>;
    /** Teams with more active bets than their wip-limit. */
    overloaded: Set<string>;
    /** Objects whose owner (their own or their container's) is overloaded. */
    ownerOverloaded: Set<string>;
    /** Active bets with an end before the reference date. */
    overdue: Set<string>;
    /** Why each active bet is a delivery risk. */
    risks: Map<string, string[]>;
    /** Active bets per owning team. */
    activeBets: Map<string, string[]>;
}

/** A team's WIP limit: its `wip-limit`, else 2. */
export function wipLimitOf(team: GraphObject): number {
    const limit = team.fields['wip-limit'];
    return typeof limit === 'number' ? limit : 2;
}

export function isActiveBet(index: GraphIndex, object: GraphObject): boolean {
    return index.isA(object, Std.bet) && object.fields.status === 'active';
}

/** Active bets per owner (written on the bet or inherited from its container), each list in model order. */
export function activeBetsByOwner(index: GraphIndex): Map<string, GraphObject[]> {
    const byOwner = new Map<string, GraphObject[]>();
    const bets = index.ofType(Std.bet);
    for (let i = 0; i < bets.length; i++) {
        const bet = bets[i];
        if (!isActiveBet(index, bet)) continue;
        for (const owner of index.effectiveTargets(bet, StdLinks.owner)) {
            const list = byOwner.get(owner);
            if (list) list.push(bet);
            else byOwner.set(owner, [bet]);
        }
    }
    return byOwner;
}

export function deliveryFacts(index: GraphIndex, healthOf: (object: GraphObject) => string | undefined, referenceDate: string | undefined): DeliveryFacts {
    const activeBets = new Map([...activeBetsByOwner(index)].map(([owner, bets]) => [owner, bets.map(bet => bet.id)]));
    const overloaded = new Set<string>();
    for (const [owner, bets] of activeBets) {
        const team = index.get(owner);
        if (team && index.isA(team, Std.team) && bets.length > wipLimitOf(team)) overloaded.add(owner);
    }
    const ownerOverloaded = new Set<string>();
    if (overloaded.size > 0) {
        const all = index.graph.objects;
        for (let i = 0; i < all.length; i++) {
            const object = all[i];
            if (index.effectiveTargets(object, StdLinks.owner).some(owner => overloaded.has(owner))) ownerOverloaded.add(object.id);
        }
    }
    // Blocking dependencies, each counted for the object that has it and for every container above it.
    const blockedBy = new Map<string, string[]>();
    const all = index.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        const links = object.links;
        for (let j = 0; j < links.length; j++) {
            const link = links[j];
            if (link.kind !== StdLinks.dependsOn || link.meta.kind === 'ok') continue;
            const target = index.get(link.target);
            if (target && FINISHED.includes(String(target.fields.status))) continue;
            for (const at of index.withAncestors(object)) {
                const list = blockedBy.get(at.id);
                if (!list) blockedBy.set(at.id, [link.target]);
                else if (!list.includes(link.target)) list.push(link.target);
            }
        }
    }
    for (const list of blockedBy.values()) list.sort(compareIds);
    const overdue = new Set<string>();
    const risks = new Map<string, string[]>();
    const bets = index.ofType(Std.bet);
    for (let i = 0; i < bets.length; i++) {
        const bet = bets[i];
        if (!isActiveBet(index, bet)) continue;
        if (referenceDate && typeof bet.fields.end === 'string' && bet.fields.end < referenceDate) overdue.add(bet.id);
        const reasons: string[] = [];
        if (TROUBLED.includes(healthOf(bet) ?? '')) reasons.push('at-risk');
        if (blockedBy.has(bet.id)) reasons.push('blocked');
        if (ownerOverloaded.has(bet.id)) reasons.push('owner-overloaded');
        if (overdue.has(bet.id)) reasons.push('overdue');
        if (reasons.length > 0) risks.set(bet.id, reasons);
    }
    return { blockedBy, overloaded, ownerOverloaded, overdue, risks, activeBets };
}
