import { describe, expect, it } from 'vitest';
import { compile, errors, withCode } from '../helpers.js';

/** A small strategy chain every selector test reads from. */
const chain = `package demo

north-star gpv "Payment volume" { horizon: decades }
driver volume "Volume" { drives -> gpv  horizon: years }
driver trust "Trust" { drives -> gpv  horizon: years }
input conversion "Conversion" { drives -> volume  horizon: quarters  health: at-risk }
input retention "Retention" { drives -> volume  horizon: years  health: on-track }
team checkout "Checkout" { topology: stream-aligned  wip-limit: 2 }
team platform "Platform" { topology: platform }
insight churn "Churn research" { informs -> abandonment }
insight noise "Unrelated"
opportunity abandonment "Shoppers abandon checkout" {
    option one-click "One click" { status: chosen }
    option redesign "Redesign" { status: rejected  rationale: "Too slow" }
}
bet fast "Fast checkout" {
    status: active  health: at-risk  horizon: quarters  start: 2026-07-01
    owner -> checkout
    chosen-from -> abandonment.one-click
    targets -> conversion { expected: "+1pp" }
    depends-on -> infra
}
bet infra "Infra upgrade" { status: active  health: on-track  horizon: months  start: 2026-09-01  owner -> platform  targets -> retention { expected: "+1" } }
bet old "Old bet" { status: killed  horizon: months  start: 2025-01-01  owner -> checkout }
`;

/** The objects a view selects, by simple name. */
async function select(selector: string, extra = ''): Promise<string[]> {
    const result = await compile({ 'chain.pom': chain, 'view.pom': `package demo\n${extra}\nview probe { include ${selector} }\n` });
    expect(errors(result)).toEqual([]);
    const view = result.graph.views.find(v => v.id === 'demo.probe')!;
    return view.objects.map(id => id.replace(/^demo\./, ''));
}

describe('selectors', () => {
    it('select by type, with subtypes', async () => {
        expect(await select('driver')).toEqual(['trust', 'volume']);
        // north-star, driver, input, opportunity and bet all extend intent
        expect(await select('intent')).toEqual(['abandonment', 'conversion', 'fast', 'gpv', 'infra', 'old', 'retention', 'trust', 'volume']);
    });

    it('= and != on enum fields', async () => {
        expect(await select('bet where status = active')).toEqual(['fast', 'infra']);
        expect(await select('bet where status != active')).toEqual(['old']);
    });

    it('< and > on an ordered enum follow its order, not the alphabet', async () => {
        expect(await select('intent where horizon < quarters')).toEqual(['infra', 'old']);
        expect(await select('intent where horizon >= years')).toEqual(['gpv', 'retention', 'trust', 'volume']);
    });

    it('< and > on dates', async () => {
        expect(await select('bet where start > 2026-06-30')).toEqual(['fast', 'infra']);
        expect(await select('bet where start <= 2025-12-31')).toEqual(['old']);
    });

    it('< and > on numbers', async () => {
        expect(await select('team where wip-limit > 1')).toEqual(['checkout']);
        expect(await select('team where wip-limit > 2')).toEqual([]);
    });

    it('in [ … ]', async () => {
        expect(await select('intent where health in [at-risk, off-track]')).toEqual(['conversion', 'fast']);
    });

    it('a where after a list of types applies to each of them', async () => {
        expect(await select('bet, input where health = at-risk')).toEqual(['conversion', 'fast']);
        // unless the earlier selectors have conditions of their own
        expect(await select('bet where status = killed, input where health = at-risk')).toEqual(['conversion', 'old']);
    });

    it('and, or, not and parentheses', async () => {
        expect(await select('bet where status = active and health = on-track')).toEqual(['infra']);
        expect(await select('bet where status = killed or health = at-risk')).toEqual(['fast', 'old']);
        expect(await select('bet where not (status = active)')).toEqual(['old']);
        expect(await select('bet where not status = active or health = on-track')).toEqual(['infra', 'old']);
    });

    it('has: set, defaulted or inherited values', async () => {
        expect(await select('option where has rationale')).toEqual(['abandonment.redesign']);
    });

    it('links by kind, to a type, an object or anything', async () => {
        expect(await select('bet where targets -> conversion')).toEqual(['fast']);
        expect(await select('bet where targets -> input')).toEqual(['fast', 'infra']);
        expect(await select('bet where depends-on -> *')).toEqual(['fast']);
        expect(await select('bet where not targets -> *')).toEqual(['old']);
    });

    it('links read by their inverse name', async () => {
        expect(await select('input where targeted-by -> fast')).toEqual(['conversion']);
        expect(await select('team where owner-of -> (bet where status = active)')).toEqual(['checkout', 'platform']);
    });

    it('a chain of one link kind with ~>', async () => {
        expect(await select('input where drives ~> gpv')).toEqual(['conversion', 'retention']);
        expect(await select('input where drives -> gpv')).toEqual([]);
    });

    it('count(kind) compares the number of links', async () => {
        expect(await select('team where count(owner-of) >= 2')).toEqual(['checkout']);
        expect(await select('team where count(owner-of -> (bet where status = active)) = 1')).toEqual(['checkout', 'platform']);
        expect(await select('driver where count(driven-by) = 0')).toEqual(['trust']);
    });

    it('~> follows lineage from insight to north star, through nesting and upstream links', async () => {
        expect(await select('insight ~> volume')).toEqual(['churn']);
        expect(await select('* where ~> gpv')).toEqual([
            'abandonment',
            'abandonment.one-click',
            'churn',
            'conversion',
            'fast',
            'infra',
            'retention',
            'trust',
            'volume',
        ]);
    });

    it('<~ selects what a chain of lineage reaches from the target', async () => {
        expect(await select('driver where <~ (bet where status = active)')).toEqual(['volume']);
        expect(await select('driver where not <~ (bet where status = active)')).toEqual(['trust']);
    });

    it('linked to X within a depth, optionally via some link kinds', async () => {
        expect(await select('* linked to conversion')).toEqual(['conversion', 'fast', 'volume']);
        // fast is chosen from one-click, owned by checkout and depends on infra; volume drives gpv and is driven by retention
        expect(await select('* linked to conversion depth 2')).toEqual([
            'abandonment.one-click',
            'checkout',
            'conversion',
            'fast',
            'gpv',
            'infra',
            'retention',
            'volume',
        ]);
        // either direction: volume (1), gpv and retention (2), trust (3)
        expect(await select('* linked to conversion via drives depth 3')).toEqual(['conversion', 'gpv', 'retention', 'trust', 'volume']);
        expect(await select('* linked to conversion via drives depth 1')).toEqual(['conversion', 'volume']);
        expect(await select('bet linked to checkout via [owner]')).toEqual(['fast', 'old']);
    });

    it('containment: an object, its children (.*) and everything nested (.**)', async () => {
        const nested = 'scope platform-scope "Platform" { scope data "Data" { scope warehouse "Warehouse" } scope identity "Identity" }';
        expect(await select('platform-scope', nested)).toEqual(['platform-scope']);
        expect(await select('platform-scope.*', nested)).toEqual(['platform-scope.data', 'platform-scope.identity']);
        expect(await select('platform-scope.**', nested)).toEqual(['platform-scope.data', 'platform-scope.data.warehouse', 'platform-scope.identity']);
    });

    it('several selectors in one clause add up; exclude removes', async () => {
        const result = await compile({
            'chain.pom': chain,
            'view.pom': 'package demo\nview v { include driver, north-star\n include bet\n exclude bet where status = killed\n exclude trust }',
        });
        expect(result.graph.views[0].objects).toEqual(['demo.fast', 'demo.gpv', 'demo.infra', 'demo.volume']);
    });
});

describe('views', () => {
    it('take audience and layout, and a variant extends its base', async () => {
        const result = await compile({
            'chain.pom': chain,
            'views.pom': `package demo
view strategy-map "Strategy map" {
  audience: exec
  include north-star, driver, input
  include bet where status = active
  exclude bet where health = on-track
  layout: top-to-bottom
}
view strategy-map-eng "Strategy map for engineers" extends strategy-map {
  audience: engineering
  include team
  links: targets, owner
}
`,
        });
        expect(errors(result)).toEqual([]);
        const [base, eng] = result.graph.views;
        expect(base).toMatchObject({ id: 'demo.strategy-map', audience: 'exec', direction: 'down', title: 'Strategy map' });
        expect(base.objects).toEqual(['demo.conversion', 'demo.fast', 'demo.gpv', 'demo.retention', 'demo.trust', 'demo.volume']);
        expect(eng).toMatchObject({ extends: 'demo.strategy-map', audience: 'engineering', direction: 'down', linkKinds: ['std.owner', 'std.targets'] });
        expect(eng.objects).toEqual([...base.objects, 'demo.checkout', 'demo.platform'].sort());
    });

    it('report unknown types, fields, enum members and objects like any other reference', async () => {
        const result = await compile({
            'chain.pom': chain,
            'views.pom': `package demo
view v {
  include bett
  include bet where stauts = active
  include bet where status = actve
  include * linked to nowhere
  include bet where health < at-risk
}
`,
        });
        const found = result.diagnostics.filter(d => d.location.file === 'views.pom').map(d => `${d.code}@${d.location.line}`);
        expect(found).toEqual(['unknown-type@3', 'unknown-field@4', 'unknown-enum-member@5', 'unknown-object@6', 'invalid-selector@7']);
        expect(withCode(result, 'unknown-enum-member')[0].message).toContain("Did you mean 'active'?");
    });

    it('a near miss of a link kind in a condition is pointed at the link kind, written as a link', async () => {
        const result = await compile({ 'chain.pom': chain, 'v.pom': 'package demo\nview v { include bet where has ownerr }\n' });
        expect(withCode(result, 'unknown-field').map(d => d.message)).toEqual([
            "Type 'bet' has no field 'ownerr'. Did you mean the link kind 'owner'? Write 'owner -> <target>'.",
        ]);
    });

    it('report a view that extends itself, containment on a type, a bad depth and a view that selects nothing', async () => {
        const result = await compile({
            'chain.pom': chain,
            'views.pom': `package demo
view a extends b { include bet }
view b extends a { include bet }
view c { include bet.* }
view d { include * linked to fast depth 0 }
view e { include bet where status = paused }
`,
        });
        const found = result.diagnostics.filter(d => d.location.file === 'views.pom').map(d => `${d.code}@${d.location.line}`);
        expect(found).toEqual(['view-cycle@2', 'view-cycle@3', 'invalid-selector@4', 'invalid-selector@5', 'empty-view@6']);
    });

    it('select on the derived facts, as a query does, without a false empty-view warning', async () => {
        const busy =
            'bet rush "Rush" { status: active  horizon: months  owner -> checkout }\nbet more "More" { status: active  horizon: months  owner -> checkout }';
        const views = 'view busy { include team where overloaded = true }\nview risky { include bet where has delivery-risks }';
        const result = await compile({
            'chain.pom': chain,
            'more.pom': `package demo\n${busy}\n`,
            'views.pom': `package demo\n${views}\nquery risky-bets { include bet where has delivery-risks }\n`,
        });
        expect(errors(result)).toEqual([]);
        expect(withCode(result, 'empty-view')).toEqual([]);
        const objects = (id: string) => result.graph.views.find(v => v.id === id)?.objects;
        expect(objects('demo.busy')).toEqual(['demo.checkout']);
        // fast is at risk and blocked by infra; rush and more have an overloaded owner.
        expect(objects('demo.risky')).toEqual(['demo.fast', 'demo.more', 'demo.rush']);
    });

    it('has asks whether a boolean fact holds; = false selects where it does not', async () => {
        expect(await select('bet where has blocked')).toEqual(['fast']);
        expect(await select('bet where blocked = false')).toEqual(['infra', 'old']);
        expect(await select('bet where not has blocked')).toEqual(['infra', 'old']);
    });

    it('a ritual reviews what its views select on derived facts', async () => {
        const result = await compile({
            'chain.pom': chain,
            'views.pom':
                'package demo\nview blocked-bets { include bet where blocked = true }\nritual weekly "Weekly" { cadence: weekly  views: ["blocked-bets"] }\n',
        });
        expect(errors(result)).toEqual([]);
        const reviewed = result.graph.objects.filter(o => o.facts?.['review-rituals']).map(o => o.id);
        expect(reviewed).toEqual(['demo.fast']);
    });

    it('a value of the wrong type in a comparison is an error', async () => {
        const result = await compile({ 'chain.pom': chain, 'v.pom': 'package demo\nview v { include bet where start > "soon" }' });
        expect(withCode(result, 'wrong-value-type').map(d => d.location.line)).toEqual([2]);
    });
});
