// One page per declared query (the standard library's and the workspace's own): the answer the selector engine
// gives, as `pom query <name>` prints it, with the query's columns, groups and totals. The off-track and
// delivery-risk reports are the pages of their std queries.

import { columnValue, groupAnswer } from '../../../graph/answer.js';
import type { FieldValue, GraphObject, GraphQuery } from '../../../graph/model.js';
import { healthBadge, objectHealthBadge, plural, type Page, type SiteContext } from '../context.js';
import { html, join, type Html } from '../html.js';
import { layout } from '../layout.js';
import { fileName, Paths } from '../paths.js';
import { section } from './object.js';

/** The pages of the declared queries that have no report of their own. */
export function queryPages(site: SiteContext): Map<string, string> {
    const pages = new Map<string, string>();
    for (const query of site.graph.queries) {
        const path = Paths.query(query.id);
        if (path.startsWith('q/')) pages.set(path, queryPage(site, query, path));
    }
    return pages;
}

function queryPage(site: SiteContext, query: GraphQuery, path: string): string {
    const page = site.page(path);
    const objects = site.query(query.id);
    const grouped =
        query.groupBy !== undefined || query.sums !== undefined
            ? groupAnswer(
                  site.index,
                  objects.map(o => o.id),
                  query.groupBy,
                  query.sums ?? [],
              )
            : undefined;
    const sums = (totals: Record<string, number>) =>
        join(
            Object.entries(totals).map(([field, sum]) => html`, ${field} <strong>${Number(sum.toPrecision(12))}</strong>`),
            '',
        );
    const command = html`<p class="note">The answer of <code>pom query ${query.name}</code>${query.package === 'std' ? ', a question the standard library asks of every model' : ''}.</p>`;
    let body: Html;
    if (objects.length === 0) body = html`${command}<p class="ok">Nothing: no object answers this question.</p>`;
    else if (grouped && query.groupBy !== undefined) {
        body = html`${command}<p class="lede">${plural(grouped.total.count, 'object')}${sums(grouped.total.sums)}.</p>
${grouped.groups.map(group => {
    const owner = group.object ? site.index.get(group.key) : undefined;
    const title = group.key === '' ? `No ${query.groupBy}` : owner ? `${site.typeTitle(owner.type)}: ${site.title(owner)}` : `${query.groupBy}: ${group.key}`;
    return section(
        title,
        `group-${fileName(group.key || 'none')}`,
        html`<p>${owner ? html`${page.link(owner.id)} ${objectHealthBadge(owner)} · ` : ''}${plural(group.ids.length, 'object')}${sums(group.sums)}</p>
${answerTable(
    page,
    group.ids.map(id => site.index.get(id)!),
    query.columns,
)}`,
    );
})}`;
    } else {
        body = html`${command}<p class="lede">${plural(objects.length, 'object')}${grouped ? sums(grouped.total.sums) : ''}.</p>${answerTable(page, objects, query.columns)}`;
    }
    return layout(page, { title: query.title ?? query.name, crumbs: [{ label: 'Questions' }], section: path, body });
}

/** The answer as a table: one row per object (`data-id`), the query's columns as `pom query` shows them. */
export function answerTable(page: Page, objects: GraphObject[], columns: string[]): Html {
    const site = page.site;
    const cell = (object: GraphObject, column: string): Html => {
        if (column === 'effective-health') return objectHealthBadge(object);
        const value = columnValue(site.index, object, column);
        return value === undefined ? html`` : show(page, value, column);
    };
    return html`<div class="table-scroll"><table class="data sortable answer"><thead><tr><th scope="col">Object</th><th scope="col">Type</th>${columns.map(c => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${objects.map(o => html`<tr data-id="${o.id}"><td>${page.link(o.id)}</td><td>${site.typeTitle(o.type)}</td>${columns.map(c => html`<td>${cell(o, c)}</td>`)}</tr>`)}</tbody></table></div>`;
}

function show(page: Page, value: FieldValue, column: string): Html {
    if (Array.isArray(value))
        return join(
            value.map(v => show(page, v, column)),
            ', ',
        );
    if (typeof value === 'string' && page.site.index.has(value)) return page.link(value);
    if ((column === 'health' || column === 'data-status') && typeof value === 'string') return healthBadge(value);
    return page.value(value, column);
}
