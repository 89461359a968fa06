import { existsSync, promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { canonicalJson, diffGraphs, isInside, isTemporaryFileName, WorkspaceError, writeFileAtomic } from '../../../language/src/index.js';
import { packageRoot } from '../package-info.js';
import { report, type CheckOptions } from './check.js';
import { BUILD_MARKER, buildSiteCommand, renderLineageDiagrams, SITE_MARKER, siteLayoutCache } from '../site/write-site.js';
import { ElkPool } from '../../../language/src/render.js';
import { writeDiagrams, type DiagramsOutputOptions } from './diagrams-output.js';
import { loadModel } from './diff.js';
import { compileAt } from '../revision.js';

export interface BuildOptions extends CheckOptions, DiagramsOutputOptions {
    out: string;
    /** Write the static site too (--no-site turns it off). */
    site?: boolean;
    /** A git revision (or folder, or graph JSON) to compare with: writes <out>/changes.json. */
    since?: string;
    /** Write into a non-empty folder that pom did not create. */
    force?: boolean;
    /** A git revision: the site charts the model's health at each commit since it and lists each object's changes. */
    history?: string;
}

/**
 * Refuses an output folder that would swallow the sources (the workspace itself, or a folder that contains it),
 * and a non-empty folder pom did not create, unless --force. A folder inside the workspace is fine: it is not read.
 */
export async function checkOutputFolder(workspace: string, out: string, force: boolean): Promise<void> {
    const [realWorkspace, realOut] = await Promise.all([realOrSelf(workspace), realOrSelf(out)]);
    if (realOut === realWorkspace || isInside(realOut, realWorkspace)) {
        throw new WorkspaceError(
            `--out ${out} contains the workspace ${workspace}: pom would write its output over the sources. ` +
                'Choose a folder of its own, such as --out site.',
        );
    }
    if (force) return;
    const entries = await fs.readdir(out).catch((caught: unknown) => {
        const error = caught as NodeJS.ErrnoException;
        if (error.code === 'ENOENT') return [] as string[];
        if (error.code === 'ENOTDIR') throw new WorkspaceError(`--out ${out} is a file, not a folder.`);
        throw error;
    });
    if (entries.length === 0 || entries.includes(SITE_MARKER) || entries.includes(BUILD_MARKER)) return;
    // Built before pom marked its folders: only pom's own outputs are there.
    if (entries.includes('graph.schema.json') && entries.every(name => PREVIOUS_OUTPUTS.has(name))) return;
    throw new WorkspaceError(
        `--out ${out} is not empty and pom did not create it: pom would overwrite files there ` +
            '(index.html, assets/, graph.json…). Choose a new or empty folder, or pass --force to write there anyway.',
    );
}

const PREVIOUS_OUTPUTS = new Set([
    'graph.json',
    'graph.schema.json',
    'changes.json',
    'diagrams',
    '.pom-cache',
    'index.html',
    'assets',
    'o',
    't',
    'v',
    'h',
    'reports',
    'search.html',
    'types.html',
    'teams.html',
    'views.html',
    'horizons.html',
    'search-index.js',
]);

async function realOrSelf(path: string): Promise<string> {
    // The folder may not exist yet: resolve its nearest existing parent.
    try {
        return await fs.realpath(path);
    } catch {
        const parent = dirname(path);
        return parent === path ? path : join(await realOrSelf(parent), basename(path));
    }
}

/** The temporary files of an atomic write that a killed build left behind, anywhere in <out>. */
export async function removeLeftoverTemporaryFiles(out: string): Promise<number> {
    const entries = await fs.readdir(out, { recursive: true, withFileTypes: true }).catch(() => []);
    let removed = 0;
    for (const entry of entries) {
        if (!entry.isFile() || !isTemporaryFileName(entry.name)) continue;
        await fs.rm(join(entry.parentPath, entry.name), { force: true });
        removed++;
    }
    return removed;
}

export async function buildCommand(dir: string, options: BuildOptions): Promise<number> {
    const out = resolve(options.out);
    await checkOutputFolder(resolve(dir), out, options.force === true);
    await removeLeftoverTemporaryFiles(out);
    // One layout pool for the views' diagrams and the site's lineage diagrams. In a first build (no layout cache
    // yet: everything is laid out) its workers start now, so that loading ELK in them overlaps the compile.
    const pool = new ElkPool();
    if (!existsSync(siteLayoutCache(out))) pool.warmUp();
    try {
        const result = await compileAt(dir, options.rev, { exclude: [out], asOf: options.asOf });
        const status = report(result, options);
        const schema = await fs.readFile(join(packageRoot(), 'language', 'schema', 'graph.schema.json'), 'utf8');
        // "Changed since <rev>": the GraphDiff the site renders (docs/diff.md, "For the site").
        const changes = options.since
            ? diffGraphs(await loadModel(options.since, dir, options.asOf), result.graph, { from: options.since, to: options.rev ?? 'working tree' })
            : undefined;
        writeFileAtomic(join(out, BUILD_MARKER), 'This folder is written by pom build: it may overwrite and remove files here.\n');
        // With the site, the diagrams link to object pages and the site reuses them rather than rendering them again.
        // The site's lineage diagrams are laid out alongside the views, keeping both workers busy to the end.
        const lineages =
            options.site !== false
                ? renderLineageDiagrams(result.graph, {
                      diagramLimit: options.diagramLimit,
                      layoutTimeout: options.layoutTimeout,
                      layoutCache: siteLayoutCache(out),
                      pool,
                  })
                : undefined;
        // The layouts start before graph.json is written: ELK works in its threads while this one serialises the graph.
        const drawing = writeDiagrams(result.graph, out, { ...options, linkToSite: options.site !== false, pool });
        // Both awaited below; a failure meanwhile (a layout past its deadline) is reported there, not as unhandled.
        lineages?.catch(() => undefined);
        drawing.catch(() => undefined);
        const written = [
            writeFileAtomic(join(out, 'graph.json'), canonicalJson(result.graph)),
            writeFileAtomic(join(out, 'graph.schema.json'), schema),
            changes && writeFileAtomic(join(out, 'changes.json'), canonicalJson(changes)),
        ].filter(Boolean).length;
        // A changes.json from an earlier build --since would describe another comparison: remove it, in folders pom made.
        if (!changes && existsSync(join(out, SITE_MARKER))) await fs.rm(join(out, 'changes.json'), { force: true });
        process.stderr.write(
            `pom: wrote ${options.out}/graph.json (${result.graph.objects.length} objects; ${written} file${written === 1 ? '' : 's'} changed)\n`,
        );
        const diagrams = await drawing;
        if (options.site !== false) {
            const history = options.history ? await (await import('./history.js')).modelHistory(dir, options.history) : undefined;
            await buildSiteCommand(out, options.out, result.graph, { ...options, changes, history, pool, renderedLineages: await lineages }, diagrams.results);
        }
        return status;
    } finally {
        await pool.close();
    }
}
