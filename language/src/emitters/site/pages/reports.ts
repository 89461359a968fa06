import { wipLimit } from '../../../graph/checks/helpers.js';
import type { GraphDiagnostic, GraphObject } from '../../../graph/model.js';
import { Std, StdLinks } from '../../../graph/std-ids.js';
import { activeBets, dependencies, driversOf, overdueBets, overloaded, TROUBLED_HEALTH } from '../analysis.js';
import { healthByData } from '../../../graph/derived/index.js';

/** The std query the off-track report lists. */
export const OFF_TRACK_QUERY = 'std.off-track';
import { objectHealthBadge, plural, type Page, type SiteContext } from '../context.js';
import { html, join } from '../html.js';
import { layout } from '../layout.js';
import { Paths } from '../paths.js';
import { badges } from './browse.js';
import { dataCell } from './metrics.js';
import { section } from './object.js';

/** The std off-track query's answer, grouped by the driver each item serves. */
export function offTrackPage(site: SiteContext): string {
    const page = site.page(Paths.offTrack);
    const graph = site.index;
    const troubled = site.query(OFF_TRACK_QUERY);
    const byDataOnly = troubled.filter(o => healthByData(o)).length;
    const groups = new Map<string, GraphObject[]>();
    for (const object of troubled) {
        const drivers = driversOf(site, object);
        for (const key of drivers.length > 0 ? drivers.map(d => d.id) : ['']) {
            const list = groups.get(key) ?? [];
            list.push(object);
            groups.set(key, list);
        }
    }
    const sorted = [...groups].sort(([a], [b]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || a.localeCompare(b));
    const body = troubled.length === 0
        ? html`<p class="ok">Every bet and input is on track, and no metric data says otherwise.</p>`
        : html`<p class="lede">${plural(troubled.length, 'item')} at risk or off track${byDataOnly > 0
            ? html`, ${byDataOnly} of them only by ${byDataOnly === 1 ? 'its' : 'their'} metric data while the declared health says otherwise` : ''}.</p>
${sorted.map(([driverId, list]) => {
            const driver = graph.get(driverId);
            return section(driver ? `Driver: ${site.title(driver)}` : 'Not linked to a driver', `driver-${driverId || 'none'}`, html`
${driver ? html`<p>${page.link(driver.id)} ${objectHealthBadge(driver)}</p>` : ''}
${troubleTable(page, list)}`);
        })}`;
    return layout(page, { title: "What's off track", crumbs: [{ label: 'Reports' }], section: Paths.offTrack, body });
}

function troubleTable(page: Page, list: GraphObject[]) {
    const site = page.site;
    return html`<table class="data sortable"><thead><tr><th scope="col">Item</th><th scope="col">Type</th><th scope="col">Health</th><th scope="col">Data</th><th scope="col">Owner</th><th scope="col">Targets</th></tr></thead>
<tbody>${list.map(o => html`<tr><td>${page.link(o.id)}${typeof o.fields.doc === 'string' ? html`<p class="excerpt">${excerpt(o.fields.doc)}</p>` : ''}</td><td>${site.typeTitle(o.type)}</td>
<td>${badges(o)}${o.facts?.contradicted ? html` <span class="badge contradiction-tag">declared ${String(o.fields.health).replace('-', ' ')}</span>` : ''}</td><td>${dataCell(page, o)}</td><td>${join(site.index.effectiveTargets(o, StdLinks.owner).map(id => page.link(id)), ', ')}</td>
<td>${join(site.index.out(o, StdLinks.targets).map(l => html`${page.link(l.target)} ${page.meta(l.meta)}`), html`<br>`)}</td></tr>`)}</tbody></table>`;
}

function excerpt(doc: string): string {
    const plain = doc.replace(/[*_`#>]/g, '').replace(/\s+/g, ' ').trim();
    return plain.length > 160 ? `${plain.slice(0, 157)}…` : plain;
}

/** Blocking dependencies, overloaded teams and overdue bets. */
export function deliveryRiskPage(site: SiteContext): string {
    const page = site.page(Paths.deliveryRisk);
    const graph = site.index;
    const over = overloaded(site);
    const blocking = dependencies(site).filter(d => d.blocking);
    const overdue = overdueBets(site);
    const ownerOf = (id: string) => {
        const object = graph.get(id);
        return object ? (graph.isA(object, Std.team) ? [object.id] : graph.effectiveTargets(object, StdLinks.owner)) : [];
    };
    const blockingRows = blocking.map(d => {
        const owners = ownerOf(d.link.target);
        const atRisk = owners.some(t => over.has(t)) || TROUBLED_HEALTH.includes(String(d.target?.fields.health));
        return html`<tr class="${atRisk ? 'risk' : ''}"><td>${page.link(d.source.id)}</td><td>${page.link(d.link.target)} ${d.target ? badges(d.target) : ''}</td>
<td>${join(owners.map(t => html`${page.link(t)}${over.has(t) ? html` <span class="badge health-off-track">overloaded</span>` : ''}`), ', ')}</td>
<td>${d.link.meta.reason !== undefined ? String(d.link.meta.reason) : ''}</td></tr>`;
    });
    const teams = [...over].sort().map(id => graph.get(id)).filter((t): t is GraphObject => t !== undefined);
    const body = html`${section('Blocking dependencies', 'blocking', blocking.length === 0 ? html`<p class="ok">No blocking dependencies.</p>` : html`<div class="table-scroll"><table class="data sortable">
<thead><tr><th scope="col">Waiting</th><th scope="col">Blocked by</th><th scope="col">Owned by</th><th scope="col">Reason</th></tr></thead><tbody>${blockingRows}</tbody></table></div>`)}
${section('Overloaded teams', 'overloaded', teams.length === 0 ? html`<p class="ok">No team is over its WIP limit.</p>` : html`<ul class="plain">${teams.map(team => {
        const bets = activeBets(site).get(team.id) ?? [];
        return html`<li>${page.link(team.id)}: <strong>${bets.length}</strong> active bets against a WIP limit of <strong>${wipLimit(team)}</strong>
<ul>${bets.map(b => html`<li>${page.link(b.id)} ${badges(b)}</li>`)}</ul></li>`;
    })}</ul>`)}
${section('Overdue bets', 'overdue', !site.asOf ? html`<p class="note">No object has an <code>as-of</code> date, so nothing can be overdue.</p>`
        : overdue.length === 0 ? html`<p class="ok">No active bet ended before ${site.asOf}.</p>`
            : html`<ul class="plain">${overdue.map(b => html`<li>${page.link(b.id)} ended ${String(b.fields.end)} ${badges(b)}</li>`)}</ul>`)}
${site.asOf ? html`<p class="note">Overdue means active with an end date before ${site.asOf}, the latest <code>as-of</code> in the model.</p>` : ''}`;
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
    const body = diagnostics.length === 0 ? html`<p class="ok">No problems found: the model is healthy.</p>` : html`
<ul class="stats">${counts.map(([severity, count]) => html`<li class="stat${count > 0 ? ` stat-${severity}s` : ''}"><span class="stat-figure">${count}</span> <span class="stat-label">${severity}${count === 1 ? '' : 's'}</span></li>`)}</ul>
${section('Problems', 'problems', html`<div class="table-scroll"><table class="data sortable"><thead><tr><th scope="col">Severity</th><th scope="col">Problem</th><th scope="col">Object</th><th scope="col">Where</th><th scope="col">Code</th></tr></thead>
<tbody>${diagnostics.map(d => html`<tr class="diagnostic ${d.severity}"><td><span class="badge severity-${d.severity}">${d.severity}</span></td><td>${d.message}</td>
<td>${d.object ? page.link(d.object) : ''}</td><td><code class="location">${d.location.file}:${d.location.line}:${d.location.column}</code></td><td><code>${d.code}</code></td></tr>`)}</tbody></table></div>`)}
${section('By code', 'codes', html`<ul class="plain">${[...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => html`<li><code>${code}</code> <span class="count">${count}</span></li>`)}</ul>`)}`;
    return layout(page, { title: 'Model health', crumbs: [{ label: 'Reports' }], section: Paths.health, body });
}
