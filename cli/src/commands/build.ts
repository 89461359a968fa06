import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileWorkspace } from '../../../language/src/compiler.js';
import { canonicalJson } from '../../../language/src/graph/json.js';
import { writeFileAtomic } from '../atomic-write.js';
import { packageRoot } from '../package-info.js';
import { report, type CheckOptions } from './check.js';

export interface BuildOptions extends CheckOptions {
    out: string;
}

export async function buildCommand(dir: string, options: BuildOptions): Promise<number> {
    const out = resolve(options.out);
    const result = await compileWorkspace(dir, { exclude: [out], asOf: options.asOf });
    const status = report(result, options);
    const schema = await fs.readFile(join(packageRoot(), 'language', 'schema', 'graph.schema.json'), 'utf8');
    const written = [
        await writeFileAtomic(join(out, 'graph.json'), canonicalJson(result.graph)),
        await writeFileAtomic(join(out, 'graph.schema.json'), schema),
    ].filter(Boolean).length;
    process.stderr.write(`pom: wrote ${options.out}/graph.json (${result.graph.objects.length} objects; ${written} file${written === 1 ? '' : 's'} changed)\n`);
    return status;
}
