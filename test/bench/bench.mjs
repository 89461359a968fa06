// npm run bench: how fast pom checks synthetic organisations of 1k, 10k and 50k objects, as a whole
// process (wall time, peak memory, lines/s), and how fast a built 10k workspace re-checks after one file changes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrganisation } from './generate.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const pom = join(root, 'cli', 'bin', 'pom.js');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const rows = [];
for (const size of sizes) {
    const dir = join(tmpdir(), `pom-bench-${size}`);
    const org = generateOrganisation(dir, size);
    const samples = [];
    for (let run = 0; run < runs; run++) {
        const start = process.hrtime.bigint();
        const child = spawnSync(process.execPath, [pom, 'check', dir, '--format', 'json'], {
            env: { ...process.env, POM_STATS: '1' }, maxBuffer: 1 << 30, encoding: 'utf8'
        });
        const wall = Number(process.hrtime.bigint() - start) / 1e6;
        const stats = /pom-stats (\{.*\})/.exec(child.stderr);
        if (!stats || child.status === 2) throw new Error(`pom check failed on ${dir}: ${child.stderr.slice(0, 2000)}`);
        const diagnostics = JSON.parse(child.stdout);
        const errors = diagnostics.filter(d => d.severity === 'error');
        if (errors.length > 0) throw new Error(`generated model has errors: ${JSON.stringify(errors.slice(0, 3))}`);
        samples.push({ wall, rss: JSON.parse(stats[1]).maxRssKiB / 1024 });
    }
    const best = samples.sort((a, b) => a.wall - b.wall)[0];
    rows.push({ objects: org.objects, files: org.files, lines: org.lines, links: org.links, wallMs: best.wall, peakMiB: Math.max(...samples.map(s => s.rss)), linesPerSecond: org.lines / (best.wall / 1000) });
}

console.log('\npom check, whole process (best of %d runs)', runs);
console.log('objects   links    files   lines     wall      peak memory   lines/s');
for (const r of rows) {
    console.log(`${String(r.objects).padEnd(9)} ${String(r.links).padEnd(8)} ${String(r.files).padEnd(7)} ${String(r.lines).padEnd(9)} ${(r.wallMs / 1000).toFixed(2).padStart(6)} s  ${r.peakMiB.toFixed(0).padStart(6)} MiB    ${Math.round(r.linesPerSecond)}`);
}

// Incremental: a built 10k workspace, one file edited, re-checked (parse, relink what depends on it, validate).
const incremental = execFileSync(process.execPath, [join(root, 'test', 'bench', 'incremental.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 });
process.stdout.write(incremental);
// The language server, the editor's real path: didChange to publishDiagnostics (test/bench/lsp.mjs).
process.stdout.write(execFileSync(process.execPath, [join(root, 'test', 'bench', 'lsp.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 }));

// The static site of a 10k-object organisation (test/bench/site.mjs).
process.stdout.write(execFileSync(process.execPath, [join(root, 'test', 'bench', 'site.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ rows, incremental: JSON.parse(readFileSync(join(tmpdir(), 'pom-bench-incremental.json'), 'utf8')), lsp: JSON.parse(readFileSync(join(tmpdir(), 'pom-bench-lsp.json'), 'utf8')) }, null, 2));

// Diagrams: layout and SVG of views of 50, 300 and 1,000 objects, beside Graphviz dot.
process.stdout.write(execFileSync(process.execPath, [join(root, 'test', 'bench', 'diagrams.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
