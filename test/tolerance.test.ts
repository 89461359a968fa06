import { describe, expect, it } from 'vitest';
import { runGraphChecks, graphChecks } from '../language/src/graph/checks/index.js';
import { compile, errors, object, codes } from './helpers.js';

describe('error tolerance', () => {
    it('a check that throws becomes one internal-error diagnostic, and the other checks still run', async () => {
        const result = await compile(`package t
bet b "B" { status: active }
`);
        const diagnostics = runGraphChecks(result.graph, {
            exploding: () => {
                throw new Error('boom');
            },
            ...graphChecks,
        });
        const internal = diagnostics.filter(d => d.code === 'internal-error');
        expect(internal).toHaveLength(1);
        expect(internal[0].message).toContain("The 'exploding' check failed (boom)");
        expect(diagnostics.map(d => d.code)).toContain('bet-without-target');
    });

    it('a misspelt name in a view, a query or a rule is one error, with no knock-on', async () => {
        const result = await compile(`package t
team t "T" { topology: platform }
bet b "B" { status: active  owner -> t }
bet c "C" { status: proposed  owner -> t  allow t.r2 because "being rewritten" }
view v { include bett where status = active }
query q { include bet  columns: statuss }
rule r1 "R1" { for bett  require has owner }
rule r2 "R2" { for bet  require has ownerr }
rule r3 "R3" { for bet  require count(targetss) >= 1 }
`);
        const at = (d: { location: { line: number }; code: string }) => `${d.location.line}:${d.code}`;
        // The misspelt type does not make 'status' an opportunity's status, nor 'owner' a field of every type; the
        // rules with a broken name do not report every bet; the exception for r2 is not called unused meanwhile.
        expect(result.diagnostics.filter(d => d.severity === 'error').map(at)).toEqual([
            '5:unknown-type',
            '6:unknown-field',
            '7:unknown-type',
            '8:unknown-field',
            '9:unknown-link',
        ]);
        expect(result.diagnostics.map(d => d.code)).not.toContain('unused-suppression');
        expect(result.diagnostics.map(d => d.code).filter(code => code.startsWith('t.r'))).toEqual([]);
    });

    it('a broken object is left out and the rest of the model still builds and links', async () => {
        const result = await compile({
            'a.pom': `package t
tema broken "Typo in the type" { owns -> s }
team ok "OK" { owns -> s }
scope s "S" {}
bet b "B" { status: active  owner -> ok  targets -> i { expected: "+1" } }
`,
            'b.pom': `package t
input i "I" { drives -> d }
driver d "D" {}
`,
        });
        expect(codes(result, 'error')).toEqual(['unknown-type']);
        expect(result.graph.objects.map(o => o.id)).toEqual(['t.b', 't.d', 't.i', 't.ok', 't.s']);
        expect(object(result, 't.b').links.map(l => l.target)).toEqual(['t.ok', 't.i']);
    });

    it('half-typed input never crashes the compiler and reports every syntax error, not only the first', async () => {
        const result = await compile(`package t
team a "A" { topology: }
team b "B" { owns -> }
scope c "C" { kind: capability
team d "D" {}
`);
        const syntax = result.diagnostics.filter(d => d.code === 'syntax-error');
        expect(syntax.length).toBeGreaterThanOrEqual(2);
        expect(new Set(syntax.map(d => d.location.line)).size).toBeGreaterThanOrEqual(2);
        expect(errors(result).every(line => line.startsWith('syntax-error') || line.startsWith('unknown'))).toBe(true);
    });
});

describe('no cascades and no double reports', () => {
    it('a syntax error hides the guesses the parser made to recover from it', async () => {
        const result = await compile(`package t
team a "A" {
  size 3
}
link l from bet to { }
`);
        expect(result.diagnostics.map(d => `${d.code}@${d.location.line}`)).toEqual(['syntax-error@3', 'syntax-error@5']);
        expect(result.diagnostics[0].message).toBe(
            `Unexpected '3' after 'size': expected ':', '->' or a name. ` +
                `In a body, write fields as name: value, links as kind -> target, and nested objects as type name "Title" { … }.`,
        );
    });

    it('a number with a unit gets one error that says how to write it', async () => {
        const result = await compile('package t\nteam b "B" { size: 3px }\n');
        expect(result.diagnostics.map(d => d.code)).toEqual(['syntax-error']);
        expect(result.diagnostics[0].message).toContain(`'3px' is not a value pom knows: numbers have no unit`);
    });

    it('a value of the wrong type stays out of the graph, so domain checks do not act on it', async () => {
        const result = await compile('package t\nteam a "A" { topology: "platform" }\n');
        expect(result.diagnostics.map(d => d.code)).toEqual(['wrong-value-type']);
        expect(object(result, 't.a').fields).toEqual({});
    });

    it('a field written as a link says so', async () => {
        const result = await compile('package t\nteam a "A" { focus -> b }\nteam b "B" {}\n');
        expect(result.diagnostics.find(d => d.code === 'unknown-link')?.message).toBe(`'focus' is a field of team, not a link: write 'focus: …'.`);
    });

    it('a type cycle is reported once, without link errors on its objects', async () => {
        const result = await compile('package t\ntype a extends b {}\ntype b extends a {}\nb y "Y" {}\nteam tm "T" { owner-of -> y }\n');
        expect(codes(result, 'error').sort()).toEqual(['type-cycle', 'type-cycle']);
    });

    it('a self-link of an acyclic kind is a cycle, not also a self-link', async () => {
        const result = await compile('package t\nbet f "F" { depends-on -> f }\n');
        expect(codes(result).filter(c => c === 'cycle' || c === 'self-link')).toEqual(['cycle']);
    });
});
