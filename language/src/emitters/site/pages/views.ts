import type { SiteContext, SiteDiagram } from '../context.js';
import { diagramFigure, FONTS_SCRIPT, styleHashes } from '../diagram-figure.js';
import { html } from '../html.js';
import { allViews, layout } from '../layout.js';
import { Paths } from '../paths.js';
import { badges } from './browse.js';
import { section } from './object.js';

export function viewsIndexPage(site: SiteContext): string {
    const page = site.page(Paths.views);
    const views = allViews(page);
    return layout(page, {
        title: 'Views',
        crumbs: [],
        section: Paths.views,
        body:
            views.length === 0
                ? html`<p class="empty">No views yet. Declare one with <code>view</code> to draw a selection of objects for an audience.</p>`
                : html`<ul class="cards">${views.map(
                      view => html`<li class="card"><h2><a href="${page.href(Paths.view(view.id))}">${view.title}</a></h2>
<p class="note"><code>${view.id}</code> · ${view.objects.length} objects</p></li>`,
                  )}</ul>`,
    });
}

export function viewPages(site: SiteContext): Map<string, string> {
    const pages = new Map<string, string>();
    const diagrams = new Map<string, SiteDiagram>(site.diagrams.map(d => [d.view.id, d]));
    const index = site.page(Paths.views);
    for (const view of allViews(index)) {
        const page = site.page(Paths.view(view.id));
        const diagram = diagrams.get(view.id);
        const declared = site.graph.views.find(v => v.id === view.id);
        const figure =
            diagram && !diagram.tooLarge
                ? diagramFigure(diagram, view.title, 'Select a node to open its page; the same objects are listed below.')
                : html`<p class="note">${diagram?.tooLarge ? 'This view has too many objects to draw legibly; they are listed below.' : 'No diagram was drawn for this view; its objects are listed below.'}</p>`;
        const objects = view.objects.map(id => site.index.get(id)).filter(o => o !== undefined);
        pages.set(
            Paths.view(view.id),
            layout(page, {
                title: view.title,
                styleHashes: diagram && !diagram.tooLarge ? styleHashes(diagram.svg) : [],
                scripts: diagram && !diagram.tooLarge ? [FONTS_SCRIPT] : [],
                kicker: html`View${declared?.audience ? html` for ${declared.audience}` : diagram?.view.audience ? html` for ${diagram.view.audience}` : ''}`,
                crumbs: [{ label: 'Views', path: Paths.views }],
                body: html`${figure}
${section('Objects in this view', 'objects', html`<ul class="plain columns">${objects.map(o => html`<li>${page.link(o.id, { withType: true })} ${badges(o)}</li>`)}</ul>`)}
${declared ? html`<p class="note">Declared in <code class="location">${declared.location.file}:${declared.location.line}</code></p>` : ''}`,
            }),
        );
    }
    return pages;
}
