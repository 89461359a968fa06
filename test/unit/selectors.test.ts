// The selector engine and the query language on a tiny model: a selector is written in a view (so it is
// resolved and checked as in a .pom file) and the view's objects are the answer.
import { describe, expect, it } from 'vitest';
import { answerFromGraph, type LineageAnswer, type QueryAnswer } from '../../language/src/query.js';
import { check, found } from './harness.js';

const model = `package demo

north-star gpv "Payment volume" { horizon: decades }
driver volume "Volume" { drives -> gpv  horizon: years }
driver trust "Trust" { drives -> gpv  horizon: years }
input conversion "Conversion" { drives -> volume  horizon: quarters  health: at-risk }
team checkout "Checkout" { topology: stream-aligned  wip-limit: 2 }
team platform "Platform" { topology: platform }
insight churn "Churn research" { informs -> abandonment }
opportunity abandonment "Shoppers abandon checkout" {
    option one-click "One click" { status: chosen }
    option redesign "Redesign" { status: rejected  rationale: "Too slow" }
}
bet fast "Fast checkout" {
    status: active  health: at-risk  horizon: quarters  start: 2026-07-01  person-weeks: 12
    owner -> checkout
    chosen-from -> abandonment.one-click
    targets -> conversion { expected: "+1pp" }
    depends-on -> infra
    work tap "One tap" { status: in-progress }
}
bet infra "Infra upgrade" { status: active  health: on-track  horizon: months  start: 2026-09-01  person-weeks: 5  owner -> platform }
bet old "Old bet" { status: killed  horizon: months  start: 2025-01-01  owner -> checkout }
`;

/** The short names of what `selector` selects in the model, after checking that it compiles cleanly. */
async function select(selector: string): Promise<string[]> {
    const snippet = await check({ 'model.pom': model, 'probe.pom': `package demo\nview probe { include ${selector} }\n` });
    expect(found(snippet, 'error'), selector).toEqual([]);
    return snippet.graph.views.find(view => view.id === 'demo.probe')!.objects.map(id => id.replace(/^demo\./, ''));
}

describe('selectors', () => {
    it('select by type, subtypes included', async () => {
        expect(await select('driver')).toEqual(['trust', 'volume']);
        expect(await select('team')).toEqual(['checkout', 'platform']);
    });

    it('compare enum fields with = and !=, and ordered enums by their order', async () => {
        expect(await select('bet where status = active')).toEqual(['fast', 'infra']);
        expect(await select('bet where status != active')).toEqual(['old']);
        expect(await select('bet where horizon < quarters')).toEqual(['infra', 'old']);
    });

    it('compare dates and numbers', async () => {
        expect(await select('bet where start > 2026-06-30')).toEqual(['fast', 'infra']);
        expect(await select('bet where person-weeks >= 10')).toEqual(['fast']);
    });

    it('combine with and, or, not, in', async () => {
        expect(await select('bet where status = active and health = on-track')).toEqual(['infra']);
        expect(await select('bet where status = killed or health = at-risk')).toEqual(['fast', 'old']);
        expect(await select('bet where not (status = active)')).toEqual(['old']);
        expect(await select('intent where health in [at-risk, off-track]')).toEqual(['conversion', 'fast']);
    });

    it('test links by kind, target, inverse name and count', async () => {
        expect(await select('bet where targets -> conversion')).toEqual(['fast']);
        expect(await select('bet where depends-on -> *')).toEqual(['fast']);
        expect(await select('input where targeted-by -> fast')).toEqual(['conversion']);
        expect(await select('team where count(owner-of) >= 2')).toEqual(['checkout']);
    });

    it('follow chains: ~> along one kind, and lineage up to the north star', async () => {
        expect(await select('input where drives ~> gpv')).toEqual(['conversion']);
        expect(await select('insight ~> volume')).toEqual(['churn']);
        expect(await select('driver where not <~ (bet where status = active)')).toEqual(['trust']);
    });

    it('select containment: children and everything nested', async () => {
        expect(await select('abandonment.*')).toEqual(['abandonment.one-click', 'abandonment.redesign']);
        expect(await select('fast.**')).toEqual(['fast.tap']);
    });

    it('an unknown name in a selector is one error at the name, and the view selects nothing', async () => {
        const snippet = await check({ 'model.pom': model, 'probe.pom': 'package demo\nview probe { include bet where stauts = active }\n' });
        expect(found(snippet).filter(f => f.startsWith('unknown-') || f.startsWith('empty-view'))).toEqual(['unknown-field 2:32']);
        expect(snippet.diagnostics.find(d => d.code === 'unknown-field')?.message).toMatch(/^Type 'bet' has no field 'stauts'\. Did you mean '\w+'\?$/);
        expect(snippet.graph.views.find(view => view.id === 'demo.probe')?.objects).toEqual([]);
    });
});

describe('questions answered from the graph', () => {
    it('lineage(<bet>): the option and insight upstream, the input, driver and north star downstream, the rejected option beside', async () => {
        const { graph } = await check(model);
        const answer = answerFromGraph(graph, 'lineage(demo.fast)') as LineageAnswer;
        expect(answer.kind).toBe('lineage');
        const ids = (objects: Array<{ id: string }>) => objects.map(o => o.id.replace(/^demo\./, '')).sort();
        expect(ids(answer.upstream)).toEqual(expect.arrayContaining(['abandonment', 'abandonment.one-click', 'churn']));
        expect(ids(answer.downstream)).toEqual(expect.arrayContaining(['conversion', 'gpv', 'volume']));
        expect(ids(answer.alternatives)).toEqual(['abandonment.redesign']);
    });

    it('lineage(<work item>) leads through its bet to the north star', async () => {
        const { graph } = await check(model);
        const answer = answerFromGraph(graph, 'lineage(demo.fast.tap)') as LineageAnswer;
        expect(answer.downstream.map(o => o.id)).toEqual(expect.arrayContaining(['demo.fast', 'demo.conversion', 'demo.gpv']));
    });

    it('a declared query by name, grouped by a field and totalled', async () => {
        const { graph } = await check(`${model}
query active-bets "Active bets by health" {
  include bet where status = active
  group-by: health
  sum: person-weeks
}
`);
        const answer = answerFromGraph(graph, 'active-bets') as QueryAnswer;
        expect(answer.objects.map(o => o.id)).toEqual(['demo.fast', 'demo.infra']);
        expect(answer.grouped?.groups.map(g => [g.key, g.ids, g.sums])).toEqual([
            ['at-risk', ['demo.fast'], { 'person-weeks': 12 }],
            ['on-track', ['demo.infra'], { 'person-weeks': 5 }],
        ]);
        expect(answer.grouped?.total).toEqual({ count: 2, sums: { 'person-weeks': 17 } });
    });

    it("the std query unowned-bets finds bets without an owner of their own or their container's", async () => {
        const { graph } = await check(`${model}bet stray "Stray" { status: proposed }\n`);
        const answer = answerFromGraph(graph, 'unowned-bets') as QueryAnswer;
        expect(answer.objects.map(o => o.id)).toEqual(['demo.stray']);
    });
});
