import { existsSync, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileWorkspace } from '../../../language/src/compiler.js';
import { canonicalJson } from '../../../language/src/graph/json.js';
import { writeFileAtomic } from '../../../language/src/util/atomic-write.js';
import { packageRoot } from '../package-info.js';
import { report, type CheckOptions } from './check.js';
import { buildSiteCommand } from '../site/write-site.js';
import { writeDiagrams, type DiagramsOutputOptions } from './diagrams-output.js';
import { diffGraphs } from '../../../language/src/diff/diff.js';
import { loadModel } from './diff.js';
import { atRevision } from '../revision.js';

export interface BuildOptions extends CheckOptions, DiagramsOutputOptions {
    out: string;
    /** Write the static site too (--no-site turns it off). */
    site?: boolean;
    /** A git revision (or folder, or graph JSON) to compare with: writes <out>/changes.json. */
    since?: string;
}

export async function buildCommand(dir: string, options: BuildOptions): Promise<number> {
    const out = resolve(options.out);
    const result = await atRevision(dir, options.rev, folder => compileWorkspace(folder, { exclude: [out], asOf: options.asOf }));
    const status = report({ ...result, root: resolve(dir) }, options);
    const schema = await fs.readFile(join(packageRoot(), 'language', 'schema', 'graph.schema.json'), 'utf8');
    // "Changed since <rev>": the GraphDiff the site renders (docs/diff.md, "For the site").
    const changes = options.since
        ? diffGraphs(await loadModel(options.since, dir, options.asOf), result.graph, { from: options.since, to: options.rev ?? 'working tree' })
        : undefined;
    const written = [
        await writeFileAtomic(join(out, 'graph.json'), canonicalJson(result.graph)),
        await writeFileAtomic(join(out, 'graph.schema.json'), schema),
        changes && await writeFileAtomic(join(out, 'changes.json'), canonicalJson(changes)),
    ].filter(Boolean).length;
    // A changes.json from an earlier build --since would describe another comparison: remove it, in folders pom made.
    if (!changes && existsSync(join(out, '.pom-site'))) await fs.rm(join(out, 'changes.json'), { force: true });
    process.stderr.write(`pom: wrote ${options.out}/graph.json (${result.graph.objects.length} objects; ${written} file${written === 1 ? '' : 's'} changed)\n`);
    // With the site, the diagrams link to object pages and the site reuses them rather than rendering them again.
    const diagrams = await writeDiagrams(result.graph, out, { ...options, linkToSite: options.site !== false });
    if (options.site !== false) await buildSiteCommand(out, options.out, result.graph, { ...options, changes }, diagrams.results);
    return status;
}
