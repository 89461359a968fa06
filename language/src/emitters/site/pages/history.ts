// `pom build --history <rev>`: the model over time. A page charting errors, warnings and off-track objects at each
// commit since <rev> (tags named), and on each object page the list of what changed in it, commit by commit.
import type { HistoryEntry, RevisionInfo } from '../../../diff/history.js';
import { showValue } from '../../../diff/format.js';
import type { GraphObject } from '../../../graph/model.js';
import type { Page, SiteContext, SiteExtension } from '../context.js';
import { html, type Html } from '../html.js';
import { layout } from '../layout.js';
import { Paths } from '../paths.js';
import { section } from './object.js';

/** The model's health at one revision. */
export interface HealthPoint {
    revision: RevisionInfo;
    errors: number;
    warnings: number;
    offTrack: number;
}

export interface ModelHistory {
    /** The revision the history starts after. */
    since: string;
    /** Oldest first. */
    points: HealthPoint[];
    /** Each object's changes, newest first, by object id. */
    objects: Record<string, HistoryEntry[]>;
}

const SERIES = [
    { key: 'errors', label: 'Errors', colour: '#dc2626', dash: '' },
    { key: 'warnings', label: 'Warnings', colour: '#d97706', dash: '6 3' },
    { key: 'offTrack', label: 'Off track', colour: '#7c3aed', dash: '2 3' },
] as const;

const label = (point: HealthPoint) => point.revision.tags[0] ?? point.revision.short;

/** A line chart of the three counts; presentation attributes only (the site's CSP forbids inline styles). */
function chart(points: HealthPoint[]): Html {
    const [width, height, left, bottom, top, right] = [720, 260, 40, 48, 16, 16];
    const max = Math.max(1, ...points.flatMap(p => [p.errors, p.warnings, p.offTrack]));
    const x = (i: number) => left + (points.length === 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (points.length - 1));
    const y = (value: number) => top + (height - top - bottom) * (1 - value / max);
    const r = (n: number) => String(Math.round(n * 10) / 10);
    const axis = html`<line x1="${r(left)}" y1="${r(y(0))}" x2="${r(width - right)}" y2="${r(y(0))}" stroke="#a1a1aa"/>
<text x="${r(left - 6)}" y="${r(y(max) + 4)}" text-anchor="end" font-size="11" fill="currentColor">${max}</text>
<text x="${r(left - 6)}" y="${r(y(0) + 4)}" text-anchor="end" font-size="11" fill="currentColor">0</text>`;
    const ticks = points.map(
        (p, i) => html`<text x="${r(x(i))}" y="${r(height - bottom + 18)}" text-anchor="middle" font-size="11" fill="currentColor">${label(p)}</text>`,
    );
    const lines = SERIES.map(series => {
        const coords = points.map((p, i) => `${r(x(i))},${r(y(p[series.key]))}`).join(' ');
        return html`<g class="history-${series.key}"><polyline points="${coords}" fill="none" stroke="${series.colour}" stroke-width="2"${series.dash ? html` stroke-dasharray="${series.dash}"` : ''}/>
${points.map((p, i) => html`<circle cx="${r(x(i))}" cy="${r(y(p[series.key]))}" r="3" fill="${series.colour}"><title>${series.label} at ${label(p)}: ${p[series.key]}</title></circle>`)}</g>`;
    });
    const legend = SERIES.map(
        (
            series,
            i,
        ) => html`<g><line x1="${r(left + i * 120)}" y1="${r(height - 10)}" x2="${r(left + i * 120 + 24)}" y2="${r(height - 10)}" stroke="${series.colour}" stroke-width="2"${series.dash ? html` stroke-dasharray="${series.dash}"` : ''}/>
<text x="${r(left + i * 120 + 30)}" y="${r(height - 6)}" font-size="12" fill="currentColor">${series.label}</text></g>`,
    );
    return html`<svg class="history-chart" role="img" aria-labelledby="history-chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<title id="history-chart-title">Errors, warnings and off-track objects at each commit</title>${axis}${ticks}${lines}${legend}</svg>`;
}

export function historyPage(site: SiteContext, history: ModelHistory): string {
    const page = site.page(Paths.history);
    const rows = [...history.points].reverse().map(
        p => html`<tr><td><code>${p.revision.short}</code>${p.revision.tags.length > 0 ? html` <span class="badge">${p.revision.tags.join(', ')}</span>` : ''}</td>
<td>${p.revision.date}</td><td>${p.revision.subject}</td><td class="num">${p.errors}</td><td class="num">${p.warnings}</td><td class="num">${p.offTrack}</td></tr>`,
    );
    const body =
        history.points.length === 0
            ? html`<p class="ok">No commit changed the model since <code>${history.since}</code>.</p>`
            : html`<p class="lede">The model at each of the ${history.points.length} commits that changed it since <code>${history.since}</code>.</p>
${section('Model health over time', 'chart', chart(history.points))}
${section('By commit', 'commits', html`<div class="table-scroll"><table class="data"><thead><tr><th scope="col">Commit</th><th scope="col">Date</th><th scope="col">Message</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Off track</th></tr></thead><tbody>${rows}</tbody></table></div>`)}`;
    return layout(page, { title: 'Model health over time', crumbs: [{ label: 'Reports' }], section: Paths.history, body });
}

function entryItems(page: Page, entry: HistoryEntry): Html[] {
    const items: Html[] = [];
    if (entry.event !== 'changed') items.push(html`<li>${entry.event} as <code>${entry.id}</code></li>`);
    if (entry.renamedFrom) items.push(html`<li>renamed from <code>${entry.renamedFrom}</code></li>`);
    if (entry.movedFrom) items.push(html`<li>moved from <code>${entry.movedFrom}</code></li>`);
    for (const f of entry.fields) items.push(html`<li><code>${f.field}</code>: ${showValue(f.before)} → ${showValue(f.after)}</li>`);
    for (const l of entry.links)
        items.push(
            html`<li>${l.change} link <code>${l.kind.replace(/^std\./, '')}</code> → ${page.site.index.get(l.target) ? page.link(l.target) : html`<code>${l.target}</code>`}</li>`,
        );
    for (const l of entry.backlinks)
        items.push(
            html`<li>${l.change} link from ${page.site.index.get(l.source) ? page.link(l.source) : html`<code>${l.source}</code>`} (<code>${l.kind.replace(/^std\./, '')}</code>)</li>`,
        );
    for (const t of entry.transitions) items.push(html`<li>${t.field === 'data' ? 'data' : t.field}: ${t.before ?? '(none)'} → ${t.after ?? '(none)'}</li>`);
    for (const d of entry.diagnostics.new) items.push(html`<li>new ${d.severity}: ${d.message} <code>${d.code}</code></li>`);
    for (const d of entry.diagnostics.fixed) items.push(html`<li>fixed ${d.severity}: ${d.message} <code>${d.code}</code></li>`);
    return items;
}

/** The history section of object pages. */
export function historyExtension(history: ModelHistory): SiteExtension {
    return {
        objectSections(object: GraphObject, page: Page) {
            const entries = history.objects[object.id];
            if (!entries || entries.length === 0) return [];
            const body = html`<ol class="plain history">${entries.map(entry => html`<li><p><code>${entry.revision.short}</code> ${entry.revision.date}${entry.revision.tags.length > 0 ? html` <span class="badge">${entry.revision.tags.join(', ')}</span>` : ''} ${entry.revision.subject}</p><ul class="change-list">${entryItems(page, entry)}</ul></li>`)}</ol>`;
            return [{ title: `History since ${history.since}`, body }];
        },
    };
}
