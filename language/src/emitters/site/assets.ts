import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetFolder } from '../../util/assets.js';

// The site's stylesheet and scripts live in language/assets/site/ as plain files, so they can be edited as CSS and
// JS; util/assets.ts finds the folder wherever pom runs from.

const NAMES = ['site.css', 'site.js', 'search.js', 'live-reload.js', 'favicon.svg'] as const;
export type AssetName = (typeof NAMES)[number];

let cache: Map<AssetName, string> | undefined;

function siteAssetFolder(): string {
    const found = assetFolder('site', NAMES[0]);
    if (!found) throw new Error('the site assets (language/assets/site) are missing from this installation of pom');
    return found;
}

export function siteAssets(): Map<AssetName, string> {
    if (!cache) {
        const folder = siteAssetFolder();
        cache = new Map(NAMES.map(name => [name, readFileSync(join(folder, name), 'utf8')]));
    }
    return cache;
}
