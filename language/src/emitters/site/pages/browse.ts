import { wipLimitOf } from '../../../graph/derived/index.js';
import type { FieldInfo, GraphObject } from '../../../graph/model.js';
import { Std, StdLinks } from '../../../graph/std-ids.js';
import { activeBets, overloaded } from '../analysis.js';
import { objectHealthBadge, statusBadge, type SiteContext } from '../context.js';
import { html, join, type Html } from '../html.js';
import { layout, usedTypes } from '../layout.js';
import { Paths } from '../paths.js';
import { section } from './object.js';

/** Fields every object has; they say little in a table of many objects. */
const ENVELOPE_FIELDS = new Set(['doc', 'tags', 'url', 'external', 'as-of']);
const FIRST_COLUMNS = ['health', 'status', 'horizon', 'kind', 'topology'];
const MAX_FIELD_COLUMNS = 6;

export function typesIndexPage(site: SiteContext): string {
    const page = site.page(Paths.types);
    const rows = usedTypes(page).map(([typeId, count]) => {
        const type = site.index.types.get(typeId);
        return html`<tr><td><a href="${page.href(Paths.type(typeId))}">${site.typeTitle(typeId)}</a></td><td><code>${typeId}</code></td>
<td>${type?.extends ? page.typeLink(type.extends) : ''}</td><td class="number">${count}</td></tr>`;
    });
    return layout(page, {
        title: 'Types',
        crumbs: [],
        section: Paths.types,
        body: html`<div class="table-scroll"><table class="data sortable"><thead><tr><th scope="col">Type</th><th scope="col">Id</th><th scope="col">Extends</th><th scope="col">Objects</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    });
}

/** Every type with objects (its own or its subtypes'): a sortable table of them. */
export function typePages(site: SiteContext): Map<string, string> {
    const pages = new Map<string, string>();
    const typeIds = new Set<string>();
    for (const object of site.graph.objects) for (const type of object.types) typeIds.add(type);
    for (const typeId of typeIds) {
        if (!site.hasTypePage(typeId)) continue;
        pages.set(Paths.type(typeId), typePage(site, typeId));
    }
    return pages;
}

function typePage(site: SiteContext, typeId: string): string {
    const page = site.page(Paths.type(typeId));
    const objects = site.index.ofType(typeId);
    const chain = site.typeChain(typeId);
    const declared = chain.flatMap(type => type.fields);
    const columns = chooseColumns(declared, objects);
    const mixed = objects.some(o => o.type !== typeId);
    const head = html`<tr><th scope="col">Title</th>${mixed ? html`<th scope="col">Type</th>` : ''}<th scope="col">Owner</th>${columns.map(f => html`<th scope="col">${f.name}</th>`)}</tr>`;
    const rows = objects.map(
        object => html`<tr><td>${page.link(object.id)}<br><code class="id">${object.id}</code></td>
${mixed ? html`<td>${site.typeTitle(object.type)}</td>` : ''}<td>${join(
            site.index.effectiveTargets(object, StdLinks.owner).map(id => page.link(id)),
            ', ',
        )}</td>
${columns.map(f => {
    const v = object.fields[f.name];
    return html`<td>${v === undefined ? '' : page.value(v, f.name)}</td>`;
})}</tr>`,
    );
    const type = site.index.types.get(typeId);
    const definition = html`<div class="table-scroll"><table class="fields"><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Declared on</th></tr></thead>
<tbody>${chain.flatMap(t =>
        t.fields.map(
            f => html`<tr><th scope="row">${f.name}${f.required ? '' : '?'}${f.title ? html`<span class="field-title">${f.title}</span>` : ''}</th>
<td><code>${f.type}${f.list ? '[]' : ''}</code>${f.default !== undefined ? html` = ${String(f.default)}` : ''}</td><td>${page.typeLink(t.id)}</td></tr>`,
        ),
    )}</tbody></table></div>`;
    return layout(page, {
        title: site.typeTitle(typeId),
        kicker: html`Type <code>${typeId}</code>${type?.extends ? html` extends ${page.typeLink(type.extends)}` : ''}`,
        crumbs: [{ label: 'Types', path: Paths.types }],
        section: Paths.type(typeId),
        body: html`${section(
            `${objects.length} ${objects.length === 1 ? 'object' : 'objects'}`,
            'objects',
            html`<div class="table-scroll"><table class="data sortable">
<caption class="visually-hidden">${site.typeTitle(typeId)} objects; activate a column header to sort</caption>
<thead>${head}</thead><tbody>${rows}</tbody></table></div>`,
        )}
${declared.length > 0 ? section('Definition', 'definition', definition) : ''}`,
    });
}

function chooseColumns(fields: FieldInfo[], objects: readonly GraphObject[]): FieldInfo[] {
    const used = fields.filter(f => !ENVELOPE_FIELDS.has(f.name) && objects.some(o => o.fields[f.name] !== undefined));
    const score = (f: FieldInfo) => {
        const first = FIRST_COLUMNS.indexOf(f.name);
        if (first >= 0) return first;
        return f.type === 'text' ? 200 : 100;
    };
    const unique = [...new Map(used.map(f => [f.name, f])).values()];
    return unique
        .map((f, i) => ({ f, i }))
        .sort((a, b) => score(a.f) - score(b.f) || a.i - b.i)
        .slice(0, MAX_FIELD_COLUMNS)
        .map(x => x.f);
}

export function teamsIndexPage(site: SiteContext): string {
    const page = site.page(Paths.teams);
    const active = activeBets(site);
    const over = overloaded(site);
    const rows = site.index.ofType(Std.team).map(team => {
        const count = active.get(team.id)?.length ?? 0;
        const scopes = site.index.out(team, StdLinks.owns).length;
        return html`<tr><td>${page.link(team.id)}</td><td>${team.fields.topology !== undefined ? String(team.fields.topology) : ''}</td>
<td class="number">${count} / ${wipLimitOf(team)} ${over.has(team.id) ? html`<span class="badge health-off-track">over</span>` : ''}</td><td class="number">${scopes}</td>
<td>${team.fields.focus !== undefined ? String(team.fields.focus) : ''}</td></tr>`;
    });
    const groups = site.index.ofType(Std.group);
    return layout(page, {
        title: 'Teams',
        crumbs: [],
        section: Paths.teams,
        body: html`${section(
            'Teams',
            'teams',
            rows.length === 0
                ? html`<p class="empty">No teams yet.</p>`
                : html`<div class="table-scroll"><table class="data sortable">
<thead><tr><th scope="col">Team</th><th scope="col">Topology</th><th scope="col">Active bets / WIP limit</th><th scope="col">Scopes owned</th><th scope="col">Focus</th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
        )}
${groups.length > 0 ? section('Groups', 'groups', html`<ul class="plain">${groups.map(g => html`<li>${page.link(g.id)} <span class="note">${site.index.in(g, StdLinks.memberOf).length} members</span></li>`)}</ul>`) : ''}`,
    });
}

/** Badges for a list row: health and status. */
export function badges(object: GraphObject): Html {
    return html`${objectHealthBadge(object)} ${statusBadge(object.fields.status)}`;
}
