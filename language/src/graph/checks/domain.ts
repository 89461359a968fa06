import type { GraphIndex } from '../graph-index.js';
import type { GraphObject } from '../model.js';
import { Std, StdLinks } from '../std-ids.js';
import { IssueCodes } from '../../diagnostics/codes.js';
import type { GraphCheck } from './check.js';
import { activeBetsByOwner, isActiveBet, ritualViewNames, wipLimitOf } from '../derived/index.js';
import { didYouMean } from '../../util/suggest.js';
import { horizonAspects, horizonName, horizonRank, plural } from './helpers.js';
import { daysBetween } from '../../util/dates.js';

// The domain warnings of the operating model (shared/domain.md part B) that need no rule language.
// Each reads the plain graph; thresholds are the defaults the domain research proposes.

const MAX_SCOPES_PER_TEAM = 5;
const QUARTER_DAYS = 92;
/** The longest span each horizon allows: three of its unit. */
const HORIZON_MAX_DAYS = [3, 21, 92, 276, 1096, 10_958];

const betWithoutTarget: GraphCheck = (graph, report) => {
    // Only objects of the types tested below can be reported: scan those, in the same (id) order.
    const all = graph.ofType(Std.bet);
    for (let i = 0; i < all.length; i++) {
        const bet = all[i];
        if (isActiveBet(graph, bet) && graph.out(bet, StdLinks.targets).length === 0) {
            report(
                'warning',
                IssueCodes.BetWithoutTarget,
                `Active bet '${bet.id}' targets nothing: add 'targets -> <input> { expected: "…" }' so it is clear what it should move.`,
                bet,
            );
        }
    }
};

const betWithoutOption: GraphCheck = (graph, report) => {
    const decided = ['active', 'paused', 'done'];
    const bets = graph.ofType(Std.bet);
    for (let i = 0; i < bets.length; i++) {
        const bet = bets[i];
        if (!decided.includes(String(bet.fields.status)) || bet.fields.kind === 'ongoing') continue;
        if (graph.out(bet, StdLinks.chosenFrom).length === 0) {
            report(
                'warning',
                IssueCodes.BetWithoutOption,
                `Bet '${bet.id}' was not chosen from any option: add 'chosen-from -> <opportunity>.<option>', or mark it 'kind: ongoing'.`,
                bet,
            );
        }
    }
};

const options: GraphCheck = (graph, report) => {
    const declared = graph.ofType(Std.option);
    for (let i = 0; i < declared.length; i++) {
        const option = declared[i];
        const parent = graph.get(option.parent);
        const nested = parent !== undefined && graph.isA(parent, Std.opportunity);
        if (!nested && graph.out(option, StdLinks.consideredFor).length === 0) {
            report(
                'warning',
                IssueCodes.OptionWithoutOpportunity,
                `Option '${option.id}' is not considered for any opportunity: nest it in one, or add 'considered-for -> <opportunity>'.`,
                option,
            );
        }
        if (option.fields.status === 'rejected' && !option.fields.rationale) {
            report(
                'warning',
                IssueCodes.RejectedWithoutRationale,
                `Option '${option.id}' was rejected without a rationale: add 'rationale: "…"' so the decision can be revisited.`,
                option,
            );
        }
    }
};

const orphanOpportunity: GraphCheck = (graph, report) => {
    const opportunities = graph.ofType(Std.opportunity);
    for (let i = 0; i < opportunities.length; i++) {
        const opportunity = opportunities[i];
        const informed = graph.in(opportunity, StdLinks.informs).length > 0;
        const scoped = graph.effectiveTargets(opportunity, StdLinks.inScope).length > 0;
        const nested = opportunity.parent !== undefined || graph.out(opportunity, StdLinks.nestedIn).length > 0;
        if (!informed && !scoped && !nested) {
            report(
                'warning',
                IssueCodes.OrphanOpportunity,
                `Opportunity '${opportunity.id}' has no insight, no scope and no parent: link an insight ('informed-by -> …') or a scope ('in-scope -> …').`,
                opportunity,
            );
        }
    }
};

const inputsAndDrivers: GraphCheck = (graph, report) => {
    // Only objects of the types tested below can be reported: scan those, in the same (id) order.
    const all = graph.ofAnyType([Std.input, Std.driver, Std.northStar]);
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if (graph.isA(object, Std.input) && graph.out(object, StdLinks.drives).length === 0) {
            report(
                'warning',
                IssueCodes.InputDrivesNothing,
                `Input '${object.id}' drives nothing: add 'drives -> <driver>' to say which driver it moves.`,
                object,
            );
        }
        if ((graph.isA(object, Std.driver) || graph.isA(object, Std.northStar)) && graph.in(object, StdLinks.drives).length === 0) {
            report(
                'warning',
                IssueCodes.DriverWithoutInputs,
                `'${object.id}' has no inputs driving it: add 'driven-by -> <input>' or 'drives -> ${object.name}' on an input.`,
                object,
            );
        }
    }
};

const metrics: GraphCheck = (graph, report) => {
    // Only objects of the types tested below can be reported: scan those, in the same (id) order.
    const all = graph.ofAnyType([Std.input, Std.driver, Std.metric]);
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if ((graph.isA(object, Std.input) || graph.isA(object, Std.driver)) && !object.fields.metric && graph.out(object, StdLinks.measuredBy).length === 0) {
            report('warning', IssueCodes.MissingMetric, `'${object.id}' has no metric: set 'metric: "…"' or add 'measured-by -> <metric>'.`, object);
        }
        if (graph.isA(object, Std.metric) && !object.fields.source) {
            report('warning', IssueCodes.MetricWithoutSource, `Metric '${object.id}' has no source: set 'source: "…"' (the system it comes from).`, object);
        }
    }
};

const impacts: GraphCheck = (graph, report) => {
    // Only objects of the types tested below can be reported: scan those, in the same (id) order.
    const all = graph.ofAnyType([Std.impact, Std.bet]);
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if (graph.isA(object, Std.impact) && graph.out(object, StdLinks.evidences).length === 0) {
            report('warning', IssueCodes.ImpactWithoutBet, `Impact '${object.id}' evidences no bet: add 'evidences -> <bet>'.`, object);
        }
        if (graph.isA(object, Std.bet) && object.fields.status === 'done' && graph.in(object, StdLinks.evidences).length === 0) {
            report(
                'warning',
                IssueCodes.DoneBetWithoutImpact,
                `Bet '${object.id}' is done but no impact evidences it: record what it changed as an impact.`,
                object,
            );
        }
    }
};

/** Short-horizon intent should connect, through links or containers, to a long-horizon driver or the north star. */
const pathToStrategy: GraphCheck = (graph, report) => {
    const follow: string[] = [StdLinks.targets, StdLinks.drives, StdLinks.contributesTo, StdLinks.delivers, StdLinks.nestedIn, StdLinks.chosenFrom];
    const years = 4;
    const isStrategic = (object: GraphObject) =>
        graph.isA(object, Std.northStar) || (graph.isA(object, Std.driver) && (horizonRank(graph, object) ?? years) >= years);
    // Everything that reaches strategy: walked once backwards from the strategic objects (over the followed
    // links' backlinks, and from containers to what they contain), rather than searched forward from each intent.
    const reaching = new Set<string>();
    const queue: GraphObject[] = [];
    const all = graph.ofAnyType([Std.northStar, Std.driver]);
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if (isStrategic(object)) {
            reaching.add(object.id);
            queue.push(object);
        }
    }
    const reach = (id: string) => {
        const source = graph.get(id);
        if (source && !reaching.has(id)) {
            reaching.add(id);
            queue.push(source);
        }
    };
    for (let i = 0; i < queue.length; i++) {
        const object = queue[i];
        const backlinks = object.backlinks;
        for (let j = 0; j < backlinks.length; j++) if (follow.includes(backlinks[j].kind)) reach(backlinks[j].source);
        const children = object.children;
        for (let j = 0; j < children.length; j++) reach(children[j]);
    }
    const search = (start: GraphObject): boolean => reaching.has(start.id);
    const objects = graph.ofType(Std.intent);
    for (let i = 0; i < objects.length; i++) {
        const object = objects[i];
        const rank = horizonRank(graph, object);
        if (rank === undefined || rank > 2) continue;
        const status = String(object.fields.status);
        if (graph.isA(object, Std.bet) && (status === 'done' || status === 'killed')) continue;
        if (!search(object)) {
            report(
                'warning',
                IssueCodes.NoPathToStrategy,
                `'${object.id}' (${horizonName(graph, rank)}) has no path to a years-long driver or the north star: ` +
                    `link it with targets, contributes-to or delivers to something that does.`,
                object,
            );
        }
    }
};

const spanExceedsHorizon: GraphCheck = (graph, report) => {
    const objects = graph.ofType(Std.intent);
    for (let i = 0; i < objects.length; i++) {
        const object = objects[i];
        const rank = horizonRank(graph, object);
        const { start, end } = object.fields;
        if (rank === undefined || typeof start !== 'string' || typeof end !== 'string') continue;
        const days = daysBetween(start, end);
        if (days !== undefined && days > HORIZON_MAX_DAYS[rank]) {
            report(
                'warning',
                IssueCodes.SpanExceedsHorizon,
                `'${object.id}' runs ${days} days (${start} to ${end}), longer than its horizon '${horizonName(graph, rank)}' allows (1–3 of them): ` +
                    `lengthen the horizon or split it.`,
                object,
            );
        }
    }
};

const teams: GraphCheck = (graph, report) => {
    const byTeam = activeBetsByOwner(graph);
    const teams = graph.ofType(Std.team);
    for (let i = 0; i < teams.length; i++) {
        const team = teams[i];
        // Over its WIP limit: the derived fact `overloaded` (graph/derived/delivery.ts).
        if (team.facts?.overloaded === true) {
            const bets = byTeam.get(team.id) ?? [];
            const limit = wipLimitOf(team);
            report(
                'warning',
                IssueCodes.WipLimitExceeded,
                `Team '${team.id}' owns ${plural(bets.length, 'active bet')} (${bets
                    .map(b => b.id)
                    .sort()
                    .join(', ')}), over its WIP limit of ${limit}.`,
                team,
            );
        }
        const owned = graph.out(team, StdLinks.owns);
        if (team.fields.topology === 'stream-aligned' && owned.length === 0) {
            report(
                'warning',
                IssueCodes.TeamWithoutScope,
                `Stream-aligned team '${team.id}' owns no scope: add 'owns -> <scope>' so it is clear what it is aligned to.`,
                team,
            );
        }
        if (owned.length > MAX_SCOPES_PER_TEAM) {
            report(
                'warning',
                IssueCodes.TooManyScopes,
                `Team '${team.id}' owns ${owned.length} scopes, more than ${MAX_SCOPES_PER_TEAM}: its cognitive load is likely too high.`,
                team,
            );
        }
        if (team.fields.topology === 'platform' && graph.in(team, StdLinks.interacts).length === 0 && graph.in(team, StdLinks.dependsOn).length === 0) {
            report(
                'warning',
                IssueCodes.PlatformWithoutConsumers,
                `Platform team '${team.id}' has no consumers: no team interacts with it or depends on it.`,
                team,
            );
        }
    }
};

const scopesWithoutOwner: GraphCheck = (graph, report) => {
    const scopes = graph.ofType(Std.scope);
    for (let i = 0; i < scopes.length; i++) {
        const scope = scopes[i];
        const isLeaf =
            !scope.children.some(id => {
                const child = graph.get(id);
                return child && graph.isA(child, Std.scope);
            }) && graph.in(scope, StdLinks.nestedIn).length === 0;
        if (!isLeaf) continue;
        const owned = graph.withAncestors(scope).some(s => graph.in(s, StdLinks.owns).length > 0);
        if (!owned) {
            report('warning', IssueCodes.ScopeWithoutOwner, `Scope '${scope.id}' has no owner: add 'owns -> ${scope.id}' to the team that owns it.`, scope);
        }
    }
};

const collaborations: GraphCheck = (graph, report) => {
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const team = all[i];
        const links = team.links;
        for (let j = 0; j < links.length; j++) {
            const link = links[j];
            if (link.kind !== StdLinks.interacts || link.meta.mode !== 'collaboration') continue;
            const until = link.meta.until;
            if (typeof until !== 'string') {
                report(
                    'warning',
                    IssueCodes.OpenEndedCollaboration,
                    `The collaboration between '${team.id}' and '${link.target}' has no end: add 'until: <date>'; collaboration is meant to be temporary.`,
                    link.location,
                    team,
                );
                continue;
            }
            const start = link.meta.start;
            const days = typeof start === 'string' ? daysBetween(start, until) : undefined;
            if (days !== undefined && days > QUARTER_DAYS) {
                report(
                    'warning',
                    IssueCodes.OpenEndedCollaboration,
                    `The collaboration between '${team.id}' and '${link.target}' lasts ${days} days, more than a quarter: plan how it ends.`,
                    link.location,
                    team,
                );
            }
        }
    }
};

const allocation: GraphCheck = (graph, report) => {
    const persons = graph.ofType(Std.person);
    for (let i = 0; i < persons.length; i++) {
        const person = persons[i];
        const links = graph.out(person, StdLinks.memberOf);
        const total = links.reduce((sum, link) => sum + (typeof link.meta.allocation === 'number' ? link.meta.allocation : 0), 0);
        if (total > 100) {
            report('warning', IssueCodes.OverAllocated, `'${person.id}' is allocated ${total}% across ${plural(links.length, 'team')}, over 100%.`, person);
        }
    }
};

/** Whether a team interacts with or depends on another, or the other with it. */
function engagedWith(team: GraphObject, other: string): boolean {
    const engages = (kind: string) => kind === StdLinks.interacts || kind === StdLinks.dependsOn;
    for (const link of team.links) if (link.target === other && engages(link.kind)) return true;
    for (const link of team.backlinks) if (link.source === other && engages(link.kind)) return true;
    return false;
}

/** A bet owned by a team that neither owns nor stewards its scope, with no declared interaction or dependency. */
const ownerOutsideScope: GraphCheck = (graph, report) => {
    const bets = graph.ofType(Std.bet);
    for (let i = 0; i < bets.length; i++) {
        const bet = bets[i];
        const owners = graph.effectiveTargets(bet, StdLinks.owner);
        const scopes = graph.effectiveTargets(bet, StdLinks.inScope);
        for (const ownerId of owners) {
            const owner = graph.get(ownerId);
            if (!owner || !graph.isA(owner, Std.team)) continue;
            for (const scopeId of scopes) {
                const scope = graph.get(scopeId);
                if (!scope) continue;
                // Who owns or stewards the scope or a scope it is nested in: the owner, or a team it is engaged
                // with (most bets), settles it without listing them.
                const chain = graph.withAncestors(scope);
                let anyone = false;
                let settled = false;
                for (let c = 0; c < chain.length && !settled; c++) {
                    const backlinks = chain[c].backlinks;
                    for (let k = 0; k < backlinks.length && !settled; k++) {
                        const { kind, source } = backlinks[k];
                        if (kind !== StdLinks.owns && kind !== StdLinks.stewards) continue;
                        anyone = true;
                        settled = source === ownerId || engagedWith(owner, source);
                    }
                }
                if (!anyone || settled) continue;
                // Who owns, then who stewards, the scope and each scope it is nested in, innermost first.
                const responsible: string[] = [];
                for (const s of chain) {
                    const backlinks = s.backlinks;
                    for (let k = 0; k < backlinks.length; k++) if (backlinks[k].kind === StdLinks.owns) responsible.push(backlinks[k].source);
                    for (let k = 0; k < backlinks.length; k++) if (backlinks[k].kind === StdLinks.stewards) responsible.push(backlinks[k].source);
                }
                report(
                    'info',
                    IssueCodes.OwnerOutsideScope,
                    `Bet '${bet.id}' is owned by '${ownerId}' but its scope '${scopeId}' belongs to ${responsible.join(', ')}, ` +
                        `with no interaction or dependency declared between them.`,
                    bet,
                );
            }
        }
    }
};

const blockedByOverloadedTeam: GraphCheck = (graph, report) => {
    const overloaded = new Set(
        graph
            .ofType(Std.team)
            .filter(team => team.facts?.overloaded === true)
            .map(team => team.id),
    );
    if (overloaded.size === 0) return;
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        for (const link of graph.out(object, StdLinks.dependsOn)) {
            if (link.meta.kind !== 'blocking') continue;
            const target = graph.get(link.target);
            if (!target) continue;
            const teamsBehind = graph.isA(target, Std.team) ? [target.id] : graph.effectiveTargets(target, StdLinks.owner);
            const busy = teamsBehind.filter(id => overloaded.has(id));
            if (busy.length > 0) {
                report(
                    'warning',
                    IssueCodes.BlockedByOverloadedTeam,
                    `'${object.id}' is blocked by '${target.id}', and ${busy.join(', ')} ${busy.length === 1 ? 'is' : 'are'} over ${busy.length === 1 ? 'its' : 'their'} WIP limit: delivery risk.`,
                    link.location,
                    object,
                );
            }
        }
    }
};

/** Funding coverage; only checked once the model declares any funding at all. */
const funding: GraphCheck = (graph, report) => {
    const units = graph.ofType(Std.funding);
    if (units.length === 0) return;
    for (const unit of units) {
        const shares = graph.out(unit, StdLinks.funds).reduce((sum, l) => sum + (typeof l.meta.share === 'number' ? l.meta.share : 0), 0);
        if (shares > 100) {
            report('warning', IssueCodes.FundingOverAllocated, `Funding unit '${unit.id}' gives out ${shares}% in shares, over 100%.`, unit);
        }
    }
    // Funding reach is a derived fact (graph/derived/funding.ts): through nesting, member-of, owned scopes, owner and scope.
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        if (graph.isA(object, Std.team) && object.facts?.funded !== true) {
            report(
                'warning',
                IssueCodes.Unfunded,
                `Team '${object.id}' is not reached by any funding unit, directly, through a group it is nested in or a member of, or through a scope it owns.`,
                object,
            );
        }
        if (isActiveBet(graph, object) && object.facts?.funded !== true) {
            report(
                'warning',
                IssueCodes.Unfunded,
                `Active bet '${object.id}' is not reached by any funding unit, directly or through its team or scope.`,
                object,
            );
        }
    }
};

/** Data that says off-track about an object that declares no health: it is off track (derived facts), say so. */
const healthFromData: GraphCheck = (graph, report) => {
    const all = graph.graph.objects;
    for (let i = 0; i < all.length; i++) {
        const object = all[i];
        const facts = object.facts;
        if (facts?.['data-status'] !== 'off-track' || (object.fields.health !== undefined && object.fields.health !== 'unknown')) continue;
        report(
            'warning',
            IssueCodes.HealthFromData,
            `'${object.id}' declares no health, but the data of '${String(facts['data-metric'])}' says off-track since ${String(facts['data-since'])} ` +
                `(${String(facts['data-value'])}, trending ${String(facts['data-trend'])}): it counts as off track; set 'health: off-track' and act on it, or check the plan.`,
            object,
        );
    }
};

/** A ritual's `views:` naming a view that does not exist. */
const ritualViews: GraphCheck = (graph, report) => {
    const rituals = graph.ofType(Std.ritual);
    for (let i = 0; i < rituals.length; i++) {
        const ritual = rituals[i];
        for (const name of ritualViewNames(graph, ritual).unknown) {
            report(
                'error',
                IssueCodes.UnknownView,
                `Ritual '${ritual.id}' reviews a view '${name}' that does not exist.${didYouMean(
                    name,
                    graph.graph.views.map(view => view.name),
                )}`,
                ritual,
            );
        }
    }
};

// What each check reads (GraphCheck.reads): an editor reruns it only after an edit that changed one of these.
const link = (kind: string) => `link:${kind}`;
const backlink = (kind: string) => `backlink:${kind}`;
betWithoutTarget.reads = () => ['field:status', link(StdLinks.targets)];
betWithoutOption.reads = () => ['field:status', 'field:kind', link(StdLinks.chosenFrom)];
options.reads = () => ['parent', link(StdLinks.consideredFor), 'field:status', 'field:rationale'];
orphanOpportunity.reads = () => [backlink(StdLinks.informs), link(StdLinks.inScope), 'parent', link(StdLinks.nestedIn)];
inputsAndDrivers.reads = () => [link(StdLinks.drives), backlink(StdLinks.drives)];
metrics.reads = () => ['field:metric', 'field:source', link(StdLinks.measuredBy)];
impacts.reads = () => ['field:status', link(StdLinks.evidences), backlink(StdLinks.evidences)];
const strategyLinks = [StdLinks.targets, StdLinks.drives, StdLinks.contributesTo, StdLinks.delivers, StdLinks.nestedIn, StdLinks.chosenFrom];
pathToStrategy.reads = graph => [...strategyLinks.map(link), ...strategyLinks.map(backlink), 'children', 'field:status', ...horizonAspects(graph)];
spanExceedsHorizon.reads = graph => ['field:start', 'field:end', ...horizonAspects(graph)];
teams.reads = () => [
    'field:status',
    'field:wip-limit',
    'field:topology',
    'facts:overloaded',
    link(StdLinks.owner),
    link(StdLinks.owns),
    backlink(StdLinks.interacts),
    backlink(StdLinks.dependsOn),
];
scopesWithoutOwner.reads = () => ['children', 'parent', backlink(StdLinks.nestedIn), backlink(StdLinks.owns)];
collaborations.reads = () => [link(StdLinks.interacts)];
allocation.reads = () => [link(StdLinks.memberOf)];
ownerOutsideScope.reads = () => [
    'parent',
    link(StdLinks.owner),
    link(StdLinks.inScope),
    link(StdLinks.interacts),
    link(StdLinks.dependsOn),
    backlink(StdLinks.owns),
    backlink(StdLinks.stewards),
    backlink(StdLinks.interacts),
    backlink(StdLinks.dependsOn),
];
blockedByOverloadedTeam.reads = () => ['facts:overloaded', link(StdLinks.dependsOn), link(StdLinks.owner)];
funding.reads = () => ['field:status', 'facts:funded', link(StdLinks.funds)];
healthFromData.reads = () => ['field:health', ...['data-status', 'data-metric', 'data-since', 'data-value', 'data-trend'].map(fact => `facts:${fact}`)];

export const domainChecks: Record<string, GraphCheck> = {
    'ritual-views': ritualViews,
    'health-from-data': healthFromData,
    'bet-without-target': betWithoutTarget,
    'bet-without-option': betWithoutOption,
    options,
    'orphan-opportunity': orphanOpportunity,
    'inputs-and-drivers': inputsAndDrivers,
    metrics,
    impacts,
    'path-to-strategy': pathToStrategy,
    'span-exceeds-horizon': spanExceedsHorizon,
    teams,
    'scope-without-owner': scopesWithoutOwner,
    collaborations,
    allocation,
    'owner-outside-scope': ownerOutsideScope,
    'blocked-by-overloaded-team': blockedByOverloadedTeam,
    funding,
};

export type { GraphIndex };
