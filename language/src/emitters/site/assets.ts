import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The site's stylesheet and scripts live in language/assets/site/ as plain files, so they can be edited as CSS and
// JS. This module runs from language/src (tests) or out/language/src (built): look upwards for the folder.

const NAMES = ['site.css', 'site.js', 'search.js', 'live-reload.js', 'favicon.svg'] as const;
export type AssetName = (typeof NAMES)[number];

let cache: Map<AssetName, string> | undefined;

function assetFolder(): string {
    for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
        const candidate = join(dir, 'language', 'assets', 'site');
        if (existsSync(candidate)) return candidate;
    }
    throw new Error('the site assets (language/assets/site) are missing from this installation of pom');
}

export function siteAssets(): Map<AssetName, string> {
    if (!cache) {
        const folder = assetFolder();
        cache = new Map(NAMES.map(name => [name, readFileSync(join(folder, name), 'utf8')]));
    }
    return cache;
}
