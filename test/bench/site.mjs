// The static site at scale: `pom build` of a synthetic 10k-object organisation, graph and site, as a whole
// process (fresh output folder), then again unchanged (nothing rewritten). Target: under 15 s for 10k objects.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrganisation } from './generate.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const pom = join(root, 'cli', 'bin', 'pom.js');
const size = Number(process.env.BENCH_SITE_SIZE ?? 10000);
const dir = join(tmpdir(), `pom-bench-site-${size}`);
const out = join(tmpdir(), `pom-bench-site-${size}-out`);
const org = generateOrganisation(dir, size);
rmSync(out, { recursive: true, force: true });

function build(label) {
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [pom, 'build', dir, '--out', out, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status === 2) throw new Error(`pom build failed: ${child.stderr.slice(0, 2000)}`);
    const line = /wrote the site to .*\((.*)\)/.exec(child.stderr)?.[1] ?? '?';
    console.log(`${label.padEnd(22)} ${(wall / 1000).toFixed(2).padStart(6)} s   ${line}`);
    return wall;
}

function folderSize(path) {
    let bytes = 0;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
        const full = join(path, entry.name);
        bytes += entry.isDirectory() ? folderSize(full) : statSync(full).size;
    }
    return bytes;
}

console.log(`\npom build with the site, ${org.objects} objects in ${org.files} files (whole process)`);
const fresh = build('fresh output folder');
build('unchanged rebuild');
console.log(
    `site size: ${(folderSize(out) / 1024 / 1024).toFixed(1)} MiB; search index ${(statSync(join(out, 'assets', 'search-index.js')).size / 1024).toFixed(0)} KiB`,
);
if (fresh > 15000) console.log(`WARNING: the site build took ${(fresh / 1000).toFixed(1)} s, over the 15 s target`);
