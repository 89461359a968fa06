import { describe, expect, test } from 'vitest';
import { compile } from '../helpers.js';

const VIEWS = Array.from({ length: 3 }, (_, i) => `view v${i} "View ${i}" {\n  include bet where status = active\n  layout: left-to-right\n}\n`).join('\n');

describe('a body left unclosed above declarations', () => {
    test('ends where a declaration starts a line: one error at the open brace, the declarations below intact', async () => {
        const result = await compile(`package acme\n\nbet tmp "T" {\n  status: active\n\n${VIEWS}\nrule r "R" {\n  for bet\n  require has doc\n}\n`);
        const errors = result.diagnostics.filter(d => d.severity === 'error');
        expect(errors.map(d => `${d.location.line}:${d.location.column} ${d.code} ${d.message}`)).toEqual([
            "3:13 syntax-error This '{' is never closed: 'view' on line 6 starts a new declaration. Add the missing '}' before it.",
        ]);
        expect(result.graph.views.map(v => v.id)).toEqual(['acme.v0', 'acme.v1', 'acme.v2']);
        expect(result.graph.rules.map(r => r.id)).toEqual(['acme.r']);
        expect(result.graph.objects.find(o => o.id === 'acme.tmp')?.fields).toMatchObject({ status: 'active' });
    });

    test('names that are also keywords stay names inside a body: a field `query:`, a nested `type` object', async () => {
        const result = await compile('package acme\nmetric m "M" {\n  unit: "%"\nquery: "select 1"\n}\nview v "V" {\n  include metric\n}\n');
        expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(result.graph.objects.find(o => o.id === 'acme.m')?.fields).toMatchObject({ query: 'select 1' });
    });
});
