import type { GraphObject } from '../../../graph/model.js';
import type { Page, SiteContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { Paths } from '../paths.js';
import { badges } from './browse.js';
import { section } from './object.js';
import { compareIds } from '../../../util/compare.js';

/** How many items a timeline column lists before pointing to the horizon's own page. */
const COLUMN_LIMIT = 40;

interface HorizonData {
    names: string[];
    titles: string[];
    /** Objects on each horizon, by rank. */
    items: GraphObject[][];
    rank: Map<string, number>;
}

function horizonData(site: SiteContext): HorizonData {
    return site.memo('horizons', () => {
        const info = site.index.enums.get('std.horizon');
        const names = info?.members.map(m => m.name) ?? [];
        const titles = info?.members.map(m => m.title ?? m.name) ?? [];
        const items: GraphObject[][] = names.map(() => []);
        const rank = new Map<string, number>();
        for (const object of site.graph.objects) {
            const r = site.horizonRank(object);
            if (r === undefined) continue;
            items[r].push(object);
            rank.set(object.id, r);
        }
        return { names, titles, items, rank };
    });
}

/** Links from an object to objects on another horizon: how plans at one horizon serve another. */
function crossLinks(data: HorizonData, object: GraphObject) {
    const own = data.rank.get(object.id);
    return object.links
        .filter(link => {
            const other = data.rank.get(link.target);
            return other !== undefined && other !== own;
        })
        .map(link => ({ link, rank: data.rank.get(link.target)! }));
}

export function horizonsPage(site: SiteContext): string {
    const page = site.page(Paths.horizons);
    const data = horizonData(site);
    // Counts of links between horizons: from row to column.
    const flows = new Map<string, number>();
    for (const list of data.items)
        for (const object of list) {
            for (const { rank } of crossLinks(data, object)) {
                const key = `${data.rank.get(object.id)}>${rank}`;
                flows.set(key, (flows.get(key) ?? 0) + 1);
            }
        }
    const columns = data.names.map((name, r) => {
        const list = data.items[r];
        return html`<li class="horizon-column"><h2><a href="${page.href(Paths.horizon(name))}">${data.titles[r]}</a> <span class="count">${list.length}</span></h2>
${list.length === 0 ? html`<p class="empty">Nothing planned.</p>` : html`<ul>${list.slice(0, COLUMN_LIMIT).map(o => html`<li>${page.link(o.id)} <span class="type-tag">${site.typeTitle(o.type)}</span> ${badges(o)}</li>`)}</ul>`}
${list.length > COLUMN_LIMIT ? html`<p><a href="${page.href(Paths.horizon(name))}">All ${list.length} on this horizon</a></p>` : ''}</li>`;
    });
    const flowRows = [...flows]
        .sort(([a], [b]) => compareIds(a, b))
        .map(([key, count]) => {
            const [from, to] = key.split('>').map(Number);
            return html`<tr><td>${data.names[from]}</td><td>${data.names[to]}</td><td class="number">${count}</td></tr>`;
        });
    return layout(page, {
        title: 'Horizons',
        crumbs: [],
        section: Paths.horizons,
        body: html`<p class="lede">What is planned at each time horizon, from days to decades.</p>
<ol class="timeline">${columns}</ol>
${section(
    'Links across horizons',
    'flows',
    flowRows.length === 0
        ? html`<p class="empty">No links between horizons.</p>`
        : html`<div class="table-scroll"><table class="data sortable">
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Links</th></tr></thead><tbody>${flowRows}</tbody></table></div>`,
)}`,
    });
}

export function horizonPages(site: SiteContext): Map<string, string> {
    const pages = new Map<string, string>();
    const data = horizonData(site);
    data.names.forEach((name, r) => {
        const page = site.page(Paths.horizon(name));
        pages.set(
            page.path,
            layout(page, {
                title: data.titles[r],
                kicker: html`Horizon <code>${name}</code>`,
                crumbs: [{ label: 'Horizons', path: Paths.horizons }],
                body:
                    data.items[r].length === 0
                        ? html`<p class="empty">Nothing is planned at this horizon.</p>`
                        : html`<ul class="horizon-items">${data.items[r].map(o => horizonItem(page, data, o))}</ul>`,
            }),
        );
    });
    return pages;
}

function horizonItem(page: Page, data: HorizonData, object: GraphObject) {
    const site = page.site;
    const links = crossLinks(data, object);
    return html`<li class="card compact"><p>${page.link(object.id)} <span class="type-tag">${site.typeTitle(object.type)}</span> ${badges(object)}</p>
${links.length > 0 ? html`<ul class="cross-links">${links.map(({ link, rank }) => html`<li><span class="verb">${site.kindTitle(link.kind)}</span> ${page.link(link.target)} <a class="horizon-tag" href="${page.href(Paths.horizon(data.names[rank]))}">${data.names[rank]}</a></li>`)}</ul>` : ''}</li>`;
}
