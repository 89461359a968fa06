// Timing a command as a user sees it: the whole process, wall time, CPU time (its own and its children's) and peak
// memory, with the same measurement for pom and for LikeC4. Used by test/bench/bench.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const usageHook = resolve(fileURLToPath(import.meta.url), '../process-usage.mjs');

/** CPU time, in ms, of this process's finished children (Linux: /proc/self/stat cutime + cstime), or undefined. */
function childrenCpuMs() {
    try {
        const stat = readFileSync('/proc/self/stat', 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[13]) + Number(fields[14])) * 10; // clock ticks of 10 ms (CLK_TCK 100 on Linux)
    } catch {
        return undefined;
    }
}

/**
 * Runs `node <args>` to completion and measures it. Returns { wallMs, cpuMs, peakMiB, status, stdout, stderr }.
 * The process runs with a preloaded hook that reports its peak memory and CPU when it exits.
 */
export function timeNodeProcess(args, { cwd, env = {} } = {}) {
    const scratch = mkdtempSync(join(tmpdir(), 'pom-bench-usage-'));
    const usageFile = join(scratch, 'usage.json');
    try {
        const cpuBefore = childrenCpuMs();
        const start = process.hrtime.bigint();
        const child = spawnSync(process.execPath, ['--import', usageHook, ...args], {
            cwd,
            env: { ...process.env, ...env, POM_BENCH_USAGE: usageFile },
            encoding: 'utf8',
            maxBuffer: 1 << 30,
        });
        const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
        const cpuAfter = childrenCpuMs();
        const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) : undefined;
        return {
            wallMs,
            cpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : (usage?.cpuMs ?? NaN),
            peakMiB: usage ? usage.maxRssKiB / 1024 : NaN,
            status: child.status,
            stdout: child.stdout,
            stderr: child.stderr,
        };
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}

export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How busy the machine is: the 1, 5 and 15 minute load averages and the number of cores. */
export function machineLoad() {
    const [one, five, fifteen] = loadavg();
    return `load average ${one.toFixed(2)}, ${five.toFixed(2)}, ${fifteen.toFixed(2)} on ${navigator.hardwareConcurrency} cores`;
}

/**
 * Installs LikeC4 (npm package `likec4`, pinned) into a cache folder outside the repository, once; it is not a
 * dependency of pom. Returns the path of its CLI script, or { error } when it cannot be installed (no registry, say).
 */
export function ensureLikeC4(version) {
    const folder = join(process.env.POM_BENCH_CACHE ?? join(tmpdir(), 'pom-bench-cache'), `likec4-${version}`);
    const cli = join(folder, 'node_modules', 'likec4', 'bin', 'likec4.mjs');
    if (existsSync(cli)) return { cli };
    mkdirSync(join(folder, '..'), { recursive: true });
    // Install beside the final folder, then rename: another bench running at the same time never sees half an install.
    const staging = mkdtempSync(`${folder}-installing-`);
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, name: 'pom-bench-likec4' }));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', `likec4@${version}`], {
        cwd: staging,
        encoding: 'utf8',
        timeout: 10 * 60_000,
    });
    if (install.status !== 0) {
        rmSync(staging, { recursive: true, force: true });
        const reason = (install.error?.message ?? install.stderr ?? '').trim().split('\n').slice(-3).join(' ');
        return { error: `npm install likec4@${version} failed (${reason || `exit ${install.status}`})` };
    }
    try {
        renameSync(staging, folder);
    } catch {
        rmSync(staging, { recursive: true, force: true }); // someone else installed it meanwhile
    }
    return existsSync(cli) ? { cli } : { error: `likec4@${version} installed but ${cli} is missing` };
}
