import { describe, expect, it } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { errors, object } from '../helpers.js';

describe('metrics of the example organisation', () => {
    it('reads its data files and warns about the one input whose declared health the data contradicts', async () => {
        const result = await compileWorkspace('examples/acme');
        expect(errors(result)).toEqual([]);
        const contradicted = result.diagnostics.filter(d => d.code === 'health-contradicted');
        expect(contradicted.map(d => d.object)).toEqual(['acme.strategy.activation-speed']);
        expect(contradicted[0].message).toContain("is marked on-track, but the data of 'acme.strategy.days-to-first-payment' says off-track since 2026-10-19");
        expect(result.diagnostics.filter(d => d.severity === 'warning')).toHaveLength(3);
        expect(object(result, 'acme.strategy.checkout-completion').metrics).toMatchObject([
            { status: 'on-track', current: { date: '2026-11-16', value: 73.1 } },
        ]);
        expect(object(result, 'acme.strategy.card-authorisation').metrics).toMatchObject([{ status: 'at-risk', trend: 'up' }]);
        expect(object(result, 'acme.strategy.monthly-gpv').series).toHaveLength(6);
    });

    it('--as-of an earlier date reads the data as it stood then', async () => {
        const result = await compileWorkspace('examples/acme', { asOf: '2026-10-12' });
        expect(object(result, 'acme.strategy.activation-speed').metrics).toMatchObject([{ current: { date: '2026-10-12', value: 8.8 }, status: 'at-risk' }]);
        expect(result.diagnostics.filter(d => d.code === 'health-contradicted')).toEqual([]);
    });
});

describe('docs/metrics.md', () => {
    it('its example compiles, with the CSV it shows, into an on-track reading', async () => {
        const { readFileSync } = await import('node:fs');
        const markdown = readFileSync('docs/metrics.md', 'utf8');
        const pomBlock = /```pom\n([\s\S]*?)```/.exec(markdown)![1];
        const csv = /```\n(date,completion_rate[\s\S]*?)```/.exec(markdown)![1];
        const { compileWithData } = await import('./util.js');
        const result = await compileWithData({ 'example.pom': pomBlock, 'data/checkout-completion.csv': csv });
        expect(errors(result)).toEqual([]);
        expect(object(result, 'acme.checkout-completion').metrics).toMatchObject([{ current: { value: 71.7 }, status: 'on-track', start: '2026-10-01' }]);
    });
});
