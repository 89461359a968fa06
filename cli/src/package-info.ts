import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'pom-lang';

/**
 * The package's root folder: the nearest folder above this module whose package.json is pom's. This module runs
 * from out/cli/src (built) or from a chunk in out/bundle (the bundled CLI).
 */
export function packageRoot(): string {
    return (root ??= findPackageRoot());
}

let root: string | undefined;

function findPackageRoot(): string {
    for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
        const file = join(dir, 'package.json');
        if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    }
    throw new Error(`pom's package.json is missing from this installation (looked above ${fileURLToPath(import.meta.url)})`);
}

export function packageVersion(): string {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
