import { createHash } from 'node:crypto';
import type { SiteContext, SiteDiagram } from '../context.js';
import { html, trusted } from '../html.js';
import { allViews, layout } from '../layout.js';
import { Paths } from '../paths.js';
import { badges } from './browse.js';
import { section } from './object.js';

export function viewsIndexPage(site: SiteContext): string {
    const page = site.page(Paths.views);
    const views = allViews(page);
    return layout(page, {
        title: 'Views', crumbs: [], section: Paths.views,
        body: views.length === 0
            ? html`<p class="empty">No views yet. Declare one with <code>view</code> to draw a selection of objects for an audience.</p>`
            : html`<ul class="cards">${views.map(view => html`<li class="card"><h2><a href="${page.href(Paths.view(view.id))}">${view.title}</a></h2>
<p class="note"><code>${view.id}</code> · ${view.objects.length} objects</p></li>`)}</ul>`,
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
        const figure = diagram && !diagram.tooLarge
            ? html`<figure class="diagram" aria-labelledby="diagram-caption" data-name="${view.id.replace(/[^A-Za-z0-9._-]/g, '_')}">
<div class="diagram-toolbar" hidden><button type="button" data-zoom="in" aria-label="Zoom in">+</button><button type="button" data-zoom="out" aria-label="Zoom out">−</button><button type="button" data-zoom="fit">Fit</button><button type="button" data-export="svg">Export SVG</button><button type="button" data-export="png">Export PNG</button></div>
<div class="diagram-viewport" tabindex="0" role="region" aria-label="${view.title}: diagram (arrow keys pan, + and − zoom, 0 fits)">${trusted(diagram.svg)}</div>
<figcaption id="diagram-caption">${view.title}: ${diagram.view.nodes.length} objects and ${diagram.view.edges.length} links. Select a node to open its page; the same objects are listed below.</figcaption>
</figure>`
            : html`<p class="note">${diagram?.tooLarge ? 'This view has too many objects to draw legibly; they are listed below.' : 'No diagram was drawn for this view; its objects are listed below.'}</p>`;
        const objects = view.objects.map(id => site.index.get(id)).filter(o => o !== undefined);
        pages.set(Paths.view(view.id), layout(page, {
            title: view.title,
            styleHashes: diagram && !diagram.tooLarge ? styleHashes(diagram.svg) : [],
            kicker: html`View${declared?.audience ? html` for ${declared.audience}` : diagram?.view.audience ? html` for ${diagram.view.audience}` : ''}`,
            crumbs: [{ label: 'Views', path: Paths.views }],
            body: html`${figure}
${section('Objects in this view', 'objects', html`<ul class="plain columns">${objects.map(o => html`<li>${page.link(o.id, { withType: true })} ${badges(o)}</li>`)}</ul>`)}
${declared ? html`<p class="note">Declared in <code class="location">${declared.location.file}:${declared.location.line}</code></p>` : ''}`,
        }));
    }
    return pages;
}

/**
 * The CSP hashes of the <style> elements in a diagram's SVG: the page allows exactly those stylesheets and no
 * other inline style. The hash is of the element's text, which in SVG is parsed like XML: entities decoded.
 */
export function styleHashes(svg: string): string[] {
    const hashes: string[] = [];
    for (const match of svg.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)) {
        const text = match[1].replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
        hashes.push(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
    }
    return [...new Set(hashes)];
}
