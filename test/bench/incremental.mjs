// Re-check time after changing one file in an already-built 10k-object workspace.
import { writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrganisation } from './generate.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { createIncrementalWorkspace } = await import(join(root, 'out', 'language', 'src', 'incremental.js'));
const dir = join(tmpdir(), 'pom-bench-incremental');
const size = Number(process.env.BENCH_INCREMENTAL_SIZE ?? 10000);
const org = generateOrganisation(dir, size);
const workspace = await createIncrementalWorkspace(dir);
const file = join(dir, 'p3', 'unit-0003.pom');
const original = readFileSync(file, 'utf8');
const samples = [];
for (let i = 0; i < 7; i++) {
    // A realistic edit: a title and a status change, the file's names unchanged.
    const edited = original.replace('"Scope 3"', `"Scope 3 (edit ${i})"`).replace('status: proposed', i % 2 ? 'status: active' : 'status: proposed');
    const start = process.hrtime.bigint();
    const diagnostics = await workspace.update(file, edited);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (diagnostics.some(d => d.severity === 1)) throw new Error('the edit introduced errors');
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(
    `\nre-check after editing one file in a built ${org.objects}-object workspace: median ${median.toFixed(1)} ms (min ${samples[0].toFixed(1)}, max ${samples[samples.length - 1].toFixed(1)}) over ${samples.length} edits`,
);
writeFileSync(join(tmpdir(), 'pom-bench-incremental.json'), JSON.stringify({ objects: org.objects, medianMs: median, samples }));
