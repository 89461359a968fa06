import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { type GraphDiff, type PomGraph, replaceFile, type ResolvedView, resolveViews, writeFileAtomic } from '../../../language/src/index.js';
import {
    betLineageViews,
    type DiagramResult,
    type ElkPool,
    type ModelHistory,
    objectLinkFromViewPage,
    renderDiagrams,
    type SiteDiagram,
    type SiteFile,
    siteFileContent,
    siteFiles,
    viewLinkFromViewPage,
} from '../../../language/src/render.js';
import type { DiagramsOutputOptions } from '../commands/diagrams-output.js';

/** Lists the files pom wrote into a site folder; its presence means pom created the folder and may clean it. */
export const SITE_MARKER = '.pom-site';
/** Marks a folder `pom build` writes into (with or without the site), so that the next build knows it may. */
export const BUILD_MARKER = '.pom-build';
/** Files `pom build` writes beside the site: a folder holding only these is still one pom may take over. */
const BUILD_OUTPUTS = new Set(['graph.json', 'graph.schema.json', 'changes.json', 'diagrams', '.pom-cache', BUILD_MARKER]);

export interface SiteWriteResult {
    files: number;
    written: number;
    removed: number;
    /** False when the folder held other files before pom wrote there: then nothing is ever deleted from it. */
    owned: boolean;
}

export interface RenderSiteOptions extends DiagramsOutputOptions {
    liveReload?: boolean;
    /** Where diagram layouts are cached (pom build shares its cache with the diagrams it writes). */
    layoutCache?: string;
    /** What changed since `pom build --since <rev>`: the site shows it. */
    changes?: GraphDiff;
    /** The model over time (`pom build --history <rev>`): the site charts it and lists each object's changes. */
    history?: ModelHistory;
    /** Diagrams already rendered with links to object pages (pom build's <out>/diagrams): used as they are. */
    rendered?: DiagramResult[];
    /** The bets' lineage diagrams, when already rendered (renderLineageDiagrams): pom build lays them out beside its views. */
    renderedLineages?: DiagramResult[];
    /** The layout pool to use (pom build's, shared with its diagrams); by default one of its own. */
    pool?: ElkPool;
}

/** Diagrams as the site shows them: nodes link to object pages, roll-up groups to their drill-down views. */
function renderSiteDiagrams(graph: PomGraph, views: ResolvedView[], options: RenderSiteOptions): Promise<DiagramResult[]> {
    return renderDiagrams(graph, views, {
        linkFor: objectLinkFromViewPage,
        viewLinkFor: viewLinkFromViewPage,
        cacheDir: options.layoutCache,
        maxNodes: options.diagramLimit,
        timeoutMs: options.layoutTimeout !== undefined ? options.layoutTimeout * 1000 : undefined,
        pool: options.pool,
    });
}

/** The lineage diagrams the site draws on bet pages (betLineageViews). */
export function renderLineageDiagrams(graph: PomGraph, options: RenderSiteOptions = {}): Promise<DiagramResult[]> {
    return renderSiteDiagrams(graph, betLineageViews(graph), options);
}

/** The site for a graph: pages, assets and the diagrams of its views, whose nodes link to object pages. */
export async function renderSite(graph: PomGraph, options: RenderSiteOptions = {}): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    for (const [path, file] of await renderSiteFiles(graph, options)) files.set(path, siteFileContent(file));
    return files;
}

/** As renderSite, the object pages rendered only when written (siteFiles). */
async function renderSiteFiles(graph: PomGraph, options: RenderSiteOptions): Promise<Map<string, SiteFile>> {
    // The views' diagrams and each bet's lineage (unless pom build drew them already), laid out together.
    const views = options.rendered ? [] : resolveViews(graph);
    const lineages = options.renderedLineages ? [] : betLineageViews(graph);
    const drawn = await renderSiteDiagrams(graph, [...views, ...lineages], options);
    const results = options.rendered ?? drawn.slice(0, views.length);
    const lineageResults = options.renderedLineages ?? drawn.slice(views.length);
    const siteDiagram = (result: DiagramResult): SiteDiagram => ({ view: result.view, svg: result.svg, tooLarge: result.tooLarge !== undefined });
    return siteFiles(graph, {
        liveReload: options.liveReload,
        diagrams: () => results.map(siteDiagram),
        lineageDiagrams: lineageResults.map(siteDiagram),
        changes: options.changes,
        history: options.history,
    });
}

/**
 * Writes the site into `out`: each file atomically and only when it changed. Pages from an earlier build that
 * no longer exist are removed, but only from a folder pom created (marked by .pom-site), and only files pom wrote.
 */
export async function writeSite(out: string, files: Map<string, SiteFile>): Promise<SiteWriteResult> {
    const markerPath = join(out, SITE_MARKER);
    const previous = await fs.readFile(markerPath, 'utf8').then(
        text => text.split('\n').filter(Boolean),
        () => undefined,
    );
    const owned = previous !== undefined || (await isEmptyOrMissing(out));
    const paths = [...files.keys()].sort();
    if (owned) {
        // Record what is about to be written first, so an interrupted build can still be cleaned next time.
        writeFileAtomic(markerPath, [...new Set([...(previous ?? []), ...paths])].sort().join('\n') + '\n');
    }
    let written = 0;
    // A folder pom is about to fill for the first time holds none of these files: nothing to compare with, and each
    // folder is created once rather than once per file (a 10k-object site is about 10,300 files).
    const fresh = owned && previous === undefined;
    if (fresh) {
        for (const folder of [...new Set(paths.map(path => dirname(join(out, path))))].sort()) await fs.mkdir(folder, { recursive: true });
    }
    for (const path of paths) {
        const target = join(out, path);
        // Rendered here if it was not yet, and then dropped: only one such page is held at a time.
        const content = siteFileContent(files.get(path)!);
        if (fresh ? replaceFile(target, content) : writeFileAtomic(target, content)) written++;
    }
    let removed = 0;
    if (owned) {
        const stale = (previous ?? []).filter(path => !files.has(path) && isSitePath(path));
        for (const path of stale) {
            await fs.rm(join(out, path), { force: true });
            removed++;
            await removeEmptyFolders(out, dirname(path));
        }
        writeFileAtomic(markerPath, paths.join('\n') + '\n');
    }
    return { files: paths.length, written, removed, owned };
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
    const entries = await fs.readdir(dir).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
    });
    return entries.every(name => BUILD_OUTPUTS.has(name));
}

/** A relative path inside the site: a marker file edited to name anything else is ignored. */
function isSitePath(path: string): boolean {
    const normal = normalize(path);
    return !isAbsolute(normal) && normal === path.split('/').join(sep) && !normal.split(sep).includes('..') && normal !== SITE_MARKER;
}

async function removeEmptyFolders(out: string, folder: string): Promise<void> {
    for (let current = folder; current !== '.' && current !== ''; current = dirname(current)) {
        const removed = await fs.rmdir(join(out, current)).then(
            () => true,
            () => false,
        );
        if (!removed) return;
    }
}

/** Where pom build caches layouts: its diagrams and the site's share the cache. */
export function siteLayoutCache(out: string): string {
    return join(out, '.pom-cache', 'layout');
}

/** `pom build`'s site step: renders and writes the site, then says what changed. */
export async function buildSiteCommand(
    out: string,
    shownOut: string,
    graph: PomGraph,
    options: DiagramsOutputOptions & { changes?: GraphDiff; history?: ModelHistory; pool?: ElkPool; renderedLineages?: DiagramResult[] } = {},
    rendered?: DiagramResult[],
): Promise<void> {
    const result = await writeSite(out, await renderSiteFiles(graph, { ...options, layoutCache: siteLayoutCache(out), rendered }));
    process.stderr.write(
        `pom: wrote the site to ${shownOut}/index.html (${result.files} files; ${result.written} changed` +
            `${result.removed > 0 ? `, ${result.removed} stale removed` : ''})\n`,
    );
    if (!result.owned) {
        process.stderr.write(
            `pom: note: ${shownOut} held other files before pom wrote there, so stale pages are never removed from it; ` +
                `build into a new or empty folder to let pom keep it clean\n`,
        );
    }
}
