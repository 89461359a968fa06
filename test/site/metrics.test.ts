// What the metric data says, on the site of the example organisation: examples/acme/data holds the exports of six
// metrics; 'Time to first payment' is marked on track while its data says off track (health-contradicted).
import { beforeAll, describe, expect, it } from 'vitest';
import { Paths } from '../../language/src/emitters/site/index.js';
import { CONTENT_SECURITY_POLICY } from '../../language/src/emitters/site/layout.js';
import { acmeGraph, acmeSite, page, resolveHref, section, text } from './site-helpers.js';

let site: Map<string, string>;
beforeAll(async () => {
    site = await acmeSite();
});

/** The figures of a metric card, by their label. */
function figures(card: ReturnType<typeof page>): Record<string, string> {
    return Object.fromEntries(card.querySelectorAll('.metric-figures > div').map(row => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));
}

describe('metrics on object pages', () => {
    it('a measured input shows a chart of its metric, the current value with its date, trend, target, expected value and data status', () => {
        const input = page(site, Paths.object('acme.strategy.checkout-completion'));
        const metrics = section(input, 'Metrics');
        const cards = metrics.querySelectorAll('.metric');
        expect(cards).toHaveLength(1);
        const card = cards[0];
        expect(text(card.querySelector('h3'))).toBe('Checkout completion rate');
        const pagePath = Paths.object('acme.strategy.checkout-completion');
        expect(resolveHref(pagePath, card.querySelector('h3 a')!.getAttribute('href')!)).toBe(Paths.object('acme.strategy.checkout-completion-rate'));
        // The seven weekly observations of data/checkout-completion.csv, the latest marked.
        const chart = card.querySelector('.metric-chart svg')!;
        expect(chart.getAttribute('aria-label')).toBe('Checkout completion rate: from 71.4 on 2026-10-05 to 73.1 on 2026-11-16');
        expect(chart.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(7);
        expect(chart.querySelector('line.target')).not.toBeNull();
        expect(figures(card)).toEqual({
            Current: '73.1% on 2026-11-16',
            Trend: '↑ up (the good way: higher is better)',
            Baseline: '71.4% on 2026-10-01',
            Target: '74% by 2026-12-31',
            'Expected now': '72.71% on the straight line from baseline to target',
            'Data says': 'data: on track since 2026-10-05',
        });
        expect(card.classList.contains('metric-on-track')).toBe(true);
        expect(card.querySelector('.contradiction')).toBeNull();
    });

    it('an input whose declared health the data contradicts says so, beside the figures', async () => {
        const graph = await acmeGraph();
        expect(graph.diagnostics.filter(d => d.code === 'health-contradicted').map(d => d.object)).toEqual(['acme.strategy.activation-speed']);
        const input = page(site, Paths.object('acme.strategy.activation-speed'));
        const card = section(input, 'Metrics').querySelector('.metric')!;
        expect(figures(card)).toMatchObject({ Current: '8.8 days (median) on 2026-11-16', 'Data says': 'data: off track since 2026-10-19' });
        expect(text(card.querySelector('.contradiction'))).toBe(
            'Contradicted by the data: marked on track, but the data says off track since 2026-10-19. Update health, or check the plan.',
        );
        // A declared at-risk is a judgement the data never contradicts, even when the data says at risk too.
        const authorisation = page(site, Paths.object('acme.strategy.card-authorisation'));
        expect(figures(section(authorisation, 'Metrics').querySelector('.metric')!)['Data says']).toBe('data: at risk since 2026-11-09');
        expect(authorisation.querySelector('.contradiction')).toBeNull();
    });

    it("a metric's page charts its whole series and lists every observation; unmeasured objects have no metrics section", () => {
        const metric = page(site, Paths.object('acme.strategy.auth-rate'));
        const data = section(metric, 'Metric data');
        expect(data.querySelector('svg')!.getAttribute('aria-label')).toBe('Authorisation rate: from 89.6 on 2026-10-05 to 90.4 on 2026-11-16');
        expect(text(data.querySelector('p'))).toBe('7 observations: 89.6% on 2026-10-05, latest 90.4% on 2026-11-16.');
        expect(
            data.querySelectorAll('tbody tr').map(row =>
                row
                    .querySelectorAll('td')
                    .map(td => text(td))
                    .join(' '),
            ),
        ).toEqual(['2026-10-05 89.6%', '2026-10-12 89.8%', '2026-10-19 89.9%', '2026-10-26 90.1%', '2026-11-02 90.2%', '2026-11-09 90.3%', '2026-11-16 90.4%']);
        const bet = page(site, Paths.object('acme.bets.express-wallets'));
        expect(bet.querySelectorAll('section h2').map(h => text(h))).not.toContain('Metrics');
    });

    it('charts are inline SVG without style attributes or style elements, so the strict Content-Security-Policy holds', () => {
        const withCharts = [...site].filter(([path, content]) => path.endsWith('.html') && content.includes('pom-sparkline'));
        // Measured objects, metrics with data, and the off-track report.
        expect(withCharts.length).toBeGreaterThanOrEqual(14);
        for (const [path] of withCharts) {
            const root = page(site, path);
            expect(root.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'), path).toBe(CONTENT_SECURITY_POLICY);
            for (const svg of root.querySelectorAll('svg.pom-sparkline')) {
                expect(svg.querySelectorAll('style'), path).toHaveLength(0);
                expect(
                    [svg, ...svg.querySelectorAll('*')].filter(e => e.hasAttribute('style')),
                    path,
                ).toHaveLength(0);
                expect(svg.getAttribute('role'), path).toBe('img');
            }
        }
    });
});

describe("what's off track, with the data", () => {
    it('shows each item’s data status and sparkline, and includes an item only its data says is off track', () => {
        const report = page(site, Paths.offTrack);
        const rows = report.querySelectorAll('tbody tr');
        const row = (title: string) => {
            const found = rows.find(r => text(r.querySelector('td')).startsWith(title));
            if (!found) throw new Error(`no row '${title}' in the report`);
            return found;
        };
        // Declared on track, off track by its data: listed, and the contradiction flagged.
        const activation = row('Time to first payment');
        const cells = activation.querySelectorAll('td').map(td => text(td));
        expect(cells[2]).toBe('off track by data declared on track');
        expect(cells[3]).toBe('data: off track 8.8 days (median) on 2026-11-16');
        expect(resolveHref(Paths.offTrack, activation.querySelector('td a')!.getAttribute('href')!)).toBe(Paths.object('acme.strategy.activation-speed'));
        expect(activation.querySelector('svg.pom-sparkline')).not.toBeNull();
        expect(text(section(report, 'Driver: Merchant activation'))).toContain('Time to first payment');
        // Declared and measured alike: both shown.
        expect(
            row('False declines')
                .querySelectorAll('td')
                .map(td => text(td))[3],
        ).toBe('data: off track 2% on 2026-11-16');
        expect(row('Card authorisation').querySelector('svg.pom-sparkline')).not.toBeNull();
        // Items without data say so.
        expect(text(row('Fraud model v3').querySelectorAll('td')[3])).toBe('no data');
        // On track by its health and by its data: not in the report.
        expect(text(report.querySelector('main'))).not.toContain('Checkout completion rate');
        expect(rows.some(r => text(r.querySelector('td')) === 'Checkout completion')).toBe(false);
        expect(text(report.querySelector('.lede'))).toBe(
            '9 items at risk or off track, 1 of them only by its metric data while the declared health says otherwise.',
        );
    });
});
