// Generates a synthetic organisation: `objects` objects spread over 100+ files in several packages, with
// realistic bodies (fields, nested options, metadata) and about three links per object, half of them across files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Objects one group of the generated strategy chain holds (input, metric, insight, opportunity + 2 options, bet, work, impact). */
const GROUP_OBJECTS = 9;

export function generateOrganisation(dir, objects, { packages = 8 } = {}) {
    rmSync(dir, { recursive: true, force: true });
    const files = Math.max(100, Math.ceil(objects / 100));
    const perFile = Math.max(1, Math.round((objects / files - 3) / GROUP_OBJECTS));
    let total = 0;
    let lines = 0;
    let links = 0;
    for (let f = 0; f < files; f++) {
        const p = f % packages;
        const next = (p + 1) % packages;
        const other = (f + 1) % files; // a file in the next package: cross-package links
        const nextFile = other % packages === next ? other : f + 1 < files ? f + 1 : 0;
        const out = [`package bench.p${p}`, `import bench.p${next}`, ''];
        out.push(`scope s${f} "Scope ${f}" {`, `  kind: capability`, `}`, '');
        out.push(`team t${f} "Team ${f}" {`, `  topology: stream-aligned`, `  wip-limit: ${perFile + 1}`, `  owns -> s${f}`,
            f > 0 && (f - 1) % packages === p ? `  interacts -> t${f - 1} { mode: x-as-a-service }` : '', `}`, '');
        out.push(`driver d${f} "Driver ${f}" {`, `  horizon: years`, `  metric: "driver metric ${f}"`, `}`, '');
        total += 3;
        for (let j = 0; j < perFile; j++) {
            const g = `${f}-${j}`;
            const crossInput = `bench.p${nextFile % packages}.i${nextFile}-${j}`;
            out.push(
                `metric m${g} "Metric ${g}" {`, `  unit: "%"`, `  source: "warehouse"`, `}`, '',
                `input i${g} "Input ${g}" {`, `  horizon: quarters`, `  direction: increase`,
                `  drives -> d${f} { weight: high }, bench.p${nextFile % packages}.d${nextFile} { weight: low }`,
                `  in-scope -> s${f}`, `  measured-by -> m${g}`, `  contributes-to -> d${f}`, `}`, '',
                `insight n${g} "Insight ${g}" {`, `  source: research`, `  observed: 2026-0${1 + (j % 9)}-1${j % 10}`,
                `  informs -> o${g}, b${g}, i${g}, o${g}.b`, `}`, '',
                `opportunity o${g} "Opportunity ${g}" {`, `  horizon: quarters`, `  status: exploring`, `  in-scope -> s${f}`,
                `  option a "Option A" { status: chosen  informed-by -> n${g} }`, `  option b "Option B" { status: rejected  rationale: "Too costly"  considered-for -> o${g} }`, `}`, '',
                `bet b${g} "Bet ${g}" {`, `  hypothesis: "Doing ${g} moves input ${g}"`, `  horizon: months`, `  status: ${j % 3 === 0 ? 'active' : 'proposed'}`,
                `  owner -> t${f}`, `  in-scope -> s${f}`, `  chosen-from -> o${g}.a`,
                j > 0 ? `  depends-on -> b${f}-${j - 1} { kind: ok }` : '',
                `  targets -> i${g} { expected: "+1pp", confidence: medium }, ${crossInput} { expected: "+0.5pp" }` +
                    (j > 0 ? `, i${f}-${j - 1} { expected: "+0.2pp" }` : ''), `}`, '',
                `work w${g} "Work ${g}" {`, `  kind: project`, `  status: in-progress`, `  delivers -> b${g}`,
                `  owner -> t${f}`, `  in-scope -> s${f}`,
                j > 0 ? `  depends-on -> w${f}-${j - 1} { kind: ok }` : '', `}`, '',
                `impact x${g} "Impact ${g}" {`, `  observed: 2026-10-01`, `  delta: "+0.4pp"`, `  evidences -> b${g} { attribution: medium }`,
                `  measured-by -> m${g}`, `}`, ''
            );
            total += GROUP_OBJECTS;
        }
        const text = out.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n') + '\n';
        lines += text.split('\n').length - 1;
        for (const line of text.split('\n')) {
            const arrow = line.indexOf('->');
            if (arrow >= 0) links += line.slice(arrow).replace(/\{[^}]*\}/g, '').split(',').length;
        }
        mkdirSync(join(dir, `p${p}`), { recursive: true });
        writeFileSync(join(dir, `p${p}`, `unit-${String(f).padStart(4, '0')}.pom`), text);
    }
    return { files, objects: total, lines, links };
}
