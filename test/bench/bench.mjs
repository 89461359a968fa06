// npm run bench: the editor paths at 10k objects; how fast pom checks synthetic organisations of 1k, 10k and 50k
// objects as a user sees it (the whole `pom check` process: median wall time, CPU time, peak memory), beside LikeC4
// (`likec4 validate --no-layout`) on the same organisation written in its language; then the site and the diagrams.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLikeC4Organisation, generateOrganisation } from './generate.mjs';
import { ensureLikeC4, machineLoad, median, timeNodeProcess } from './measure.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const pom = join(root, 'cli', 'bin', 'pom.js');

const checkOnly = process.env.BENCH_ONLY === 'check'; // just the table of pom check beside LikeC4

// The editor paths come first, on the idle machine their targets are set for. Right after LikeC4's 50k run (four
// minutes, 2.2 GB) the same build's edit latency measured 57-65 ms median against 36-43 ms minutes later.
if (!checkOnly) {
    // Incremental: a built 10k workspace, one file edited, re-checked (parse, relink what depends on it, validate).
    const incremental = execFileSync(process.execPath, [join(root, 'test', 'bench', 'incremental.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    process.stdout.write(incremental);
    // The language server, the editor's real path: didChange to publishDiagnostics (test/bench/lsp.mjs).
    process.stdout.write(execFileSync(process.execPath, [join(root, 'test', 'bench', 'lsp.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    // The editor: keystroke CPU with a body left unclosed above ten views, completion latency at 10k objects (test/bench/editor.mjs).
    await benchEditor();
}

const rows = await benchCheck();
if (checkOnly) process.exit(0);

// The static site of a 10k-object organisation (test/bench/site.mjs).
process.stdout.write(execFileSync(process.execPath, [join(root, 'test', 'bench', 'site.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
if (process.env.BENCH_JSON)
    writeFileSync(
        process.env.BENCH_JSON,
        JSON.stringify(
            {
                rows,
                incremental: JSON.parse(readFileSync(join(tmpdir(), 'pom-bench-incremental.json'), 'utf8')),
                lsp: JSON.parse(readFileSync(join(tmpdir(), 'pom-bench-lsp.json'), 'utf8')),
            },
            null,
            2,
        ),
    );

// Diagrams: layout and SVG of views of 50, 300 and 1,000 objects, beside Graphviz dot.
process.stdout.write(execFileSync(process.execPath, [join(root, 'test', 'bench', 'diagrams.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 }));

// Layout quality beside Graphviz dot, per view (test/bench/layout-quality.mjs).
await (await import('./layout-quality.mjs')).benchLayoutQuality();

/**
 * pom check at each size (BENCH_SIZES), and `likec4 validate --no-layout` on the same organisation at the sizes in
 * BENCH_LIKEC4_SIZES, the two run in turn so that both see the same machine. Prints one table; returns its rows.
 */
async function benchCheck() {
    const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
    const compared = new Set(process.env.BENCH_LIKEC4 === 'off' ? [] : (process.env.BENCH_LIKEC4_SIZES ?? '10000,50000').split(',').map(Number));
    const likec4Version = process.env.BENCH_LIKEC4_VERSION ?? '1.59.4';
    const likec4 = compared.size > 0 ? ensureLikeC4(likec4Version) : { error: 'BENCH_LIKEC4=off' };
    if (likec4.error) console.log(`\nLikeC4 comparison skipped: ${likec4.error}`);
    const scratch = mkdtempSync(join(tmpdir(), 'pom-bench-check-'));
    const loadBefore = machineLoad();
    const rows = [];
    try {
        for (const size of sizes) {
            const pomDir = join(scratch, `pom-${size}`);
            const org = generateOrganisation(pomDir, size);
            const withLikeC4 = compared.has(size) && !likec4.error;
            const likec4Dir = join(scratch, `likec4-${size}`);
            if (withLikeC4) generateLikeC4Organisation(likec4Dir, size);
            // LikeC4 takes minutes at 50k objects: one run there unless BENCH_RUNS asks for more.
            const runs = Number(process.env.BENCH_RUNS ?? (size > 10000 ? 1 : 5));
            const pomSamples = [];
            const likec4Samples = [];
            for (let run = 0; run < runs; run++) {
                const sample = timeNodeProcess([pom, 'check', pomDir]);
                if (sample.status !== 0)
                    throw new Error(`pom check failed (exit ${sample.status}) on the generated model: ${(sample.stdout + sample.stderr).slice(0, 2000)}`);
                pomSamples.push(sample);
                if (withLikeC4) {
                    const other = timeNodeProcess([likec4.cli, 'validate', '--no-layout', likec4Dir], { env: { NO_COLOR: '1' } });
                    if (other.status !== 0)
                        throw new Error(`likec4 validate failed (exit ${other.status}) on the generated model: ${(other.stdout + other.stderr).slice(-2000)}`);
                    likec4Samples.push(other);
                }
            }
            const summary = samples =>
                samples.length === 0
                    ? undefined
                    : {
                          wallMs: median(samples.map(s => s.wallMs)),
                          cpuMs: median(samples.map(s => s.cpuMs)),
                          peakMiB: Math.max(...samples.map(s => s.peakMiB)),
                          walls: samples.map(s => Math.round(s.wallMs)),
                      };
            rows.push({
                objects: org.objects,
                files: org.files,
                lines: org.lines,
                links: org.links,
                runs,
                pom: summary(pomSamples),
                likec4: summary(likec4Samples),
            });
            if (process.env.BENCH_VERBOSE) console.log(`measured ${org.objects} objects: ${JSON.stringify(rows.at(-1))}`);
        }
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    const seconds = ms => `${(ms / 1000).toFixed(2).padStart(6)} s`;
    const mib = value => `${value.toFixed(0).padStart(5)} MiB`;
    console.log(`\npom check beside likec4 validate --no-layout (LikeC4 ${likec4Version}), whole process, median of the runs, run in turn`);
    console.log(`machine: before ${loadBefore}; after ${machineLoad()}`);
    console.log(
        'objects  links   files lines   runs | pom check: wall    CPU        peak      lines/s | likec4: wall    CPU        peak     | pom faster (wall, CPU)',
    );
    for (const r of rows) {
        const left =
            `${String(r.objects).padEnd(8)} ${String(r.links).padEnd(7)} ${String(r.files).padEnd(5)} ${String(r.lines).padEnd(7)} ${String(r.runs).padEnd(4)} |` +
            ` ${seconds(r.pom.wallMs)} ${seconds(r.pom.cpuMs)}  ${mib(r.pom.peakMiB)}  ${String(Math.round(r.lines / (r.pom.wallMs / 1000))).padStart(7)} |`;
        const right = r.likec4
            ? ` ${seconds(r.likec4.wallMs)} ${seconds(r.likec4.cpuMs)}  ${mib(r.likec4.peakMiB)} | ${(r.likec4.wallMs / r.pom.wallMs).toFixed(1)}x, ${(r.likec4.cpuMs / r.pom.cpuMs).toFixed(1)}x`
            : ' (not compared)';
        console.log(left + right);
    }
    if (process.env.BENCH_VERBOSE)
        for (const r of rows)
            console.log(`${r.objects}: pom walls ${r.pom.walls.join(', ')} ms${r.likec4 ? `; likec4 walls ${r.likec4.walls.join(', ')} ms` : ''}`);
    return rows;
}

/** What typing costs in the language server (test/bench/editor.mjs). */
async function benchEditor() {
    const { benchKeystrokes, benchCompletion } = await import('./editor.mjs');
    await benchKeystrokes();
    await benchCompletion();
}
