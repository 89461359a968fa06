import type { GraphDiagnostic, GraphObject } from '../../../graph/model.js';
import { StdLinks, StdQueries } from '../../../graph/std-ids.js';
import { groupAnswer, type GroupedAnswer } from '../../../graph/answer.js';
import { healthByData, wipLimitOf } from '../../../graph/derived/index.js';
import { objectHealthBadge, plural, type Page, type SiteContext } from '../context.js';
import { html, join } from '../html.js';
import { layout } from '../layout.js';
import { Paths } from '../paths.js';
import { activeBets } from '../analysis.js';
import { badges } from './browse.js';
import { dataCell } from './metrics.js';
import { section } from './object.js';
import { compareIds } from '../../../util/compare.js';

/**
 * The std off-track query's answer grouped as the query declares (group-by: driver), by the one grouping of
 * graph/answer.ts; once per site, for this report and the home page's drivers.
 */
export function offTrackGroups(site: SiteContext): GroupedAnswer {
    return site.memo('off-track-groups', () => {
        const query = site.graph.queries.find(q => q.id === StdQueries.offTrack);
        return groupAnswer(
            site.index,
            site.query(StdQueries.offTrack).map(o => o.id),
            query?.groupBy ?? 'driver',
        );
    });
}

/** The std off-track query's answer, grouped by the driver each item serves. */
export function offTrackPage(site: SiteContext): string {
    const page = site.page(Paths.offTrack);
    const graph = site.index;
    const troubled = site.query(StdQueries.offTrack);
    const byDataOnly = troubled.filter(o => healthByData(o)).length;
    const grouped = offTrackGroups(site);
    const sorted = grouped.groups.map(group => [group.key, group.ids.map(id => graph.get(id)!)] as const);
    const body =
        troubled.length === 0
            ? html`<p class="ok">Every bet and input is on track, and no metric data says otherwise.</p>`
            : html`<p class="lede">${plural(troubled.length, 'item')} at risk or off track${
                  byDataOnly > 0
                      ? html`, ${byDataOnly} of them only by ${byDataOnly === 1 ? 'its' : 'their'} metric data while the declared health says otherwise`
                      : ''
              }.</p>
${sorted.map(([driverId, list]) => {
    const driver = graph.get(driverId);
    return section(
        driver ? `${site.typeTitle(driver.type)}: ${site.title(driver)}` : 'Not linked to a driver',
        `driver-${driverId || 'none'}`,
        html`
${driver ? html`<p>${page.link(driver.id)} ${objectHealthBadge(driver)}</p>` : ''}
${troubleTable(page, list)}`,
    );
})}`;
    return layout(page, { title: "What's off track", crumbs: [{ label: 'Reports' }], section: Paths.offTrack, body });
}

function troubleTable(page: Page, list: GraphObject[]) {
    const site = page.site;
    return html`<div class="table-scroll"><table class="data sortable"><thead><tr><th scope="col">Item</th><th scope="col">Type</th><th scope="col">Health</th><th scope="col">Data</th><th scope="col">Owner</th><th scope="col">Targets</th></tr></thead>
<tbody>${list.map(
        o => html`<tr data-id="${o.id}"><td>${page.link(o.id)}${typeof o.fields.doc === 'string' ? html`<p class="excerpt">${excerpt(o.fields.doc)}</p>` : ''}</td><td>${site.typeTitle(o.type)}</td>
<td>${badges(o)}${o.facts?.contradicted ? html` <span class="badge contradiction-tag">declared ${String(o.fields.health).replace('-', ' ')}</span>` : ''}</td><td>${dataCell(page, o)}</td><td>${join(
            site.index.effectiveTargets(o, StdLinks.owner).map(id => page.link(id)),
            ', ',
        )}</td>
<td>${join(
            site.index.out(o, StdLinks.targets).map(l => html`${page.link(l.target)} ${page.meta(l.meta)}`),
            html`<br>`,
        )}</td></tr>`,
    )}</tbody></table></div>`;
}

function excerpt(doc: string): string {
    const plain = doc
        .replace(/[*_`#>]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    return plain.length > 160 ? `${plain.slice(0, 157)}…` : plain;
}

/** The std delivery-risk query's answer, with why each bet is at risk; then the overloaded teams and overdue bets behind it. */
export function deliveryRiskPage(site: SiteContext): string {
    const page = site.page(Paths.deliveryRisk);
    const graph = site.index;
    const atRisk = site.query(StdQueries.deliveryRisk);
    const reasons: Record<string, string> = { 'at-risk': 'at risk', blocked: 'blocked', 'owner-overloaded': 'owner overloaded', overdue: 'overdue' };
    const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    const rows = atRisk.map(
        bet => html`<tr data-id="${bet.id}"><td>${page.link(bet.id)}</td><td>${join(
            list(bet.facts?.['delivery-risks']).map(r => html`<span class="badge health-at-risk">${reasons[r] ?? r}</span>`),
            ' ',
        )}</td>
<td>${objectHealthBadge(bet)}</td><td>${join(
            graph
                .effectiveTargets(bet, StdLinks.owner)
                .map(id => html`${page.link(id)}${graph.get(id)?.facts?.overloaded ? html` <span class="badge health-off-track">overloaded</span>` : ''}`),
            ', ',
        )}</td>
<td>${join(
            list(bet.facts?.['blocked-by']).map(id => html`${page.link(id)} ${graph.get(id) ? badges(graph.get(id)!) : ''}`),
            html`<br>`,
        )}</td></tr>`,
    );
    const teams = site.graph.objects.filter(o => o.facts?.overloaded === true);
    const overdue = atRisk.filter(bet => bet.facts?.overdue === true);
    const asOf = site.asOf;
    const body = html`${section(
        'Bets at delivery risk',
        'bets',
        atRisk.length === 0
            ? html`<p class="ok">No active bet is at risk, blocked, owned by an overloaded team or overdue.</p>`
            : html`<p class="lede">${plural(atRisk.length, 'active bet')}: <code>pom query delivery-risk</code>.</p><div class="table-scroll"><table class="data sortable">
<thead><tr><th scope="col">Bet</th><th scope="col">Why</th><th scope="col">Health</th><th scope="col">Owner</th><th scope="col">Blocked by (its work included)</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    )}
${section(
    'Overloaded teams',
    'overloaded',
    teams.length === 0
        ? html`<p class="ok">No team is over its WIP limit.</p>`
        : html`<ul class="plain">${teams.map(team => {
              const bets = activeBets(site).get(team.id) ?? [];
              return html`<li>${page.link(team.id)}: <strong>${bets.length}</strong> active bets against a WIP limit of <strong>${wipLimitOf(team)}</strong>
<ul>${bets.map(b => html`<li>${page.link(b.id)} ${badges(b)}</li>`)}</ul></li>`;
          })}</ul>`,
)}
${section(
    'Overdue bets',
    'overdue',
    !asOf
        ? html`<p class="note">No object has an <code>as-of</code> date and no <code>--as-of</code> was given, so nothing can be overdue.</p>`
        : overdue.length === 0
          ? html`<p class="ok">No active bet ended before ${asOf}.</p>`
          : html`<ul class="plain">${overdue.map(b => html`<li>${page.link(b.id)} ended ${String(b.fields.end)} ${badges(b)}</li>`)}</ul>`,
)}
${asOf ? html`<p class="note">Overdue means active with an end date before ${asOf} (<code>--as-of</code>, else the latest <code>as-of</code> in the model).</p>` : ''}`;
    return layout(page, { title: 'Where is delivery risk', crumbs: [{ label: 'Reports' }], section: Paths.deliveryRisk, body });
}

/** Every diagnostic, linked to its object. */
export function healthPage(site: SiteContext): string {
    const page = site.page(Paths.health);
    const order: GraphDiagnostic['severity'][] = ['error', 'warning', 'info'];
    const diagnostics = [...site.graph.diagnostics];
    const counts = order.map(s => [s, diagnostics.filter(d => d.severity === s).length] as const);
    const byCode = new Map<string, number>();
    for (const d of diagnostics) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    const body =
        diagnostics.length === 0
            ? html`<p class="ok">No problems found: the model is healthy.</p>`
            : html`
<ul class="stats">${counts.map(([severity, count]) => html`<li class="stat${count > 0 ? ` stat-${severity}s` : ''}"><span class="stat-figure">${count}</span> <span class="stat-label">${severity}${count === 1 ? '' : 's'}</span></li>`)}</ul>
${section(
    'Problems',
    'problems',
    html`<div class="table-scroll"><table class="data sortable"><thead><tr><th scope="col">Severity</th><th scope="col">Problem</th><th scope="col">Object</th><th scope="col">Where</th><th scope="col">Code</th></tr></thead>
<tbody>${diagnostics.map(
        d => html`<tr class="diagnostic ${d.severity}"><td><span class="badge severity-${d.severity}">${d.severity}</span></td><td>${d.message}</td>
<td>${d.object ? page.link(d.object) : ''}</td><td><code class="location">${d.location.file}:${d.location.line}:${d.location.column}</code></td><td><code>${d.code}</code></td></tr>`,
    )}</tbody></table></div>`,
)}
${section('By code', 'codes', html`<ul class="plain">${[...byCode].sort(([a], [b]) => compareIds(a, b)).map(([code, count]) => html`<li><code>${code}</code> <span class="count">${count}</span></li>`)}</ul>`)}`;
    return layout(page, { title: 'Model health', crumbs: [{ label: 'Reports' }], section: Paths.health, body });
}
