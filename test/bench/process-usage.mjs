// Preloaded into a timed process (node --import) by test/bench/measure.mjs: on exit, writes the process's peak
// memory and CPU time to the file named by POM_BENCH_USAGE. The same hook serves pom and LikeC4.
import { writeFileSync } from 'node:fs';

const target = process.env.POM_BENCH_USAGE;
if (target) {
    process.on('exit', () => {
        const usage = process.resourceUsage();
        writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
    });
}
