import type { GraphObject } from '../../../graph/model.js';
import { Std, StdLinks } from '../../../graph/std-ids.js';
import { objectHealthBadge, plural, type Page, type SiteContext } from '../context.js';
import { html, type Html } from '../html.js';
import { layout, usedTypes } from '../layout.js';
import { Paths } from '../paths.js';
import { section } from './object.js';

/** The strategy chain at a glance (north star → drivers → inputs → active bets), with health and the model's counts. */
export function homePage(site: SiteContext): string {
    const page = site.page(Paths.home);
    const graph = site.index;
    const northStars = graph.ofType(Std.northStar);
    const drivers = graph.ofType(Std.driver);
    const driving = (object: GraphObject, type: string) => graph.in(object, StdLinks.drives)
        .map(l => graph.get(l.source)).filter((o): o is GraphObject => o !== undefined && graph.isA(o, type));
    const shown = new Set<string>();
    const driverCards = (list: GraphObject[]) => html`<ol class="drivers">${list.map(driver => {
        shown.add(driver.id);
        return html`<li class="driver">${chainCard(page, driver)}${inputList(page, driving(driver, Std.input), targetingBets(page, driver))}</li>`;
    })}</ol>`;
    const chains = northStars.map(star => html`<article class="north-star">
${chainCard(page, star, String(star.fields.statement ?? ''))}
${driverCards(driving(star, Std.driver))}
</article>`);
    const loose = drivers.filter(d => !shown.has(d.id));
    const errors = site.graph.diagnostics.filter(d => d.severity === 'error').length;
    const warnings = site.graph.diagnostics.filter(d => d.severity === 'warning').length;
    const activeBets = graph.ofType(Std.bet).filter(b => b.fields.status === 'active').length;
    const stats: Array<[string, number, string]> = [
        ['objects', site.graph.objects.length, Paths.types],
        ['teams', graph.ofType(Std.team).length, Paths.teams],
        ['drivers', drivers.length, Paths.type(Std.driver)],
        ['inputs', graph.ofType(Std.input).length, Paths.type(Std.input)],
        ['active bets', activeBets, Paths.type(Std.bet)],
        ['errors', errors, Paths.health],
        ['warnings', warnings, Paths.health],
    ];
    const body = html`<ul class="stats">${stats.map(([label, count, path]) => html`<li class="stat${(label === 'errors' || label === 'warnings') && count > 0 ? ` stat-${label}` : ''}"><a href="${page.href(path)}"><span class="stat-figure">${count}</span> <span class="stat-label">${label}</span></a></li>`)}</ul>
${section('Strategy', 'strategy', northStars.length === 0 && drivers.length === 0
        ? html`<p class="empty">No north star or driver yet. Add a <code>north-star</code> and the <code>driver</code>s beneath it to see the strategy here.</p>`
        : html`${chains}${loose.length > 0 ? html`<h3>Drivers not linked to a north star</h3>${driverCards(loose)}` : ''}`)}
${diagnosticsSummary(page)}
${section('In the model', 'types', html`<ul class="type-counts">${usedTypes(page).map(([type, count]) =>
        html`<li><a href="${page.href(Paths.type(type))}">${site.typeTitle(type)}</a> <span class="count">${count}</span></li>`)}</ul>`)}`;
    return layout(page, { title: 'Strategy', crumbs: [], body, section: Paths.home });
}

function chainCard(page: Page, object: GraphObject, text?: string): Html {
    const metric = object.fields.metric;
    return html`<div class="chain-card"><p class="chain-type">${page.site.typeTitle(object.type)}</p>
<p class="chain-title">${page.link(object.id)} ${objectHealthBadge(object)}</p>
${text ? html`<p class="chain-text">${text}</p>` : metric !== undefined ? html`<p class="chain-text">${String(metric)}</p>` : ''}</div>`;
}

function targetingBets(page: Page, object: GraphObject): GraphObject[] {
    const graph = page.site.index;
    return graph.in(object, StdLinks.targets).map(l => graph.get(l.source))
        .filter((o): o is GraphObject => o !== undefined && graph.isA(o, Std.bet) && o.fields.status === 'active');
}

function inputList(page: Page, inputs: GraphObject[], directBets: GraphObject[]): Html {
    const bets = (list: GraphObject[]) => list.length === 0 ? html`<p class="empty">No active bet.</p>`
        : html`<ul class="bets">${list.map(bet => html`<li>${page.link(bet.id)} ${objectHealthBadge(bet)}</li>`)}</ul>`;
    return html`<ul class="inputs">${inputs.map(input => html`<li class="input">
<p>${page.link(input.id)} ${objectHealthBadge(input)}</p>
${bets(targetingBets(page, input))}</li>`)}${directBets.length > 0 ? html`<li class="input direct"><p>Bets targeting the driver directly</p>${bets(directBets)}</li>` : ''}</ul>`;
}

function diagnosticsSummary(page: Page): Html {
    const diagnostics = page.site.graph.diagnostics;
    if (diagnostics.length === 0) return section('Model health', 'health', html`<p class="ok">No problems found.</p>`);
    const first = diagnostics.slice(0, 5);
    return section('Model health', 'health', html`<ul class="diagnostics">${first.map(d => html`<li class="diagnostic ${d.severity}">
<span class="badge severity-${d.severity}">${d.severity}</span> ${d.message} ${d.object ? page.link(d.object) : ''}</li>`)}</ul>
<p><a href="${page.href(Paths.health)}">All ${plural(diagnostics.length, 'problem')}</a></p>`);
}
