import type { FieldValue, GraphObject } from '../../../graph/model.js';
import type { SiteContext } from '../context.js';
import { html } from '../html.js';
import { layout } from '../layout.js';
import { Paths } from '../paths.js';

/** How much of an object's fields and doc the index keeps for matching, to keep large models' index small. */
const TEXT_LIMIT = 600;

export const SEARCH_INDEX_PATH = Paths.asset('search-index.js');

export function searchPage(site: SiteContext): string {
    const page = site.page(Paths.search);
    return layout(page, {
        title: 'Search',
        crumbs: [],
        scripts: ['search-index.js', 'search.js'],
        body: html`<form class="search-page-form" role="search" action="${page.href(Paths.search)}" method="get">
<label for="search-query">Search ids, titles, fields and docs</label>
<input id="search-query" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<p id="search-status" class="note" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
<noscript><p class="note">Search needs JavaScript. Browse by <a href="${page.href(Paths.types)}">type</a> instead.</p></noscript>`,
    });
}

/**
 * The prebuilt index as a script assigning a global: it loads from file://, where fetch() cannot.
 * Rows: [page path, title, id, type title, searchable text].
 */
export function searchIndex(site: SiteContext): string {
    const rows = site.graph.objects.map(object => [Paths.object(object.id), site.title(object), object.id, site.typeTitle(object.type), text(object)]);
    return `window.POM_SEARCH_INDEX = ${JSON.stringify(rows)};\n`;
}

function text(object: GraphObject): string {
    const parts: string[] = [];
    for (const name of Object.keys(object.fields).sort()) parts.push(flatten(object.fields[name]));
    const joined = parts.join(' ').replace(/\s+/g, ' ');
    return joined.length > TEXT_LIMIT ? joined.slice(0, TEXT_LIMIT) : joined;
}

function flatten(value: FieldValue): string {
    return Array.isArray(value) ? value.map(flatten).join(' ') : String(value);
}
