import { describe, expect, it } from 'vitest';
import { runGraphChecks, graphChecks } from '../language/src/graph/checks/index.js';
import { compile, errors, object, codes } from './helpers.js';

describe('error tolerance', () => {
    it('a check that throws becomes one internal-error diagnostic, and the other checks still run', async () => {
        const result = await compile(`package t
bet b "B" { status: active }
`);
        const diagnostics = runGraphChecks(result.graph, {
            exploding: () => { throw new Error('boom'); },
            ...graphChecks,
        });
        const internal = diagnostics.filter(d => d.code === 'internal-error');
        expect(internal).toHaveLength(1);
        expect(internal[0].message).toContain("The 'exploding' check failed (boom)");
        expect(diagnostics.map(d => d.code)).toContain('bet-without-target');
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
