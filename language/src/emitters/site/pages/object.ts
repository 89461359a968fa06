import type { GraphObject, InLink, OutLink } from '../../../graph/model.js';
import { Std, StdLinks } from '../../../graph/std-ids.js';
import { TEAM_VIEW_PREFIX } from '../../../views/resolve-views.js';
import { wipLimitOf } from '../../../graph/derived/index.js';
import { activeBets, dependencies, inScope, overloaded, ownedBy } from '../analysis.js';
import { objectHealthBadge, plural, statusBadge, type Page, type SiteContext, type SiteDiagram } from '../context.js';
import { diagramFigure, FONTS_SCRIPT, styleHashes } from '../diagram-figure.js';
import { html, join, type Html } from '../html.js';
import { layout, type Crumb } from '../layout.js';
import { LINEAGE_DIAGRAM_BETS, LINEAGE_LIST_LIMIT, lineageSteps } from '../lineage.js';
import { renderMarkdown } from '../markdown.js';
import { Paths } from '../paths.js';
import { changeBadge, objectChangesSection } from './changes.js';
import { metricsBody, seriesBody } from './metrics.js';
import { compareIds } from '../../../util/compare.js';

/** Fields shown elsewhere on the page: the doc is rendered as markdown, health and status as badges too. */
const HIDDEN_FIELDS = new Set(['doc']);

export function objectPage(site: SiteContext, object: GraphObject): string {
    const page = site.page(Paths.object(object.id));
    const lineage = lineageSection(page, object);
    const teamDiagram = site.index.isA(object, Std.team) ? drawnDiagram(site, TEAM_VIEW_PREFIX + object.id) : undefined;
    const sections: Array<Html | undefined> = [
        summary(page, object),
        objectChangesSection(page, object),
        object.fields.doc !== undefined
            ? section('Documentation', 'doc', html`<div class="doc">${renderMarkdown(String(object.fields.doc))}</div>`)
            : undefined,
        fields(page, object),
        optionalSection('Metrics', 'metrics', metricsBody(page, object)),
        optionalSection('Metric data', 'metric-data', seriesBody(page, object)),
        site.index.isA(object, Std.team) ? teamSections(page, object, teamDiagram) : undefined,
        site.index.isA(object, Std.scope) ? scopeSections(page, object) : undefined,
        lineage?.body,
        linksSection(page, object),
        backlinksSection(page, object),
        structure(page, object),
        inheritedSection(page, object),
        diagramsSection(page, object),
        ...(site.options.extensions ?? [])
            .flatMap(extension => extension.objectSections?.(object, page) ?? [])
            .map(s => section(s.title, slug(s.title), s.body)),
    ];
    return layout(page, {
        title: site.title(object),
        kicker: html`${join(
            object.types.filter(t => t !== Std.object).map(t => page.typeLink(t)),
            html` <span aria-hidden="true">›</span> `,
        )}`,
        badges: html`${objectHealthBadge(object)} ${statusBadge(object.fields.status)} ${changeBadge(page, object)}`,
        crumbs: crumbs(page, object),
        body: html`${sections}`,
        styleHashes: [lineage?.diagram, teamDiagram].flatMap(diagram => (diagram ? styleHashes(diagram.svg) : [])),
        // The diagrams' font comes from one file for the whole site (the inlined SVGs carry none).
        scripts: lineage?.diagram || teamDiagram ? [FONTS_SCRIPT] : [],
    });
}

/** A view's diagram as the site drew it, when it was drawn (not too large). */
function drawnDiagram(site: SiteContext, viewId: string): SiteDiagram | undefined {
    const byId = site.memo('diagrams-by-view', () => new Map(site.diagrams.map(diagram => [diagram.view.id, diagram])));
    const diagram = byId.get(viewId);
    return diagram && !diagram.tooLarge ? diagram : undefined;
}

/** Home › the outermost container's type › its containers, outermost first. */
function crumbs(page: Page, object: GraphObject): Crumb[] {
    const site = page.site;
    const containers: GraphObject[] = [];
    for (let parent = site.index.get(object.parent); parent && !containers.includes(parent); parent = site.index.get(parent.parent)) {
        containers.unshift(parent);
    }
    const typeId = (containers[0] ?? object).type;
    return [{ label: site.typeTitle(typeId), path: Paths.type(typeId) }, ...containers.map(c => ({ label: site.title(c), path: Paths.object(c.id) }))];
}

export function section(title: string, id: string, body: Html): Html {
    return html`<section class="card" aria-labelledby="s-${id}"><h2 id="s-${id}">${title}</h2>${body}</section>`;
}

function optionalSection(title: string, id: string, body: Html | undefined): Html | undefined {
    return body ? section(title, id, body) : undefined;
}

function slug(text: string): string {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
}

function stringField(object: GraphObject, name: string): string | undefined {
    const value = object.fields[name];
    return typeof value === 'string' ? value : undefined;
}

function summary(page: Page, object: GraphObject): Html {
    const where = `${object.location.file}:${object.location.line}`;
    const owner = page.site.index.effectiveTargets(object, StdLinks.owner);
    return html`<dl class="summary">
<div><dt>Id</dt><dd><code>${object.id}</code></dd></div>
${
    owner.length > 0
        ? html`<div><dt>Owner</dt><dd>${join(
              owner.map(id => page.link(id)),
              ', ',
          )}</dd></div>`
        : ''
}
<div><dt>Defined in</dt><dd><code class="location">${where}</code></dd></div>
</dl>`;
}

function fields(page: Page, object: GraphObject): Html | undefined {
    const names = Object.keys(object.fields)
        .filter(name => !HIDDEN_FIELDS.has(name))
        .sort();
    if (names.length === 0) return undefined;
    const declared = new Map(page.site.typeChain(object.type).flatMap(type => type.fields.map(f => [f.name, f] as const)));
    const rows = names.map(name => {
        const inherited = object.inherited.find(value => value.field === name);
        const note = inherited ? html`from ${page.link(inherited.from)}` : object.defaults.includes(name) ? 'default' : '';
        const title = declared.get(name)?.title;
        return html`<tr><th scope="row">${name}${title ? html`<span class="field-title">${title}</span>` : ''}</th><td>${page.value(object.fields[name], name)}</td><td class="note">${note}</td></tr>`;
    });
    return section(
        'Fields',
        'fields',
        html`<div class="table-scroll"><table class="fields"><caption class="visually-hidden">Fields of ${page.site.title(object)}</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col"><span class="visually-hidden">Source</span></th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
    );
}

function groupBy<T>(items: T[], key: (item: T) => string): Array<[string, T[]]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        const list = groups.get(k) ?? [];
        list.push(item);
        groups.set(k, list);
    }
    return [...groups].sort(([a], [b]) => compareIds(a, b));
}

function linksSection(page: Page, object: GraphObject): Html | undefined {
    if (object.links.length === 0) return undefined;
    const site = page.site;
    const groups = groupBy(object.links, link => link.kind);
    return section(
        'Links',
        'links',
        html`<div class="link-groups">${groups.map(
            ([kind, links]) => html`<div class="link-group">
<h3>${site.kindTitle(kind)}</h3>
<ul>${links.map((link: OutLink) => html`<li>${page.link(link.target, { withType: true })} ${page.meta(link.meta)}</li>`)}</ul></div>`,
        )}</div>`,
    );
}

function backlinksSection(page: Page, object: GraphObject): Html | undefined {
    if (object.backlinks.length === 0) return undefined;
    const site = page.site;
    const groups = groupBy(object.backlinks, link => link.kind);
    return section(
        'Backlinks',
        'backlinks',
        html`<div class="link-groups">${groups.map(
            ([kind, links]) => html`<div class="link-group">
<h3>${site.inverseTitle(kind, links[0].inverse)}</h3>
<ul>${links.map((link: InLink) => html`<li>${page.link(link.source, { withType: true })} ${page.meta(link.meta)}</li>`)}</ul></div>`,
        )}</div>`,
    );
}

function structure(page: Page, object: GraphObject): Html | undefined {
    if (!object.parent && object.children.length === 0) return undefined;
    return section(
        'Structure',
        'structure',
        html`<dl class="summary">
${object.parent ? html`<div><dt>Inside</dt><dd>${page.link(object.parent, { withType: true })}</dd></div>` : ''}
${object.children.length > 0 ? html`<div><dt>Contains</dt><dd><ul class="plain">${object.children.map(id => html`<li>${page.link(id, { withType: true })}</li>`)}</ul></dd></div>` : ''}
</dl>`,
    );
}

function inheritedSection(page: Page, object: GraphObject): Html | undefined {
    if (object.inherited.length === 0) return undefined;
    const items = object.inherited.map(value => {
        const what = value.link
            ? html`${page.site.kindTitle(value.link)} ${join(
                  (value.targets ?? []).map(id => page.link(id)),
                  ', ',
              )}`
            : html`${value.field}: ${value.value !== undefined ? page.value(value.value, value.field) : ''}`;
        return html`<li>${what} <span class="note">from ${page.link(value.from)}</span></li>`;
    });
    return section('Inherited context', 'inherited', html`<ul class="plain">${items}</ul>`);
}

function diagramsSection(page: Page, object: GraphObject): Html | undefined {
    const site = page.site;
    const views = new Map<string, string>();
    for (const diagram of site.diagramsByObject.get(object.id) ?? []) views.set(diagram.view.id, diagram.view.title);
    for (const view of site.graph.views) if (view.objects.includes(object.id)) views.set(view.id, view.title ?? view.name);
    if (views.size === 0) return undefined;
    const sorted = [...views].sort(([a], [b]) => compareIds(a, b));
    return section(
        'Appears in',
        'diagrams',
        html`<ul class="plain">${sorted.map(([id, title]) => html`<li><a href="${page.href(Paths.view(id))}">${title}</a></li>`)}</ul>`,
    );
}

/** The lineage: its diagram (on a bet's page, reading from insight to north star), then its objects step by step. */
function lineageSection(page: Page, object: GraphObject): { body: Html; diagram?: SiteDiagram } | undefined {
    const site = page.site;
    const steps = lineageSteps(site, object);
    if (!steps) return undefined;
    const size = steps.reduce((n, step) => n + step.objects.length, 0);
    const drawn = site.lineageDiagrams.get(object.id);
    const diagram = drawn && !drawn.tooLarge ? drawn : undefined;
    const figure = diagram
        ? diagramFigure(
              diagram,
              diagram.view.title,
              'It reads from what led to this object, on the left, to what it serves, on the right. Select a node to open its page.',
              'lineage-caption',
          )
        : '';
    const unDrawn =
        !diagram && site.index.isA(object, Std.bet) && site.index.ofType(Std.bet).length > LINEAGE_DIAGRAM_BETS
            ? html` This model has more than ${LINEAGE_DIAGRAM_BETS} bets, so the site draws no lineage diagram; <code>pom diagram lineage:${object.id}</code> draws this one.`
            : '';
    const command = html`<p class="note">The same walk as <code>pom query 'lineage(${object.id})'</code> and <code>pom diagram lineage:${object.id}</code>.${unDrawn}</p>`;
    if (size > LINEAGE_LIST_LIMIT) {
        return {
            diagram,
            body: section(
                'Lineage',
                'lineage',
                html`${figure}<p>${size} objects lead to this one or follow from it:
${join(
    steps.map(step => html`${step.objects.length} ${site.typeTitle(step.type)}`),
    ', ',
)}.</p>${command}`,
            ),
        };
    }
    const item = (o: GraphObject) => {
        const current = o.id === object.id;
        const status = o.fields.status;
        const rationale =
            page.site.index.isA(o, Std.option) && o.fields.rationale !== undefined ? html`<p class="rationale">${String(o.fields.rationale)}</p>` : '';
        return html`<li class="${current ? 'current' : ''} ${status === 'rejected' ? 'rejected' : ''}" data-id="${o.id}">${
            current ? html`<strong aria-current="true">${page.site.title(o)}</strong>` : page.link(o.id)
        } ${statusBadge(status)} ${objectHealthBadge(o)}${rationale}</li>`;
    };
    return {
        diagram,
        body: section(
            'Lineage',
            'lineage',
            html`${figure}<ol class="lineage">${steps.map(
                step => html`<li class="lineage-step"><h3>${site.typeTitle(step.type)}</h3><ul>${step.objects.map(item)}</ul></li>`,
            )}</ol>${command}`,
        ),
    };
}

function teamSections(page: Page, team: GraphObject, diagram: SiteDiagram | undefined): Html {
    const site = page.site;
    const graph = site.index;
    const active = activeBets(site).get(team.id) ?? [];
    const limit = wipLimitOf(team);
    const over = overloaded(site).has(team.id);
    const owned = ownedBy(site).get(team.id) ?? [];
    const bets = owned.filter(o => graph.isA(o, Std.bet));
    const inputs = owned.filter(o => graph.isA(o, Std.input));
    const scopes = [
        ...graph.out(team, StdLinks.owns).map(l => ({ id: l.target, how: 'owns' })),
        ...graph.out(team, StdLinks.stewards).map(l => ({ id: l.target, how: 'stewards' })),
    ];
    const interactions = [
        ...graph.out(team, StdLinks.interacts).map(l => ({ other: l.target, meta: l.meta, direction: 'with' })),
        ...graph.in(team, StdLinks.interacts).map(l => ({ other: l.source, meta: l.meta, direction: 'from' })),
    ];
    const mine = new Set([team.id, ...owned.map(o => o.id)]);
    const deps = dependencies(site);
    const outgoing = deps.filter(d => mine.has(d.source.id) && !mine.has(d.link.target));
    const incoming = deps.filter(d => mine.has(d.link.target) && !mine.has(d.source.id));
    // One slot per unit of WIP: filled for each active bet, past the limit drawn as overload.
    const slots = Array.from(
        { length: Math.max(limit, active.length) },
        (_, i) => html`<span class="slot${i < active.length ? ' filled' : ''}${i >= limit ? ' over' : ''}"></span>`,
    );
    const wip = html`<div class="wip ${over ? 'over' : ''}">
<p class="wip-figure"><strong>${active.length}</strong> active ${active.length === 1 ? 'bet' : 'bets'} against a WIP limit of <strong>${limit}</strong>${over ? html` <span class="badge health-off-track">over the limit</span>` : ''}</p>
<div class="slots" role="img" aria-label="${active.length} of ${limit} active bets">${slots}</div>
${betsTable(page, bets)}
</div>`;
    const depList = (list: typeof deps) =>
        list.length === 0
            ? html`<p class="empty">None.</p>`
            : html`<ul class="plain">${list.map(
                  d =>
                      html`<li>${page.link(d.source.id)} <span class="verb">depends on</span> ${page.link(d.link.target)} ${d.blocking ? html`<span class="badge health-at-risk">blocking</span>` : html`<span class="badge">ok</span>`} ${page.meta(omit(d.link.meta, 'kind'))}</li>`,
              )}</ul>`;
    // The team's view (pom diagram team:<id>), as its view page draws it: what it owns and the teams it interacts with.
    const teamView = diagram
        ? section(
              'Team view',
              'team-view',
              html`${diagramFigure(
                  diagram,
                  diagram.view.title,
                  'The team, what it owns, what that targets and depends on, and the teams it interacts with, each link labelled with its mode. Select a node to open its page.',
                  'team-view-caption',
              )}
<p class="note"><a href="${page.href(Paths.view(diagram.view.id))}">The team's view page</a> lists the same objects; <code>pom diagram ${diagram.view.id}</code> draws it.</p>`,
          )
        : '';
    return html`${section('Bets and WIP', 'wip', wip)}
${teamView}
${section('Scopes', 'scopes', scopes.length === 0 ? html`<p class="empty">This team owns no scope.</p>` : html`<ul class="plain">${scopes.map(s => html`<li>${page.link(s.id)} <span class="note">${s.how}</span></li>`)}</ul>`)}
${section('Inputs', 'inputs', inputs.length === 0 ? html`<p class="empty">This team owns no input.</p>` : html`<ul class="plain">${inputs.map(i => html`<li>${page.link(i.id)} ${objectHealthBadge(i)}</li>`)}</ul>`)}
${section(
    'Interactions',
    'interactions',
    interactions.length === 0
        ? html`<p class="empty">No interactions recorded.</p>`
        : html`<ul class="plain">${interactions.map(
              i => html`<li>${i.direction === 'with' ? 'with' : 'from'} ${page.link(i.other)} ${page.meta(i.meta)}</li>`,
          )}</ul>`,
)}
${section('Dependencies', 'dependencies', html`<h3>We depend on</h3>${depList(outgoing)}<h3>Depending on us</h3>${depList(incoming)}`)}`;
}

function omit(meta: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...meta };
    delete copy[key];
    return copy;
}

export function betsTable(page: Page, bets: GraphObject[]): Html {
    if (bets.length === 0) return html`<p class="empty">No bets.</p>`;
    const order = ['active', 'proposed', 'paused', 'done', 'killed'];
    const sorted = [...bets].sort((a, b) => rank(order, a.fields.status) - rank(order, b.fields.status) || compareIds(a.id, b.id));
    return html`<div class="table-scroll"><table class="data sortable"><thead><tr><th scope="col">Bet</th><th scope="col">Status</th><th scope="col">Health</th><th scope="col">Horizon</th><th scope="col">End</th></tr></thead>
<tbody>${sorted.map(bet => html`<tr><td>${page.link(bet.id)}</td><td>${statusBadge(bet.fields.status)}</td><td>${objectHealthBadge(bet)}</td><td>${stringField(bet, 'horizon') ?? ''}</td><td>${stringField(bet, 'end') ?? ''}</td></tr>`)}</tbody></table></div>`;
}

function rank(order: string[], value: unknown): number {
    const index = order.indexOf(String(value));
    return index < 0 ? order.length : index;
}

function scopeSections(page: Page, scope: GraphObject): Html {
    const site = page.site;
    const graph = site.index;
    const owners = graph.in(scope, StdLinks.owns).map(l => l.source);
    const stewards = graph.in(scope, StdLinks.stewards).map(l => l.source);
    const members = inScope(site).get(scope.id) ?? [];
    const nested = [...scope.children, ...graph.in(scope, StdLinks.nestedIn).map(l => l.source)]
        .map(id => graph.get(id))
        .filter((o): o is GraphObject => o !== undefined && graph.isA(o, Std.scope));
    const groups = groupBy(members, o => site.typeTitle(o.type));
    return html`${section(
        'Ownership',
        'ownership',
        html`<dl class="summary">
<div><dt>Owned by</dt><dd>${
            owners.length > 0
                ? join(
                      owners.map(id => page.link(id)),
                      ', ',
                  )
                : html`<span class="empty">nobody</span>`
        }</dd></div>
${
    stewards.length > 0
        ? html`<div><dt>Stewarded by</dt><dd>${join(
              stewards.map(id => page.link(id)),
              ', ',
          )}</dd></div>`
        : ''
}
</dl>`,
    )}
${nested.length > 0 ? section('Nested scopes', 'nested', html`<ul class="plain">${nested.map(o => html`<li>${page.link(o.id)}</li>`)}</ul>`) : ''}
${section(
    'In this scope',
    'members',
    members.length === 0
        ? html`<p class="empty">Nothing is in this scope yet.</p>`
        : html`${groups.map(
              ([title, list]) =>
                  html`<h3>${title} <span class="count">${list.length}</span></h3><ul class="plain">${list.map(o => html`<li>${page.link(o.id)} ${objectHealthBadge(o)} ${statusBadge(o.fields.status)}</li>`)}</ul>`,
          )}`,
)}
<p class="note">${plural(members.length, 'object')} in scope, counting those that inherit it from a container.</p>`;
}
