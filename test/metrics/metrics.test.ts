import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../language/src/graph/json.js';
import { brief, errors, object, withCode } from '../helpers.js';
import { compileWithData, dataDiagnostics } from './util.js';

const model = (health: string, extra = '') => `package acme

metric completion "Checkout completion rate" {
  unit: "%"
  source: "amplitude"
  data: "data/completion.csv"
}

input checkout "Checkout completion" {
  baseline: 70
  target: 80
  start: 2026-10-01
  end: 2026-12-31
  health: ${health}
  measured-by -> completion
  ${extra}
}
`;

const falling = 'date,value\n2026-10-01,70\n2026-10-08,71.5\n2026-10-15,72\n2026-10-22,72\n2026-10-29,72\n2026-11-05,72\n2026-11-12,72\n';

describe('metrics in the graph', () => {
    it('puts the series on the metric and the derived reading on the measured input', async () => {
        const result = await compileWithData({ 'strategy/metrics.pom': model('at-risk'), 'strategy/data/completion.csv': falling });
        expect(errors(result)).toEqual([]);
        expect(object(result, 'acme.completion').series).toHaveLength(7);
        expect(object(result, 'acme.checkout').metrics).toEqual([
            {
                metric: 'acme.completion',
                unit: '%',
                current: { date: '2026-11-12', value: 72 },
                trend: 'flat',
                direction: 'increase',
                baseline: 70,
                target: 80,
                start: '2026-10-01',
                end: '2026-12-31',
                expected: expect.any(Number),
                status: 'off-track',
                since: '2026-11-05',
            },
        ]);
        expect(withCode(result, 'health-contradicted')).toEqual([]);
    });

    it('warns when the declared health says the opposite of the data, and since when', async () => {
        const result = await compileWithData({ 'strategy/metrics.pom': model('on-track'), 'strategy/data/completion.csv': falling });
        const [warning] = withCode(result, 'health-contradicted');
        expect(brief(warning)).toBe('health-contradicted@strategy/metrics.pom:9:7');
        expect(warning.severity).toBe('warning');
        expect(warning.message).toContain("'acme.checkout' is marked on-track, but the data of 'acme.completion' says off-track since 2026-11-05");
        expect(result.graph.diagnostics).toContainEqual(warning);
    });

    it('takes the window from the cycle when the input has no dates, and the target from the metric when the input has none', async () => {
        const result = await compileWithData({
            'm.pom': `package acme
cycle q4 { start: 2026-10-01, end: 2026-12-31 }
metric rate { data: "rate.json", target: 80, direction: increase }
driver conversion { measured-by -> rate  in-cycle -> q4 }`,
            'rate.json': JSON.stringify([
                { date: '2026-10-01', value: 70 },
                { date: '2026-12-01', value: 79 },
            ]),
        });
        expect(errors(result)).toEqual([]);
        expect(object(result, 'acme.conversion').metrics![0]).toMatchObject({
            start: '2026-10-01',
            end: '2026-12-31',
            target: 80,
            baseline: 70,
            status: 'on-track',
        });
    });

    it('--as-of ignores later observations', async () => {
        const result = await compileWithData({ 'strategy/metrics.pom': model('on-track'), 'strategy/data/completion.csv': falling }, '2026-10-15');
        expect(object(result, 'acme.completion').series!.map(p => p.date)).toEqual(['2026-10-01', '2026-10-08', '2026-10-15']);
        expect(object(result, 'acme.checkout').metrics![0]).toMatchObject({ current: { date: '2026-10-15', value: 72 }, status: 'on-track' });
        expect(withCode(result, 'health-contradicted')).toEqual([]);
    });

    it('reports a missing data file at the metric, with the path it looked for', async () => {
        const result = await compileWithData({ 'strategy/metrics.pom': model('on-track') });
        expect(dataDiagnostics(result).map(d => `${brief(d)} ${d.severity}`)).toEqual(['metric-data-missing@strategy/metrics.pom:3:8 error']);
        expect(dataDiagnostics(result)[0].message).toContain('reads strategy/data/completion.csv, which does not exist');
        expect(object(result, 'acme.checkout').metrics).toBeUndefined();
    });

    it('reports data errors at the row of the data file, naming the metric and where it is declared', async () => {
        const result = await compileWithData({
            'strategy/metrics.pom': model('on-track'),
            'strategy/data/completion.csv': 'date,value\n2026-10-01,70\n2026-10-32,71\n2026-10-15,7l\n',
        });
        expect(dataDiagnostics(result).map(brief)).toEqual([
            'metric-bad-date@strategy/data/completion.csv:3:1',
            'metric-bad-number@strategy/data/completion.csv:4:12',
        ]);
        for (const d of dataDiagnostics(result)) {
            expect(d.severity).toBe('error');
            expect(d.message).toContain("(data of metric 'acme.completion', strategy/metrics.pom:3:8)");
        }
        // A file with errors gives no series, so no reading and no contradiction built on part of the data.
        expect(object(result, 'acme.completion').series).toBeUndefined();
        expect(object(result, 'acme.checkout').metrics).toBeUndefined();
    });

    it('reports a missing column, an empty file, and paths outside the workspace or of another format', async () => {
        const pom = (data: string, column = '') => `package acme\nmetric m { data: "${data}" ${column} }\n`;
        const missing = await compileWithData({ 'a.pom': pom('m.csv'), 'm.csv': 'date,count\n2026-10-01,1\n' });
        expect(dataDiagnostics(missing).map(brief)).toEqual(['metric-missing-column@m.csv:1:1']);
        const fixed = await compileWithData({ 'a.pom': pom('m.csv', 'column: "count"'), 'm.csv': 'date,count\n2026-10-01,1\n' });
        expect(dataDiagnostics(fixed)).toEqual([]);
        const empty = await compileWithData({ 'a.pom': pom('m.json'), 'm.json': '' });
        expect(dataDiagnostics(empty).map(brief)).toEqual(['metric-data-empty@m.json:1:1']);
        const outside = await compileWithData({ 'a.pom': pom('../m.csv') });
        expect(dataDiagnostics(outside).map(d => [d.code, d.message])).toEqual([
            ['metric-data-missing', expect.stringContaining('points outside the workspace')],
        ]);
        const xlsx = await compileWithData({ 'a.pom': pom('m.xlsx') });
        expect(dataDiagnostics(xlsx)[0].message).toContain('neither a .csv nor a .json file');
    });

    it('reports at most five problems per file, then counts the rest', async () => {
        const rows = Array.from({ length: 8 }, (_, i) => `2026-10-0${i + 1},x`).join('\n');
        const result = await compileWithData({ 'a.pom': 'package acme\nmetric m { data: "m.csv" }\n', 'm.csv': `date,value\n${rows}\n` });
        expect(dataDiagnostics(result)).toHaveLength(6);
        expect(dataDiagnostics(result)[5].message).toMatch(/^3 more problems in this file, the first here: 'x' is not a number/);
    });

    it('gives byte-identical graphs for the same data', async () => {
        const files = { 'strategy/metrics.pom': model('on-track'), 'strategy/data/completion.csv': falling };
        expect(canonicalJson((await compileWithData(files)).graph)).toBe(canonicalJson((await compileWithData(files)).graph));
    });
});
