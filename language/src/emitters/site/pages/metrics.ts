// What the metric data says, on object pages and in the off-track report: a small chart of each metric's series,
// the current value, trend, target, expected value and data status, and where the declared health disagrees.
import type { DataPoint, GraphObject, MetricReading } from '../../../graph/model.js';
import { contradictsHealth } from '../../../graph/derived/index.js';
import { sparklineSvg } from '../../../metrics/sparkline.js';
import { healthBadge, type Page } from '../context.js';
import { html, join, trusted, type Html } from '../html.js';

/** A value with its unit: a short unit (`%`) sticks to the number, a longer one follows it. */
export function withUnit(value: number, unit: string | undefined, digits = 6): string {
    const shown = String(Number(value.toPrecision(digits)));
    if (!unit) return shown;
    return unit.length <= 2 ? `${shown}${unit}` : `${shown} ${unit}`;
}

const TREND_ARROWS: Record<MetricReading['trend'], string> = { up: '↑', down: '↓', flat: '→' };

/** The trend, and whether it goes the good way for this metric. */
function trendText(reading: MetricReading): Html {
    const good = reading.trend === 'flat' ? undefined : (reading.trend === 'up') === (reading.direction === 'increase');
    const verdict = good === undefined ? '' : good ? 'the good way' : 'the wrong way';
    return html`<span class="trend trend-${reading.trend}${good === undefined ? '' : good ? ' trend-good' : ' trend-bad'}"><span aria-hidden="true">${TREND_ARROWS[reading.trend]}</span> ${reading.trend}</span>${verdict ? html` <span class="note">(${verdict}: ${reading.direction === 'increase' ? 'higher' : 'lower'} is better)</span>` : ''}`;
}

/** The badge of the status the data says. */
export function dataBadge(status: MetricReading['status']): Html {
    return status ? html`<span class="data-status">data: ${healthBadge(status)}</span>` : html`<span class="badge">no target</span>`;
}

/** The series of a metric as the graph carries it (on the metric object), up to the reading's current date. */
function seriesOf(page: Page, reading: MetricReading): DataPoint[] {
    const series = page.site.index.get(reading.metric)?.series ?? [];
    return series.filter(point => point.date <= reading.current.date);
}

/**
 * The metric's series as a small inline SVG. It is styled by presentation attributes and the site's stylesheet
 * (stroke is currentColor): no style attribute or element, so the page's Content-Security-Policy holds.
 */
export function sparkline(page: Page, reading: MetricReading, size: { width: number; height: number }): Html {
    const metric = page.site.index.get(reading.metric);
    const label = metric ? page.site.title(metric) : reading.metric;
    return trusted(sparklineSvg(seriesOf(page, reading), { ...size, target: reading.target, label }));
}

function readingCard(page: Page, object: GraphObject, reading: MetricReading): Html {
    const contradicted = contradictsHealth(object.fields.health, reading.status);
    const rows: Array<[string, Html]> = [
        ['Current', html`<strong class="metric-value">${withUnit(reading.current.value, reading.unit)}</strong> on ${reading.current.date}`],
        ['Trend', trendText(reading)],
    ];
    if (reading.baseline !== undefined)
        rows.push(['Baseline', html`${withUnit(reading.baseline, reading.unit)}${reading.start ? html` on ${reading.start}` : ''}`]);
    if (reading.target !== undefined) rows.push(['Target', html`${withUnit(reading.target, reading.unit)}${reading.end ? html` by ${reading.end}` : ''}`]);
    if (reading.expected !== undefined)
        rows.push([
            'Expected now',
            html`${withUnit(reading.expected, reading.unit, 4)} <span class="note">on the straight line from baseline to target</span>`,
        ]);
    rows.push(['Data says', html`${dataBadge(reading.status)}${reading.since ? html` since ${reading.since}` : ''}`]);
    const declared = typeof object.fields.health === 'string' ? object.fields.health : undefined;
    return html`<div class="metric metric-${reading.status ?? 'untracked'}${contradicted ? ' contradicted' : ''}">
<h3>${page.link(reading.metric)}</h3>
<figure class="metric-chart">${sparkline(page, reading, { width: 240, height: 48 })}</figure>
<dl class="summary metric-figures">${rows.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>
${contradicted ? html`<p class="contradiction" role="note"><strong>Contradicted by the data:</strong> marked ${healthBadge(declared)}, but the data says ${healthBadge(reading.status)} since ${reading.since ?? reading.current.date}. Update <code>health</code>, or check the plan.</p>` : ''}
</div>`;
}

/** The body of an object's Metrics section: one card per metric it is measured by, or undefined without readings. */
export function metricsBody(page: Page, object: GraphObject): Html | undefined {
    const readings = object.metrics ?? [];
    if (readings.length === 0) return undefined;
    return html`<div class="metrics">${readings.map(reading => readingCard(page, object, reading))}</div>`;
}

/** The body of a metric's own Data section: its chart, first and latest observations, and every observation. */
export function seriesBody(page: Page, metric: GraphObject): Html | undefined {
    const series = metric.series ?? [];
    if (series.length === 0) return undefined;
    const unit = typeof metric.fields.unit === 'string' ? metric.fields.unit : undefined;
    const first = series[0],
        last = series[series.length - 1];
    const chart = trusted(sparklineSvg(series, { width: 320, height: 64, label: page.site.title(metric) }));
    return html`<figure class="metric-chart">${chart}</figure>
<p>${series.length} ${series.length === 1 ? 'observation' : 'observations'}: ${withUnit(first.value, unit)} on ${first.date}${series.length > 1 ? html`, latest <strong class="metric-value">${withUnit(last.value, unit)}</strong> on ${last.date}` : ''}.</p>
<details><summary>Every observation</summary><div class="table-scroll"><table class="data"><thead><tr><th scope="col">Date</th><th scope="col">Value</th></tr></thead>
<tbody>${series.map(point => html`<tr><td>${point.date}</td><td>${withUnit(point.value, unit)}</td></tr>`)}</tbody></table></div></details>`;
}

/** What the off-track report shows of an item's data: each troubled or tracked reading with its sparkline. */
export function dataCell(page: Page, object: GraphObject): Html {
    const readings = object.metrics ?? [];
    if (readings.length === 0) return html`<span class="note">no data</span>`;
    return join(
        readings.map(
            reading =>
                html`<span class="metric-inline metric-${reading.status ?? 'untracked'}">${sparkline(page, reading, { width: 96, height: 24 })} ${dataBadge(reading.status)} <span class="note">${withUnit(reading.current.value, reading.unit)} on ${reading.current.date}</span></span>`,
        ),
        html`<br>`,
    );
}
