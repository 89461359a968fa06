import { promises as fs } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findPomFiles, writeFileAtomic } from '../../../language/src/index.js';
import { packageRoot } from '../package-info.js';
import { UsageError } from '../main.js';

export async function initCommand(dir: string, options: { force: boolean }): Promise<number> {
    const target = resolve(dir);
    await fs.mkdir(target, { recursive: true });
    const existing = await findPomFiles(target);
    if (existing.length > 0 && !options.force) {
        throw new UsageError(
            `${dir} already holds .pom files (${relative(process.cwd(), existing[0]) || existing[0]}); ` +
                `choose an empty folder, or pass --force to add the starter files next to them.`,
        );
    }
    const template = join(packageRoot(), 'examples', 'starter');
    const files = await findPomFiles(template);
    for (const file of files) {
        const destination = join(target, relative(template, file));
        if (
            options.force &&
            (await fs.stat(destination).then(
                () => true,
                () => false,
            ))
        ) {
            throw new UsageError(`${relative(process.cwd(), destination)} exists; pom init never overwrites a file.`);
        }
        writeFileAtomic(destination, await fs.readFile(file, 'utf8'));
    }
    const shown = relative(process.cwd(), target) || '.';
    process.stdout.write(
        `Created a starter workspace in ${shown}:\n${files.map(f => `  ${relative(template, f)}\n`).join('')}` +
            `Next: pom check ${shown}   then   pom build ${shown} --out out\n`,
    );
    return 0;
}
