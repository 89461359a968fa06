import { describe, expect, it } from 'vitest';
import { pom, workspace } from '../cli-run.js';

const files = {
    'strategy/metrics.pom': `package acme
metric completion { source: "amplitude"  data: "../data/completion.csv" }
input checkout {
  target: 80
  health: on-track
  measured-by -> completion
}
`,
    'data/completion.csv': 'date,value\n2026-10-01,75\n2026-10-08,74\n2026-10-15,73\n',
};

describe('pom check with metric data', () => {
    it('prints data errors at the data file row, with the metric named, and exits 1', async () => {
        const dir = workspace({ ...files, 'data/completion.csv': 'date,value\n2026-10-01,75\n2026-10-08,seventy\n' });
        const result = await pom(['check', '.'], dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(
            "data/completion.csv:3:12: error: 'seventy' is not a number: write a plain number such as 71.4 or -3 " +
                "(data of metric 'acme.completion', strategy/metrics.pom:2:8). [metric-bad-number]",
        );
        expect(result.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    });

    it('warns about a contradicted health, and --as-of reads the data as it stood on that date', async () => {
        const dir = workspace(files);
        const now = await pom(['check', '.'], dir);
        expect(now.code).toBe(0);
        expect(now.stdout).toMatch(
            /^strategy\/metrics.pom:3:7: warning: 'acme.checkout' is marked on-track, but the data of 'acme.completion' says off-track since 2026-10-08 .*\[health-contradicted\]$/m,
        );
        const then = await pom(['check', '.', '--as-of', '2026-10-01'], dir);
        expect(then.stdout).not.toContain('health-contradicted');
        const strict = await pom(['check', '.', '--strict'], dir);
        expect(strict.code).toBe(1);
    });

    it('applies settings and exceptions to what the data says, as the editor does', async () => {
        const strictSetting = await pom(['check', '.'], workspace({ ...files, 'pom.config.pom': 'settings { severity health-contradicted: error }' }));
        expect(strictSetting.code).toBe(1);
        expect(strictSetting.stdout).toMatch(/error: 'acme.checkout' is marked on-track.*\[health-contradicted\]$/m);
        const excused = await pom(
            ['check', '.'],
            workspace({
                ...files,
                'strategy/metrics.pom': files['strategy/metrics.pom'].replace(
                    '  health: on-track',
                    '  health: on-track\n  allow health-contradicted because "The October dip is a tracking outage"',
                ),
            }),
        );
        expect(excused.stdout).not.toContain('health-contradicted');
        expect(excused.stdout).not.toContain('unused-suppression');
    });

    it('applies settings and exceptions to problems located in a data file', async () => {
        const badDate = { ...files, 'data/completion.csv': 'date,value\n2026-10-01,75\n2026-02-30,74\n' };
        const plain = await pom(['check', '.'], workspace(badDate));
        expect(plain.code).toBe(1);
        expect(plain.stdout).toMatch(/^data\/completion.csv:3:1: error: .*\[metric-bad-date\]$/m);
        const off = await pom(['check', '.'], workspace({ ...badDate, 'pom.config.pom': 'settings { severity metric-bad-date: off }' }));
        expect(off.code).toBe(0);
        expect(off.stdout).not.toContain('metric-bad-date');
        expect(off.stdout).not.toContain('cannot-suppress');
        const lowered = await pom(['check', '.'], workspace({ ...badDate, 'pom.config.pom': 'settings { severity metric-bad-date: warning }' }));
        expect(lowered.code).toBe(0);
        expect(lowered.stdout).toMatch(/^data\/completion.csv:3:1: warning: .*\[metric-bad-date\]$/m);
        const excused = await pom(
            ['check', '.'],
            workspace({
                ...badDate,
                'strategy/metrics.pom': badDate['strategy/metrics.pom'].replace(
                    'data: "../data/completion.csv" }',
                    'data: "../data/completion.csv"\n  allow metric-bad-date because "The export is being fixed" }',
                ),
            }),
        );
        expect(excused.code).toBe(0);
        expect(excused.stdout).not.toMatch(/metric-bad-date|unused-suppression/);
    });

    it('refuses an --as-of that is not a date, with a usage error', async () => {
        const result = await pom(['check', '.', '--as-of', '2026-13-01'], workspace(files));
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("'2026-13-01' is not a date: write it as YYYY-MM-DD");
    });

    it('pom build writes the series and the readings into graph.json', async () => {
        const dir = workspace(files);
        const result = await pom(['build', '.', '--out', 'site'], dir);
        expect(result.code).toBe(0);
        const { readFileSync } = await import('node:fs');
        const graph = JSON.parse(readFileSync(`${dir}/site/graph.json`, 'utf8'));
        const checkout = graph.objects.find((o: { id: string }) => o.id === 'acme.checkout');
        expect(checkout.metrics[0]).toMatchObject({
            metric: 'acme.completion',
            current: { date: '2026-10-15', value: 73 },
            trend: 'down',
            status: 'off-track',
        });
        expect(graph.objects.find((o: { id: string }) => o.id === 'acme.completion').series).toHaveLength(3);
    });
});
