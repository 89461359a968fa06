import { groupAnswer, nearestOfType } from '../../../graph/answer.js';
import { effectiveHealth } from '../../../graph/derived/index.js';
import type { GraphObject } from '../../../graph/model.js';
import { Std, StdQueries } from '../../../graph/std-ids.js';
import { objectHealthBadge, plural, type Page, type SiteContext } from '../context.js';
import { html, type Html } from '../html.js';
import { layout, usedTypes } from '../layout.js';
import { Paths } from '../paths.js';
import { section } from './object.js';
import { offTrackGroups } from './reports.js';

/**
 * The strategy at a glance, summarised from the std queries: each north star with its drivers, and for each driver
 * its health, how many active bets serve it (strategy-tree) and what serving it is off track (off-track), linked to
 * the reports; then every question with the size of its answer, and the model's health.
 */
export function homePage(site: SiteContext): string {
    const page = site.page(Paths.home);
    const graph = site.index;
    const northStars = graph.ofType(Std.northStar);
    const drivers = graph.ofType(Std.driver);
    const troubledByDriver = new Map(offTrackGroups(site).groups.map(group => [group.key, group.ids]));
    const activeBets = site.query(StdQueries.strategyTree).filter(o => graph.isA(o, Std.bet));
    const betsByDriver = groupAnswer(
        graph,
        activeBets.map(o => o.id),
        'driver',
    );
    const betCount = new Map(betsByDriver.groups.map(group => [group.key, group.ids.length]));
    const withoutBets = new Set(site.query(StdQueries.driversWithoutBets).map(o => o.id));
    // Each driver's north stars, looked up once (a lineage walk each), not once per star.
    const starsOf = new Map(drivers.map(driver => [driver.id, nearestOfType(graph, driver, Std.northStar)]));

    const driverRow = (driver: GraphObject): Html => {
        const troubled = troubledByDriver.get(driver.id) ?? [];
        const bets = betCount.get(driver.id) ?? 0;
        return html`<tr data-id="${driver.id}"><td>${page.link(driver.id)}</td><td>${effectiveHealth(driver) ? objectHealthBadge(driver) : html`<span class="empty">not set</span>`}</td>
<td class="number">${bets}${withoutBets.has(driver.id) ? html` <span class="badge health-at-risk">no active bet</span>` : ''}</td>
<td>${
            troubled.length === 0
                ? html`<span class="ok">none</span>`
                : html`<a href="${page.href(Paths.offTrack)}#s-driver-${driver.id}">${troubled.length} off track or at risk</a>
<ul class="plain">${troubled.map(id => html`<li>${page.link(id)} ${objectHealthBadge(graph.get(id)!)}</li>`)}</ul>`
        }</td></tr>`;
    };
    const driverTable = (list: GraphObject[]): Html =>
        list.length === 0
            ? html`<p class="empty">No driver yet.</p>`
            : html`<div class="table-scroll"><table class="data drivers"><thead><tr><th scope="col">Driver</th><th scope="col">Health</th><th scope="col">Active bets</th><th scope="col">What is off track</th></tr></thead>
<tbody>${list.map(driverRow)}</tbody></table></div>`;
    const chains = northStars.map(
        star => html`<article class="north-star">
<div class="chain-card"><p class="chain-type">${site.typeTitle(star.type)}</p><p class="chain-title">${page.link(star.id)} ${objectHealthBadge(star)}</p>
${typeof star.fields.statement === 'string' ? html`<p class="chain-text">${star.fields.statement}</p>` : ''}</div>
${driverTable(drivers.filter(driver => starsOf.get(driver.id)!.includes(star.id)))}
</article>`,
    );
    const loose = drivers.filter(driver => starsOf.get(driver.id)!.length === 0);
    const errors = site.graph.diagnostics.filter(d => d.severity === 'error').length;
    const warnings = site.graph.diagnostics.filter(d => d.severity === 'warning').length;
    const stats: Array<[string, number, string]> = [
        ['objects', site.graph.objects.length, Paths.types],
        ['teams', graph.ofType(Std.team).length, Paths.teams],
        ['drivers', drivers.length, Paths.type(Std.driver)],
        ['inputs', graph.ofType(Std.input).length, Paths.type(Std.input)],
        ['active bets', activeBets.length, Paths.type(Std.bet)],
        ['off track', site.query(StdQueries.offTrack).length, Paths.offTrack],
        ['errors', errors, Paths.health],
        ['warnings', warnings, Paths.health],
    ];
    const body = html`<ul class="stats">${stats.map(([label, count, path]) => html`<li class="stat${(label === 'errors' || label === 'warnings') && count > 0 ? ` stat-${label}` : ''}"><a href="${page.href(path)}"><span class="stat-figure">${count}</span> <span class="stat-label">${label}</span></a></li>`)}</ul>
${section(
    'Strategy',
    'strategy',
    northStars.length === 0 && drivers.length === 0
        ? html`<p class="empty">No north star or driver yet. Add a <code>north-star</code> and the <code>driver</code>s beneath it to see the strategy here.</p>`
        : html`${chains}${loose.length > 0 ? html`<h3>Drivers not linked to a north star</h3>${driverTable(loose)}` : ''}`,
)}
${section(
    'Questions',
    'questions',
    html`<ul class="plain questions">${site.graph.queries.map(
        query =>
            html`<li><a href="${page.href(Paths.query(query.id))}">${query.title ?? query.name}</a> <span class="count">${site.query(query.id).length}</span></li>`,
    )}</ul>`,
)}
${diagnosticsSummary(page)}
${section(
    'In the model',
    'types',
    html`<ul class="type-counts">${usedTypes(page).map(
        ([type, count]) => html`<li><a href="${page.href(Paths.type(type))}">${site.typeTitle(type)}</a> <span class="count">${count}</span></li>`,
    )}</ul>`,
)}`;
    return layout(page, { title: 'Strategy', crumbs: [], body, section: Paths.home });
}

function diagnosticsSummary(page: Page): Html {
    const diagnostics = page.site.graph.diagnostics;
    if (diagnostics.length === 0) return section('Model health', 'health', html`<p class="ok">No problems found.</p>`);
    const first = diagnostics.slice(0, 5);
    return section(
        'Model health',
        'health',
        html`<ul class="diagnostics">${first.map(
            d => html`<li class="diagnostic ${d.severity}">
<span class="badge severity-${d.severity}">${d.severity}</span> ${d.message} ${d.object ? page.link(d.object) : ''}</li>`,
        )}</ul>
<p><a href="${page.href(Paths.health)}">All ${plural(diagnostics.length, 'problem')}</a></p>`,
    );
}
