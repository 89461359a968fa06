// "Changes since <rev>" (pom build --since): a page of everything the GraphDiff says changed, each item linked to
// its object's page, and on each changed object's page a badge and the list of its own changes.
import type { GraphDiff, LinkChange, ObjectChange, Transition } from '../../../diff/diff.js';
import { diffSummary, showValue } from '../../../diff/format.js';
import type { GraphDiagnostic, GraphObject } from '../../../graph/model.js';
import { healthBadge, statusBadge, type Page, type SiteContext } from '../context.js';
import { html, type Html } from '../html.js';
import { layout } from '../layout.js';
import { Paths } from '../paths.js';
import { section } from './object.js';
import { compareIds } from '../../../util/compare.js';

/** What the diff says about one object, gathered once per site. */
export interface ObjectChanges {
    added: boolean;
    change?: ObjectChange;
    transitions: Transition[];
    newDiagnostics: GraphDiagnostic[];
    fixedDiagnostics: GraphDiagnostic[];
}

export function changesByObject(site: SiteContext): Map<string, ObjectChanges> {
    return site.memo('changes-by-object', () => {
        const changes = site.options.changes;
        const byId = new Map<string, ObjectChanges>();
        if (!changes) return byId;
        const entry = (id: string) => {
            let found = byId.get(id);
            if (!found) byId.set(id, (found = { added: false, transitions: [], newDiagnostics: [], fixedDiagnostics: [] }));
            return found;
        };
        for (const object of changes.added) entry(object.id).added = true;
        for (const change of changes.changed) entry(change.id).change = change;
        for (const transition of changes.transitions) entry(transition.id).transitions.push(transition);
        for (const d of changes.diagnostics.new) if (d.object) entry(d.object).newDiagnostics.push(d);
        for (const d of changes.diagnostics.fixed) if (d.object) entry(d.object).fixedDiagnostics.push(d);
        // Removed objects have no page to carry their changes.
        for (const id of [...byId.keys()]) if (!site.index.get(id)) byId.delete(id);
        return byId;
    });
}

/** The badge beside a changed object's title. */
export function changeBadge(page: Page, object: GraphObject): Html {
    const changes = page.site.options.changes;
    const mine = changesByObject(page.site).get(object.id);
    if (!changes || !mine) return html``;
    return html`<a class="badge changed" href="${page.href(Paths.changes)}">${mine.added ? 'new' : 'changed'} since ${changes.from}</a>`;
}

/** The section listing an object's own changes, or undefined when it did not change. */
export function objectChangesSection(page: Page, object: GraphObject): Html | undefined {
    const changes = page.site.options.changes;
    const mine = changesByObject(page.site).get(object.id);
    if (!changes || !mine) return undefined;
    const items: Html[] = [];
    if (mine.added) items.push(html`<li>Added since ${changes.from}.</li>`);
    if (mine.change) items.push(...changeItems(page, mine.change));
    for (const transition of mine.transitions) items.push(html`<li>${transitionItem(page, transition)}</li>`);
    for (const d of mine.newDiagnostics) items.push(html`<li>${diagnosticItem(d, 'new')}</li>`);
    for (const d of mine.fixedDiagnostics) items.push(html`<li>${diagnosticItem(d, 'fixed')}</li>`);
    return section(
        `Changes since ${changes.from}`,
        'changes',
        html`<ul class="plain changes">${items}</ul>
<p class="note"><a href="${page.href(Paths.changes)}">Every change since ${changes.from}</a></p>`,
    );
}

const kindName = (kind: string) => (kind.startsWith('std.') ? kind.slice(4) : kind);

function changeItems(page: Page, change: ObjectChange): Html[] {
    const items: Html[] = [];
    if (change.renamedFrom)
        items.push(
            html`<li><span class="change-kind">renamed</span> from <code>${change.renamedFrom.id}</code> <span class="note">(${change.renamedFrom.heuristic.replace(/-/g, ' ')})</span></li>`,
        );
    if (change.movedFrom)
        items.push(html`<li><span class="change-kind">moved</span> from <code>${change.movedFrom}</code> to <code>${change.file}</code></li>`);
    for (const field of change.fields) {
        items.push(
            html`<li><span class="change-kind">${field.before === undefined ? 'set' : field.after === undefined ? 'unset' : 'changed'}</span> <code>${field.field}</code>: <del>${showValue(field.before)}</del> → <ins>${showValue(field.after)}</ins></li>`,
        );
    }
    for (const link of change.links) items.push(html`<li>${linkItem(page, link)}</li>`);
    return items;
}

function meta(values: LinkChange['before']): string {
    const entries = Object.entries(values ?? {}).sort(([a], [b]) => compareIds(a, b));
    return entries.length === 0 ? '' : `{ ${entries.map(([k, v]) => `${k}: ${showValue(v)}`).join(', ')} }`;
}

function linkItem(page: Page, link: LinkChange): Html {
    const what = html`<code>${kindName(link.kind)}</code> → ${page.link(link.target)}`;
    if (link.change === 'changed')
        return html`<span class="change-kind">link changed</span> ${what}: <del>${meta(link.before)}</del> → <ins>${meta(link.after)}</ins>`;
    const values = meta(link.change === 'added' ? link.after : link.before);
    return html`<span class="change-kind">link ${link.change}</span> ${what}${values ? html` <span class="note">${values}</span>` : ''}`;
}

function transitionValue(transition: Transition, value: string | undefined): Html {
    if (value === undefined) return html`<span class="note">(none)</span>`;
    return transition.field === 'status' ? statusBadge(value) : healthBadge(value);
}

function transitionItem(page: Page, transition: Transition): Html {
    const what =
        transition.field === 'data' ? html`data of ${transition.metric ? page.link(transition.metric) : 'its metric'}` : html`<code>${transition.field}</code>`;
    return html`<span class="transition">${what}: ${transitionValue(transition, transition.before)} → ${transitionValue(transition, transition.after)}</span>`;
}

function diagnosticItem(d: GraphDiagnostic, which: 'new' | 'fixed'): Html {
    return html`<span class="badge ${which === 'new' ? `severity-${d.severity}` : 'health-on-track'}">${which} ${d.severity}</span> ${d.message} <code class="location">${d.location.file}:${d.location.line}</code> <code>${d.code}</code>`;
}

/** The object as the diff names it: a link to its page, or its id and title when it has none (removed). */
function objectItem(page: Page, summary: { id: string; type: string; title?: string; file: string }): Html {
    const exists = page.site.index.get(summary.id) !== undefined;
    const name = exists
        ? page.link(summary.id, { withType: true })
        : html`${summary.title ?? summary.id} <code>${summary.id}</code> <span class="type-tag">${page.site.typeTitle(summary.type)}</span>`;
    return html`${name} <span class="note">${summary.file}</span>`;
}

/** The side compared with: "the working tree" as pom build says it, or a revision, folder or file. */
function toSide(to: string): Html {
    return to === 'working tree' ? html`the working tree` : html`<code>${to}</code>`;
}

export function changesPage(site: SiteContext, changes: GraphDiff): string {
    const page = site.page(Paths.changes);
    const title = `Changes since ${changes.from}`;
    const list = (items: Html[]) => html`<ul class="plain changes">${items}</ul>`;
    const sections: Html[] = [];
    if (changes.added.length > 0) sections.push(section('Added', 'added', list(changes.added.map(o => html`<li>${objectItem(page, o)}</li>`))));
    if (changes.removed.length > 0) sections.push(section('Removed', 'removed', list(changes.removed.map(o => html`<li>${objectItem(page, o)}</li>`))));
    if (changes.changed.length > 0) {
        sections.push(
            section(
                'Changed',
                'changed',
                list(changes.changed.map(change => html`<li>${objectItem(page, change)}<ul class="change-list">${changeItems(page, change)}</ul></li>`)),
            ),
        );
    }
    if (changes.transitions.length > 0) {
        sections.push(
            section(
                'Health and status',
                'transitions',
                html`<div class="table-scroll"><table class="data sortable"><thead><tr><th scope="col">Object</th><th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
<tbody>${changes.transitions.map(
                    t => html`<tr><td>${page.link(t.id)}</td><td>${t.field === 'data' ? html`data of ${t.metric ? page.link(t.metric) : 'its metric'}` : t.field}</td>
<td>${transitionValue(t, t.before)}</td><td>${transitionValue(t, t.after)}</td></tr>`,
                )}</tbody></table></div>`,
            ),
        );
    }
    const diagnostics = [...changes.diagnostics.new.map(d => [d, 'new'] as const), ...changes.diagnostics.fixed.map(d => [d, 'fixed'] as const)];
    if (diagnostics.length > 0) {
        sections.push(
            section(
                'Problems new and fixed',
                'diagnostics',
                list(
                    diagnostics.map(
                        ([d, which]) => html`<li>${diagnosticItem(d, which)}${d.object ? html` <span class="note">on</span> ${page.link(d.object)}` : ''}</li>`,
                    ),
                ),
            ),
        );
    }
    const body =
        sections.length === 0
            ? html`<p class="ok">Nothing changed in the model from <code>${changes.from}</code> to ${toSide(changes.to)}.</p>`
            : html`<p class="lede">From <code>${changes.from}</code> to ${toSide(changes.to)}: ${diffSummary(changes)}.</p>${sections}`;
    return layout(page, { title, crumbs: [{ label: 'Reports' }], section: Paths.changes, body });
}
