// The static strategy site: plain HTML pages and SVG diagrams that read from file:// or any sub-path, with no
// server and no script needed (scripts only enhance: search, sorting, pan and zoom, the theme switch).
// Pure: a graph (and rendered diagrams) in, a map of site-relative paths to contents out.

import type { PomGraph } from '../../graph/model.js';
import { siteAssets } from './assets.js';
import { FONTS_SCRIPT, fontsScript } from './diagram-figure.js';
import { SiteContext, type SiteOptions } from './context.js';
import { Paths, relativeHref } from './paths.js';
import { teamsIndexPage, typePages, typesIndexPage } from './pages/browse.js';
import { changesPage } from './pages/changes.js';
import { historyExtension, historyPage } from './pages/history.js';
import { homePage } from './pages/home.js';
import { horizonPages, horizonsPage } from './pages/horizons.js';
import { objectPage } from './pages/object.js';
import { deliveryRiskPage, healthPage, offTrackPage } from './pages/reports.js';
import { queryPages } from './pages/queries.js';
import { SEARCH_INDEX_PATH, searchIndex, searchPage } from './pages/search.js';
import { viewPages, viewsIndexPage } from './pages/views.js';

export type { SiteDiagram, SiteExtension, SiteOptions } from './context.js';
export { Paths } from './paths.js';
export { betLineageViews, LINEAGE_DIAGRAM_BETS } from './lineage.js';

/** The href of a view's page from a view page (or from <out>/diagrams, as deep): a roll-up's group links to its drill-down. */
export function viewLinkFromViewPage(viewId: string): string {
    return relativeHref(Paths.view('view'), Paths.view(viewId));
}

/** The href of an object's page from a view page: what diagram nodes link to. */
export function objectLinkFromViewPage(id: string): string {
    return relativeHref(Paths.view('view'), Paths.object(id));
}

/** A file of the site: its content, or (an object page) the function that renders it. */
export type SiteFile = string | (() => string);

/** A site file's content, rendered now if it was not yet. */
export function siteFileContent(file: SiteFile): string {
    return typeof file === 'string' ? file : file();
}

/** The site with every page rendered. */
export function buildSite(graph: PomGraph, options: SiteOptions = {}): Map<string, string> {
    const files = new Map<string, string>();
    for (const [path, file] of siteFiles(graph, options)) files.set(path, siteFileContent(file));
    return files;
}

/**
 * The site's files by path, the object pages (most of a large site: 10,200 of 10,449 at 10k objects) rendered only
 * when asked for, so that a writer that writes each as it comes never holds them all: less memory, and each page
 * is collected young.
 */
export function siteFiles(graph: PomGraph, options: SiteOptions = {}): Map<string, SiteFile> {
    if (options.history) options = { ...options, extensions: [...(options.extensions ?? []), historyExtension(options.history)] };
    const site = new SiteContext(graph, options);
    const files = new Map<string, SiteFile>();
    const assets = siteAssets();
    files.set(Paths.asset('site.css'), assets.get('site.css')!);
    files.set(Paths.asset('site.js'), assets.get('site.js')!);
    files.set(Paths.asset('search.js'), assets.get('search.js')!);
    files.set(Paths.asset('favicon.svg'), assets.get('favicon.svg')!);
    files.set(Paths.asset(FONTS_SCRIPT), fontsScript());
    if (options.liveReload) files.set(Paths.asset('live-reload.js'), assets.get('live-reload.js')!);
    files.set(SEARCH_INDEX_PATH, searchIndex(site));

    files.set(Paths.home, homePage(site));
    files.set(Paths.search, searchPage(site));
    files.set(Paths.types, typesIndexPage(site));
    files.set(Paths.teams, teamsIndexPage(site));
    files.set(Paths.views, viewsIndexPage(site));
    files.set(Paths.horizons, horizonsPage(site));
    files.set(Paths.offTrack, offTrackPage(site));
    files.set(Paths.deliveryRisk, deliveryRiskPage(site));
    files.set(Paths.health, healthPage(site));
    if (options.changes) files.set(Paths.changes, changesPage(site, options.changes));
    if (options.history) files.set(Paths.history, historyPage(site, options.history));
    for (const pages of [typePages(site), viewPages(site), horizonPages(site), queryPages(site)]) {
        for (const [path, content] of pages) files.set(path, content);
    }
    for (const object of graph.objects) files.set(Paths.object(object.id), () => objectPage(site, object));
    return files;
}
