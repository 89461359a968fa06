import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder `language/assets/<name>` of this installation of pom, found by looking upwards from this module for one
 * that holds `file`: it runs from language/src (tests), out/language/src (built), out/bundle (the bundled CLI) or the
 * VS Code extension's dist/ (which ships language/assets beside its bundle). Undefined when none does.
 */
export function assetFolder(name: string, file: string): string | undefined {
    for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
        const candidate = join(dir, 'language', 'assets', name);
        if (existsSync(join(candidate, file))) return candidate;
    }
    return undefined;
}
