import type { Page } from './context.js';
import { html, type Html } from './html.js';
import { Paths } from './paths.js';
import { compareIds } from '../../util/compare.js';

/**
 * No inline script and scripts only from the site itself: even if a model string escaped into a page, it could not
 * run. Styles likewise come only from the site's stylesheet (diagram SVGs are styled by it too).
 */
export const CONTENT_SECURITY_POLICY =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'";

/** The policy of a page that inlines the given <style> elements (a diagram's stylesheet): each allowed by its hash. */
export function contentSecurityPolicy(styleHashes: string[] = []): string {
    if (styleHashes.length === 0) return CONTENT_SECURITY_POLICY;
    return CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' ${styleHashes.map(h => `'${h}'`).join(' ')}`);
}

export interface Crumb {
    label: string;
    path?: string;
}

export interface PageContent {
    title: string;
    /** Shown above the title, such as the object's type. */
    kicker?: Html;
    /** Badges beside the title. */
    badges?: Html;
    crumbs: Crumb[];
    body: Html;
    /** Extra scripts for this page, by asset name (search.js). */
    scripts?: string[];
    /** The page's entry in the sidebar, for aria-current. */
    section?: string;
    /** CSP hashes (`sha256-…`) of <style> elements the page inlines from a trusted renderer. */
    styleHashes?: string[];
}

export function layout(page: Page, content: PageContent): string {
    const site = page.site;
    const asset = (name: string) => page.href(Paths.asset(name));
    const scripts = [...(content.scripts ?? []), ...(site.options.liveReload ? ['live-reload.js'] : [])];
    const crumbs = [{ label: 'Home', path: Paths.home }, ...content.crumbs];
    const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(content.styleHashes)}">
<meta name="referrer" content="no-referrer">
<title>${content.title} · pom</title>
<link rel="icon" href="${asset('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${asset('site.css')}">
<script src="${asset('site.js')}"></script>
${scripts.map(name => html`<script src="${asset(name)}" defer></script>\n`)}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
<a class="brand" href="${page.href(Paths.home)}"><span class="brand-mark" aria-hidden="true">◆</span> pom</a>
<form class="search-form" role="search" action="${page.href(Paths.search)}" method="get">
<label class="visually-hidden" for="site-search">Search the model</label>
<input id="site-search" name="q" type="search" placeholder="Search ids, titles, fields, docs" autocomplete="off">
</form>
<button class="theme-toggle" type="button" hidden aria-label="Switch between light and dark theme">◐</button>
</header>
<div class="shell">
<details class="sidebar" open>
<summary>Menu</summary>
${site.memo(`sidebar|${page.href('')}|${content.section ?? ''}`, () => sidebar(page, content.section))}
</details>
<main id="main" tabindex="-1">
${breadcrumbs(page, crumbs, content.title)}
<header class="page-header">
${content.kicker ? html`<p class="kicker">${content.kicker}</p>` : ''}
<h1>${content.title}</h1>
${content.badges ? html`<p class="badges">${content.badges}</p>` : ''}
</header>
${content.body}
</main>
</div>
<footer class="footer"><p>Built by pom from ${site.graph.files.length} files, ${site.graph.objects.length} objects${site.asOf ? html`, as of ${site.asOf}` : ''}.</p></footer>
</body>
</html>
`;
    return doc.value;
}

function breadcrumbs(page: Page, crumbs: Crumb[], current: string): Html {
    return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${crumbs.map(
        crumb => html`<li>${crumb.path ? html`<a href="${page.href(crumb.path)}">${crumb.label}</a>` : crumb.label}</li>`,
    )}<li><span aria-current="page">${current}</span></li></ol></nav>`;
}

function sidebar(page: Page, section: string | undefined): Html {
    const site = page.site;
    const entry = (path: string, label: string, count?: number) =>
        html`<li><a href="${page.href(path)}"${
            section === path ? html` aria-current="page"` : ''
        }>${label}${count !== undefined ? html` <span class="count">${count}</span>` : ''}</a></li>`;
    const warnings = site.graph.diagnostics.length;
    const types = usedTypes(page);
    return html`<nav class="nav" aria-label="Site">
<h2 class="nav-heading">Overview</h2>
<ul>
${entry(Paths.home, 'Strategy')}
${entry(Paths.teams, 'Teams', site.index.ofType('std.team').length)}
${entry(Paths.horizons, 'Horizons')}
${entry(Paths.views, 'Views', viewCount(page))}
</ul>
<h2 class="nav-heading">Reports</h2>
<ul>
${entry(Paths.offTrack, "What's off track")}
${entry(Paths.deliveryRisk, 'Delivery risk')}
${entry(Paths.health, 'Model health', warnings)}
${site.options.changes ? entry(Paths.changes, `Changes since ${site.options.changes.from}`) : ''}
${site.options.history ? entry(Paths.history, 'Health over time') : ''}
</ul>
<h2 class="nav-heading">Questions</h2>
<ul>
${site.graph.queries.map(query => entry(Paths.query(query.id), query.name))}
</ul>
<h2 class="nav-heading">Types</h2>
<ul>
${types.map(([typeId, count]) => entry(Paths.type(typeId), site.typeTitle(typeId), count))}
</ul>
</nav>`;
}

/** Types that have objects of their own (not counting subtypes), with those counts, by title. */
export function usedTypes(page: Page): Array<[string, number]> {
    return page.site.memo('used-types', () => countTypes(page));
}

function countTypes(page: Page): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const object of page.site.graph.objects) counts.set(object.type, (counts.get(object.type) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => compareIds(page.site.typeTitle(a), page.site.typeTitle(b)) || compareIds(a, b));
}

export function viewCount(page: Page): number {
    return allViews(page).length;
}

/** Declared views and rendered built-in ones, by id. */
export function allViews(page: Page): Array<{ id: string; title: string; objects: string[] }> {
    return page.site.memo('views', () => collectViews(page));
}

function collectViews(page: Page): Array<{ id: string; title: string; objects: string[] }> {
    const site = page.site;
    const byId = new Map<string, { id: string; title: string; objects: string[] }>();
    for (const view of site.graph.views) byId.set(view.id, { id: view.id, title: view.title ?? view.name, objects: view.objects });
    for (const diagram of site.diagrams) {
        byId.set(diagram.view.id, { id: diagram.view.id, title: diagram.view.title, objects: diagram.view.nodes.map(n => n.id) });
    }
    return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}
