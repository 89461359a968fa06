import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../language/src/graph/json.js';
import { compile, object, errors } from './helpers.js';
import { compileWorkspace } from '../language/src/compiler.js';
import { Std, StdLinks, StdQueries } from '../language/src/graph/std-ids.js';
import { GraphIndex } from '../language/src/graph/graph-index.js';

const schema = JSON.parse(readFileSync('language/schema/graph.schema.json', 'utf8'));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function expectValid(graph: unknown): void {
    const ok = validate(graph);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
    expect(ok).toBe(true);
}

const issueExample = {
    'acme/vocabulary.pom': `package acme
enum confidence { low medium high }
enum stage { discovery delivery }
type experiment extends bet "Experiment" {
  hypothesis: text
  sample-size?: number
  stage: stage = discovery
}
link blocks from bet to bet "blocks" {
  inverse blocked-by
  reason?: text
}
`,
    'acme/org.pom': `package acme
scope commerce "Commerce" {
  kind: capability
  scope payments "Payments" { kind: capability }
}
team checkout "Checkout" {
  topology: stream-aligned
  wip-limit: 2
  owns -> commerce.payments
}
`,
    'acme/strategy.pom': `package acme.strategy
import acme

driver volume "Payment volume per business" { horizon: years }

input conversion "Checkout conversion" {
  horizon: quarters
  in-scope -> commerce.payments
  drives -> volume { weight: high }
}

insight survey "38% abandon at the payment step" {
  source: research
  observed: 2026-09-14
  informs -> abandonment
}

opportunity abandonment "Shoppers abandon at payment" {
  horizon: quarters
  option one-click "One-click checkout" { status: chosen }
  option wallets "Digital wallets" { status: rejected  rationale: "Provider fees" }
}

experiment one-click-bet "Ship one-click checkout" {
  hypothesis: "Removing the card form lifts conversion"
  horizon: months
  status: active
  owner -> checkout
  chosen-from -> abandonment.one-click
  targets -> conversion { expected: "+1.5pp", confidence: medium }
  doc: """
    Multi-line markdown, kept as written.
      Indented lines keep their extra indentation.
    """
}
`,
};

describe('the graph of the issue example', () => {
    it('compiles with no errors and validates against the JSON Schema', async () => {
        const result = await compile(issueExample);
        expect(errors(result)).toEqual([]);
        expectValid(result.graph);
    });

    it('holds objects with ids, types and supertypes, fields, defaults, links with metadata, and backlinks', async () => {
        const result = await compile(issueExample);
        const bet = object(result, 'acme.strategy.one-click-bet');
        expect(bet.type).toBe('acme.experiment');
        expect(bet.types).toEqual(['acme.experiment', 'std.bet', 'std.intent', 'std.object']);
        expect(bet.fields).toMatchObject({ status: 'active', horizon: 'months', stage: 'discovery' });
        expect(bet.fields.doc).toBe('Multi-line markdown, kept as written.\n  Indented lines keep their extra indentation.');
        expect(bet.defaults).toEqual(['stage']);
        expect(bet.links.map(l => [l.kind, l.target])).toEqual([
            ['std.chosen-from', 'acme.strategy.abandonment.one-click'],
            ['std.owner', 'acme.checkout'],
            ['std.targets', 'acme.strategy.conversion'],
        ]);
        expect(bet.links[2].meta).toEqual({ expected: '+1.5pp', confidence: 'medium' });
        const input = object(result, 'acme.strategy.conversion');
        expect(input.backlinks).toEqual([
            expect.objectContaining({
                kind: 'std.targets',
                inverse: 'targeted-by',
                source: 'acme.strategy.one-click-bet',
                meta: { expected: '+1.5pp', confidence: 'medium' },
            }),
        ]);
        const payments = object(result, 'acme.commerce.payments');
        expect(payments.parent).toBe('acme.commerce');
        expect(object(result, 'acme.commerce').children).toEqual(['acme.commerce.payments']);
        expect(payments.location).toEqual({ file: 'acme/org.pom', line: 4, column: 9, endLine: 4, endColumn: 17 });
        expect(result.graph.types.find(t => t.id === 'acme.experiment')).toMatchObject({
            extends: 'std.bet',
            fields: [
                { name: 'hypothesis', type: 'text', list: false, required: true, inherited: false },
                { name: 'sample-size', type: 'number', list: false, required: false, inherited: false },
                { name: 'stage', type: 'acme.stage', list: false, required: false, inherited: false, default: 'discovery' },
            ],
        });
        expect(result.graph.linkKinds.find(k => k.id === 'acme.blocks')).toMatchObject({ from: ['std.bet'], to: ['std.bet'], inverse: 'blocked-by' });
    });

    it('is byte-identical however often and in whatever file order it is compiled', async () => {
        const a = canonicalJson((await compile(issueExample)).graph);
        const reversed = Object.fromEntries(Object.entries(issueExample).reverse());
        const b = canonicalJson((await compile(reversed)).graph);
        expect(b).toBe(a);
        expect(a).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no timestamps
    });
});

describe('the index of a compiled graph', () => {
    it('answers with the objects that carry the derived facts, not those of the graph they were derived from', async () => {
        const result = await compile(issueExample);
        const index = GraphIndex.of(result.graph);
        // Deriving facts copies the objects that get some; the index (shared with the graph before) must return the copies.
        const checkout = object(result, 'acme.checkout');
        expect(checkout.facts?.['active-bets']).toBeGreaterThan(0);
        expect(index.get('acme.checkout')).toBe(checkout);
        expect(index.has('acme.checkout')).toBe(true);
        expect(index.has('acme.nowhere')).toBe(false);
        for (const team of index.ofType(Std.team)) expect(result.graph.objects).toContain(team);
        expect(index.ofType(Std.bet).map(bet => bet.id)).toEqual(result.graph.objects.filter(o => o.types.includes(Std.bet)).map(o => o.id));
        expect(index.get('acme.strategy.one-click-bet')?.facts).toEqual(object(result, 'acme.strategy.one-click-bet').facts);
    });
});

describe('the example organisation', () => {
    it('compiles with no errors, and its graph validates against the schema', async () => {
        const result = await compileWorkspace('examples/acme');
        expect(errors(result)).toEqual([]);
        expect(result.graph.objects.length).toBeGreaterThan(50);
        expect(new Set(result.graph.objects.map(o => o.package)).size).toBeGreaterThan(2);
        expectValid(result.graph);
    });

    it('uses every construct of the language', async () => {
        const result = await compileWorkspace('examples/acme');
        const { graph } = result;
        const userTypes = graph.types.filter(t => !t.id.startsWith('std.'));
        expect(
            userTypes.some(t => t.extends && t.fields.some(f => f.required) && t.fields.some(f => !f.required) && t.fields.some(f => f.default !== undefined)),
        ).toBe(true);
        expect(graph.enums.some(e => !e.id.startsWith('std.'))).toBe(true);
        expect(graph.linkKinds.some(k => !k.id.startsWith('std.') && k.inverse && k.metadata.length > 0)).toBe(true);
        expect(graph.objects.some(o => o.parent)).toBe(true);
        expect(graph.objects.some(o => o.inherited.some(i => i.link))).toBe(true);
        expect(graph.objects.some(o => Object.values(o.fields).some(v => Array.isArray(v)))).toBe(true);
        expect(graph.objects.some(o => typeof o.fields.doc === 'string' && o.fields.doc.includes('\n'))).toBe(true);
        const teams = graph.objects.filter(o => o.types.includes('std.team'));
        expect(teams.length).toBeGreaterThanOrEqual(6);
        for (const type of [
            'std.scope',
            'std.driver',
            'std.input',
            'std.insight',
            'std.opportunity',
            'std.option',
            'std.bet',
            'std.impact',
            'std.ritual',
            'std.funding',
        ]) {
            expect(
                graph.objects.some(o => o.types.includes(type)),
                type,
            ).toBe(true);
        }
    });
});

describe('the standard library ids the core names', () => {
    it('every type, enum, link kind and query id in std-ids.ts is declared in std.pom', async () => {
        const graph = (await compile('package t\n')).graph;
        const declared = new Set([...graph.types, ...graph.enums, ...graph.linkKinds, ...graph.queries].map(d => d.id));
        const named = [...Object.values(Std), ...Object.values(StdLinks), ...Object.values(StdQueries)];
        expect(named.filter(id => !declared.has(id))).toEqual([]);
        expect(named.length).toBeGreaterThan(40);
    });
});
