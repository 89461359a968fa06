import { describe, expect, it } from 'vitest';
import { brief, codes, compile, errors, object, withCode } from '../helpers.js';
import { at, only } from './util.js';

describe('bet-without-target', () => {
    it('fires on an active bet that targets nothing', async () => {
        const result = await compile(`package t
bet b { status: active kind: ongoing }
`);
        const d = only(result, 'bet-without-target');
        expect(brief(d)).toBe('bet-without-target@main.pom:2:5');
        expect(d.severity).toBe('warning');
        expect(d.object).toBe('t.b');
        expect(d.message).toContain(`Active bet 't.b' targets nothing`);
        expect(d.message).toContain(`add 'targets -> <input> { expected: "…" }'`);
    });

    it('does not fire on an active bet with a target, or a bet that is not active', async () => {
        const result = await compile(`package t
north-star n
input i { metric: "m" drives -> n }
bet b { status: active kind: ongoing targets -> i { expected: "+1" } }
bet c { status: proposed }
`);
        expect(codes(result)).not.toContain('bet-without-target');
        expect(errors(result)).toEqual([]);
    });
});

describe('bet-without-option', () => {
    it('fires on active, paused and done bets not chosen from an option', async () => {
        const result = await compile(`package t
bet a { status: active }
bet p { status: paused }
bet d { status: done }
`);
        expect(at(result, 'bet-without-option')).toEqual([
            'bet-without-option@main.pom:2:5',
            'bet-without-option@main.pom:3:5',
            'bet-without-option@main.pom:4:5',
        ]);
        const d = withCode(result, 'bet-without-option')[0];
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Bet 't.a' was not chosen from any option`);
        expect(d.message).toContain(`add 'chosen-from -> <opportunity>.<option>', or mark it 'kind: ongoing'`);
    });

    it('does not fire on a chosen bet, an ongoing bet, or a proposed one', async () => {
        const result = await compile(`package t
opportunity o { option x }
bet a { status: paused chosen-from -> o.x }
bet b { status: paused kind: ongoing }
bet c { status: proposed }
`);
        expect(codes(result)).not.toContain('bet-without-option');
        expect(errors(result)).toEqual([]);
    });
});

describe('option-without-opportunity', () => {
    it('fires on an option neither nested in nor considered for an opportunity', async () => {
        const result = await compile(`package t
option o
`);
        const d = only(result, 'option-without-opportunity');
        expect(brief(d)).toBe('option-without-opportunity@main.pom:2:8');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Option 't.o' is not considered for any opportunity`);
        expect(d.message).toContain(`nest it in one, or add 'considered-for -> <opportunity>'`);
    });

    it('does not fire on a nested option or one considered for an opportunity', async () => {
        const result = await compile(`package t
insight ins
opportunity p { informed-by -> ins
  option q
}
option r { considered-for -> p }
`);
        expect(codes(result)).not.toContain('option-without-opportunity');
        expect(errors(result)).toEqual([]);
    });
});

describe('rejected-without-rationale', () => {
    it('fires on a rejected option without a rationale', async () => {
        const result = await compile(`package t
insight ins
opportunity p { informed-by -> ins }
option r { status: rejected considered-for -> p }
`);
        const d = only(result, 'rejected-without-rationale');
        expect(brief(d)).toBe('rejected-without-rationale@main.pom:4:8');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Option 't.r' was rejected without a rationale: add 'rationale: "…"'`);
    });

    it('does not fire when the rationale is given, or the option is not rejected', async () => {
        const result = await compile(`package t
insight ins
opportunity p { informed-by -> ins }
option r { status: rejected rationale: "too costly" considered-for -> p }
option s { status: chosen considered-for -> p }
`);
        expect(codes(result)).not.toContain('rejected-without-rationale');
        expect(errors(result)).toEqual([]);
    });
});

describe('orphan-opportunity', () => {
    it('fires on an opportunity with no insight, scope or parent', async () => {
        const result = await compile(`package t
opportunity o
`);
        const d = only(result, 'orphan-opportunity');
        expect(brief(d)).toBe('orphan-opportunity@main.pom:2:13');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Opportunity 't.o' has no insight, no scope and no parent`);
        expect(d.message).toContain(`('informed-by -> …')`);
        expect(d.message).toContain(`('in-scope -> …')`);
    });

    it('does not fire when informed, scoped, nested, or nested-in another', async () => {
        const result = await compile(`package t
insight ins
scope s
team owner { owns -> s }
opportunity a { informed-by -> ins }
opportunity b { in-scope -> s
  opportunity c
}
opportunity d { nested-in -> a }
`);
        expect(codes(result)).not.toContain('orphan-opportunity');
        expect(errors(result)).toEqual([]);
    });
});

describe('input-drives-nothing', () => {
    it('fires on an input with no drives link', async () => {
        const result = await compile(`package t
input i { metric: "m" }
`);
        const d = only(result, 'input-drives-nothing');
        expect(brief(d)).toBe('input-drives-nothing@main.pom:2:7');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Input 't.i' drives nothing: add 'drives -> <driver>'`);
    });

    it('does not fire when the input drives something, written at either end', async () => {
        const result = await compile(`package t
north-star n
input i { metric: "m" drives -> n }
input j { metric: "m" }
driver d { metric: "m" driven-by -> j drives -> n }
`);
        expect(codes(result)).not.toContain('input-drives-nothing');
        expect(errors(result)).toEqual([]);
    });
});

describe('driver-without-inputs', () => {
    it('fires on a driver and a north star that nothing drives', async () => {
        const result = await compile(`package t
driver d { metric: "m" }
north-star n
`);
        expect(at(result, 'driver-without-inputs')).toEqual(['driver-without-inputs@main.pom:2:8', 'driver-without-inputs@main.pom:3:12']);
        const d = withCode(result, 'driver-without-inputs')[0];
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`'t.d' has no inputs driving it: add 'driven-by -> <input>' or 'drives -> d' on an input.`);
    });

    it('does not fire when something drives them', async () => {
        const result = await compile(`package t
north-star n
driver d { metric: "m" drives -> n }
input i { metric: "m" drives -> d }
`);
        expect(codes(result)).not.toContain('driver-without-inputs');
        expect(errors(result)).toEqual([]);
    });
});

describe('missing-metric', () => {
    it('fires on an input and a driver without a metric', async () => {
        const result = await compile(`package t
north-star n
driver d { drives -> n }
input i { drives -> d }
`);
        expect(at(result, 'missing-metric')).toEqual(['missing-metric@main.pom:3:8', 'missing-metric@main.pom:4:7']);
        const d = withCode(result, 'missing-metric')[0];
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`'t.d' has no metric: set 'metric: "…"' or add 'measured-by -> <metric>'.`);
    });

    it('does not fire with a metric field or a measured-by link', async () => {
        const result = await compile(`package t
north-star n
metric m { source: "amplitude" }
driver d { metric: "conversion" drives -> n }
input i { measured-by -> m drives -> d }
`);
        expect(codes(result)).not.toContain('missing-metric');
        expect(errors(result)).toEqual([]);
    });
});

describe('metric-without-source', () => {
    it('fires on a metric without a source', async () => {
        const result = await compile(`package t
metric m { unit: "%" }
`);
        const d = only(result, 'metric-without-source');
        expect(brief(d)).toBe('metric-without-source@main.pom:2:8');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Metric 't.m' has no source: set 'source: "…"'`);
    });

    it('does not fire with a source', async () => {
        const result = await compile(`package t
metric m { unit: "%", source: "amplitude" }
`);
        expect(codes(result)).not.toContain('metric-without-source');
        expect(errors(result)).toEqual([]);
    });
});

describe('impact-without-bet', () => {
    it('fires on an impact that evidences no bet', async () => {
        const result = await compile(`package t
impact i { delta: "+2pp" }
`);
        const d = only(result, 'impact-without-bet');
        expect(brief(d)).toBe('impact-without-bet@main.pom:2:8');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Impact 't.i' evidences no bet: add 'evidences -> <bet>'.`);
    });

    it('does not fire when the impact evidences a bet', async () => {
        const result = await compile(`package t
bet b
impact i { delta: "+2pp" evidences -> b }
`);
        expect(codes(result)).not.toContain('impact-without-bet');
        expect(errors(result)).toEqual([]);
    });
});

describe('done-bet-without-impact', () => {
    it('fires on a done bet no impact evidences', async () => {
        const result = await compile(`package t
bet b { status: done kind: ongoing }
`);
        const d = only(result, 'done-bet-without-impact');
        expect(brief(d)).toBe('done-bet-without-impact@main.pom:2:5');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Bet 't.b' is done but no impact evidences it`);
    });

    it('does not fire when an impact evidences it (written at either end), or it is not done', async () => {
        const result = await compile(`package t
bet b { status: done kind: ongoing }
impact i { evidences -> b }
impact j
bet c { status: done kind: ongoing evidenced-by -> j }
bet d { status: killed }
`);
        expect(codes(result)).not.toContain('done-bet-without-impact');
        expect(errors(result)).toEqual([]);
    });
});

describe('no-path-to-strategy', () => {
    it('fires on a short-horizon intent linked to nothing strategic', async () => {
        const result = await compile(`package t
bet b { horizon: weeks }
`);
        const d = only(result, 'no-path-to-strategy');
        expect(brief(d)).toBe('no-path-to-strategy@main.pom:2:5');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`'t.b' (weeks) has no path to a years-long driver or the north star`);
        expect(d.message).toContain('targets, contributes-to or delivers');
    });

    it('fires when the chain ends at a driver shorter than years', async () => {
        const result = await compile(`package t
driver d { horizon: quarters metric: "m" }
goal g { horizon: months contributes-to -> d }
`);
        expect(at(result, 'no-path-to-strategy')).toEqual(['no-path-to-strategy@main.pom:3:6']);
    });

    it('does not fire through links or containers, nor on done bets or long horizons', async () => {
        const result = await compile(`package t
driver d { horizon: years metric: "m" }
goal g { horizon: quarters contributes-to -> d
  bet b { horizon: weeks }
}
bet c { horizon: weeks status: done kind: ongoing }
goal q { horizon: quarters }
`);
        expect(codes(result)).not.toContain('no-path-to-strategy');
        expect(errors(result)).toEqual([]);
    });
});

describe('span-exceeds-horizon', () => {
    it('fires on an intent running longer than its horizon allows', async () => {
        const result = await compile(`package t
goal g { horizon: weeks start: 2026-01-01 end: 2026-03-01 }
`);
        const d = only(result, 'span-exceeds-horizon');
        expect(brief(d)).toBe('span-exceeds-horizon@main.pom:2:6');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`'t.g' runs 59 days (2026-01-01 to 2026-03-01), longer than its horizon 'weeks' allows`);
        expect(d.message).toContain('lengthen the horizon or split it');
    });

    it('does not fire within three units of the horizon', async () => {
        const result = await compile(`package t
goal g { horizon: weeks start: 2026-01-01 end: 2026-01-22 }
goal h { horizon: quarters start: 2026-01-01 end: 2026-09-01 }
`);
        expect(codes(result)).not.toContain('span-exceeds-horizon');
        expect(errors(result)).toEqual([]);
    });
});

describe('wip-limit-exceeded', () => {
    it('fires on a team owning more active bets than its declared limit', async () => {
        const result = await compile(`package t
team a { wip-limit: 1 }
bet b { status: active kind: ongoing owner -> a }
bet c { status: active kind: ongoing owner -> a }
bet d { status: proposed owner -> a }
`);
        const d = only(result, 'wip-limit-exceeded');
        expect(brief(d)).toBe('wip-limit-exceeded@main.pom:2:6');
        expect(d.severity).toBe('warning');
        expect(d.message).toBe(`Team 't.a' owns 2 active bets (t.b, t.c), over its WIP limit of 1.`);
    });

    it('fires over the default limit of 2, counting inherited ownership', async () => {
        const result = await compile(`package t
team a
bet outer { owner -> a
  bet b1 { status: active kind: ongoing }
  bet b2 { status: active kind: ongoing }
  bet b3 { status: active kind: ongoing }
}
`);
        const d = only(result, 'wip-limit-exceeded');
        expect(d.message).toContain(`owns 3 active bets (t.outer.b1, t.outer.b2, t.outer.b3), over its WIP limit of 2`);
    });

    it('does not fire at the limit', async () => {
        const result = await compile(`package t
team a
bet b { status: active kind: ongoing owner -> a }
bet c { status: active kind: ongoing owner -> a }
bet d { status: paused kind: ongoing owner -> a }
`);
        expect(codes(result)).not.toContain('wip-limit-exceeded');
        expect(errors(result)).toEqual([]);
    });
});

describe('team-without-scope', () => {
    it('fires on a stream-aligned team that owns no scope', async () => {
        const result = await compile(`package t
team a { topology: stream-aligned }
`);
        const d = only(result, 'team-without-scope');
        expect(brief(d)).toBe('team-without-scope@main.pom:2:6');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Stream-aligned team 't.a' owns no scope: add 'owns -> <scope>'`);
    });

    it('does not fire on a stream-aligned team that owns a scope, or another topology', async () => {
        const result = await compile(`package t
team a { topology: stream-aligned owns -> s }
scope s
team b { topology: enabling }
`);
        expect(codes(result)).not.toContain('team-without-scope');
        expect(errors(result)).toEqual([]);
    });
});

describe('scope-without-owner', () => {
    it('fires on a leaf scope nobody owns, directly or through its container', async () => {
        const result = await compile(`package t
scope s {
  scope inner
}
`);
        const d = only(result, 'scope-without-owner');
        expect(brief(d)).toBe('scope-without-owner@main.pom:3:9');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Scope 't.s.inner' has no owner: add 'owns -> t.s.inner' to the team that owns it.`);
    });

    it('does not fire on owned scopes, scopes owned through a container, or owned-by', async () => {
        const result = await compile(`package t
scope u {
  scope inner
}
team a { owns -> u }
scope v { owned-by -> b }
team b
`);
        expect(codes(result)).not.toContain('scope-without-owner');
        expect(errors(result)).toEqual([]);
    });
});

describe('platform-without-consumers', () => {
    it('fires on a platform team nobody interacts with or depends on', async () => {
        const result = await compile(`package t
team p { topology: platform }
`);
        const d = only(result, 'platform-without-consumers');
        expect(brief(d)).toBe('platform-without-consumers@main.pom:2:6');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Platform team 't.p' has no consumers`);
    });

    it('does not fire when a team interacts with it or depends on it', async () => {
        const result = await compile(`package t
team q { topology: platform }
team c { interacts -> q { mode: x-as-a-service } }
team d { topology: platform }
team e { depends-on -> d }
`);
        expect(codes(result)).not.toContain('platform-without-consumers');
        expect(errors(result)).toEqual([]);
    });
});

describe('open-ended-collaboration', () => {
    it('fires on a collaboration without an end, at the link', async () => {
        const result = await compile(`package t
team a
team b { interacts -> a { mode: collaboration } }
`);
        const d = only(result, 'open-ended-collaboration');
        expect(brief(d)).toBe('open-ended-collaboration@main.pom:3:23');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`The collaboration between 't.b' and 't.a' has no end: add 'until: <date>'`);
    });

    it('fires on a collaboration lasting more than a quarter', async () => {
        const result = await compile(`package t
team a
team c { interacts -> a { mode: collaboration, start: 2026-01-01, until: 2026-06-01 } }
`);
        const d = only(result, 'open-ended-collaboration');
        expect(brief(d)).toBe('open-ended-collaboration@main.pom:3:23');
        expect(d.message).toContain('lasts 151 days, more than a quarter');
    });

    it('does not fire on a short collaboration or another mode', async () => {
        const result = await compile(`package t
team a
team d { interacts -> a { mode: collaboration, start: 2026-01-01, until: 2026-02-01 } }
team e { interacts -> a { mode: facilitating } }
`);
        expect(codes(result)).not.toContain('open-ended-collaboration');
        expect(errors(result)).toEqual([]);
    });
});

describe('too-many-scopes', () => {
    it('fires on a team owning more than five scopes', async () => {
        const result = await compile(`package t
team a { owns -> s1, s2, s3, s4, s5, s6 }
scope s1 scope s2 scope s3 scope s4 scope s5 scope s6
`);
        const d = only(result, 'too-many-scopes');
        expect(brief(d)).toBe('too-many-scopes@main.pom:2:6');
        expect(d.severity).toBe('warning');
        expect(d.message).toContain(`Team 't.a' owns 6 scopes, more than 5`);
    });

    it('does not fire at five', async () => {
        const result = await compile(`package t
team a { owns -> s1, s2, s3, s4, s5 }
scope s1 scope s2 scope s3 scope s4 scope s5
`);
        expect(codes(result)).not.toContain('too-many-scopes');
        expect(errors(result)).toEqual([]);
    });
});

describe('over-allocated', () => {
    it('fires on a person allocated over 100% across teams', async () => {
        const result = await compile(`package t
team a
team b
person p { member-of -> a { allocation: 60 }, b { allocation: 50 } }
`);
        const d = only(result, 'over-allocated');
        expect(brief(d)).toBe('over-allocated@main.pom:4:8');
        expect(d.severity).toBe('warning');
        expect(d.message).toBe(`'t.p' is allocated 110% across 2 teams, over 100%.`);
    });

    it('does not fire at exactly 100%', async () => {
        const result = await compile(`package t
team a
team b
person q { member-of -> a { allocation: 50 }, b { allocation: 50 } }
`);
        expect(codes(result)).not.toContain('over-allocated');
        expect(errors(result)).toEqual([]);
    });
});

describe('owner-outside-scope', () => {
    it('fires (info) on a bet owned by a team that has nothing to do with its scope', async () => {
        const result = await compile(`package t
scope s
team o { owns -> s }
team x
bet b { owner -> x in-scope -> s }
`);
        const d = only(result, 'owner-outside-scope');
        expect(brief(d)).toBe('owner-outside-scope@main.pom:5:5');
        expect(d.severity).toBe('info');
        expect(d.message).toBe(`Bet 't.b' is owned by 't.x' but its scope 't.s' belongs to t.o, with no interaction or dependency declared between them.`);
    });

    it('does not fire for the scope owner, a steward, or a team that interacts in either direction', async () => {
        const result = await compile(`package t
scope s
team o { owns -> s interacts -> y { mode: facilitating } }
team x { interacts -> o { mode: facilitating } }
team y
team w { stewards -> s }
bet b { owner -> x in-scope -> s }
bet c { owner -> o in-scope -> s }
bet d { owner -> y in-scope -> s }
bet e { owner -> w in-scope -> s }
`);
        expect(codes(result)).not.toContain('owner-outside-scope');
        expect(errors(result)).toEqual([]);
    });
});

describe('blocked-by-overloaded-team', () => {
    const busy = `package t
team busy { wip-limit: 0 }
bet b1 { status: active kind: ongoing owner -> busy }
`;

    it('fires on a blocking dependency on an overloaded team, or on its bet', async () => {
        const result = await compile(
            busy +
                `team t2 { depends-on -> busy }
bet other { depends-on -> b1 }
`,
        );
        expect(at(result, 'blocked-by-overloaded-team')).toEqual(['blocked-by-overloaded-team@main.pom:4:25', 'blocked-by-overloaded-team@main.pom:5:27']);
        const [team, bet] = withCode(result, 'blocked-by-overloaded-team');
        expect(team.severity).toBe('warning');
        expect(team.message).toBe(`'t.t2' is blocked by 't.busy', and t.busy is over its WIP limit: delivery risk.`);
        expect(bet.message).toContain(`'t.other' is blocked by 't.b1', and t.busy is over its WIP limit`);
    });

    it('does not fire on a non-blocking dependency, or on a team within its limit', async () => {
        const result = await compile(
            busy +
                `work w { depends-on -> b1 { kind: ok } }
team calm
team t3 { depends-on -> calm }
`,
        );
        expect(codes(result)).not.toContain('blocked-by-overloaded-team');
        expect(errors(result)).toEqual([]);
    });
});

describe('unfunded', () => {
    it('fires on a team and an active bet no funding unit reaches', async () => {
        const result = await compile(`package t
funding f { funds -> a }
team a
team c
bet y { status: active kind: ongoing }
`);
        expect(at(result, 'unfunded')).toEqual(['unfunded@main.pom:4:6', 'unfunded@main.pom:5:5']);
        const [team, bet] = withCode(result, 'unfunded');
        expect(team.severity).toBe('warning');
        expect(team.message).toBe(
            `Team 't.c' is not reached by any funding unit, directly, through a group it is nested in or a member of, or through a scope it owns.`,
        );
        expect(bet.message).toContain(`Active bet 't.y' is not reached by any funding unit, directly or through its team or scope.`);
    });

    it('does not fire on a team nested in a funded group, nor on the bets it owns', async () => {
        const result = await compile(`package t
funding f { funds -> g }
group g {
  team inner
}
bet x { status: active kind: ongoing owner -> g.inner }
`);
        expect(at(result, 'unfunded')).toEqual([]);
        expect(object(result, 't.g.inner').facts).toMatchObject({ funded: true, 'funded-by': ['t.f'] });
    });

    it('does not fire when funding reaches through a group, an owned scope, a team or directly', async () => {
        const result = await compile(`package t
funding f { funds -> a, g }
funding f2 { funds -> s }
team a
group g
team b { member-of -> g }
team c { owns -> s }
scope s
bet x { status: active kind: ongoing owner -> a }
bet y { status: active kind: ongoing in-scope -> s }
bet z { status: active kind: ongoing funded-by -> f }
`);
        expect(codes(result)).not.toContain('unfunded');
        expect(errors(result)).toEqual([]);
    });

    it('a bet nested in a bet funded only through its owner: the same answer whichever of the two ids sorts first', async () => {
        const nested = (outer: string, inner: string) =>
            compile(`package t
funding f { funds -> a }
team a
team u
bet ${outer} { status: active kind: ongoing owner -> a }
bet ${inner} { status: active kind: ongoing owner -> u nested-in -> ${outer} }
`);
        // The outer bet's owner funds the outer bet, not the bets nested in it (their own owner and scope do).
        for (const [outer, inner] of [
            ['outer', 'inner'],
            ['first', 'second'],
        ]) {
            const result = await nested(outer, inner);
            expect(object(result, `t.${outer}`).facts, outer).toMatchObject({ funded: true });
            expect(object(result, `t.${inner}`).facts?.funded, inner).toBeUndefined();
            expect(
                withCode(result, 'unfunded')
                    .map(d => d.object)
                    .sort(),
            ).toEqual([`t.${inner}`, 't.u']);
        }
    });

    it('does not fire in a model without any funding unit', async () => {
        const result = await compile(`package t
team c
bet y { status: active kind: ongoing }
`);
        expect(codes(result)).not.toContain('unfunded');
    });
});

describe('funding-over-allocated', () => {
    it('fires on a funding unit giving out more than 100% in shares', async () => {
        const result = await compile(`package t
funding f { funds -> a { share: 70 }, b { share: 40 } }
team a
team b
`);
        const d = only(result, 'funding-over-allocated');
        expect(brief(d)).toBe('funding-over-allocated@main.pom:2:9');
        expect(d.severity).toBe('warning');
        expect(d.message).toBe(`Funding unit 't.f' gives out 110% in shares, over 100%.`);
    });

    it('does not fire at 100%', async () => {
        const result = await compile(`package t
funding f { funds -> a { share: 60 }, b { share: 40 } }
team a
team b
`);
        expect(codes(result)).not.toContain('funding-over-allocated');
        expect(errors(result)).toEqual([]);
    });
});
