/** Ids of the standard library's types and link kinds that the compiler gives meaning to. */
export const Std = {
    object: 'std.object',
    team: 'std.team',
    person: 'std.person',
    group: 'std.group',
    scope: 'std.scope',
    northStar: 'std.north-star',
    driver: 'std.driver',
    input: 'std.input',
    metric: 'std.metric',
    goal: 'std.goal',
    intent: 'std.intent',
    insight: 'std.insight',
    opportunity: 'std.opportunity',
    option: 'std.option',
    bet: 'std.bet',
    work: 'std.work',
    impact: 'std.impact',
    funding: 'std.funding',
    horizon: 'std.horizon',
    ritual: 'std.ritual',
    cycle: 'std.cycle',
    cadence: 'std.cadence',
    /** The fields of the facts pom derives for every object (graph/derived). */
    derivedFacts: 'std.derived-facts',
} as const;

/** Ids of the standard library's queries that the site's home page and reports are built from. */
export const StdQueries = {
    offTrack: 'std.off-track',
    deliveryRisk: 'std.delivery-risk',
    strategyTree: 'std.strategy-tree',
    driversWithoutBets: 'std.drivers-without-bets',
} as const;

export const StdLinks = {
    owner: 'std.owner',
    inScope: 'std.in-scope',
    owns: 'std.owns',
    stewards: 'std.stewards',
    memberOf: 'std.member-of',
    interacts: 'std.interacts',
    dependsOn: 'std.depends-on',
    nestedIn: 'std.nested-in',
    drives: 'std.drives',
    measuredBy: 'std.measured-by',
    targets: 'std.targets',
    contributesTo: 'std.contributes-to',
    informs: 'std.informs',
    consideredFor: 'std.considered-for',
    chosenFrom: 'std.chosen-from',
    delivers: 'std.delivers',
    evidences: 'std.evidences',
    funds: 'std.funds',
    reviews: 'std.reviews',
    inCycle: 'std.in-cycle',
} as const;
