import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package's root folder: this file is out/cli/src/package-info.js once built. */
export function packageRoot(): string {
    return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export function packageVersion(): string {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
