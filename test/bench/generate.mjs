// Generates a synthetic organisation: `objects` objects spread over 100+ files in several packages, with
// realistic bodies (fields, nested options, metadata) and about 2.7 links per object, half of them across files.
// The organisation is built once as plain data and written in pom (generateOrganisation) or in LikeC4's language
// (generateLikeC4Organisation), so that both tools check the same objects, fields and links. It is deterministic:
// the same `objects` and `packages` always give the same files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Objects one group of the generated strategy chain holds (input, metric, insight, opportunity + 2 options, bet, work, impact). */
const GROUP_OBJECTS = 9;

/**
 * The organisation as data: files, each with a package and its objects. An object is
 * { type, name, title, fields: [name, value][], links: [kind, target[]][], children: object[] } where a field value
 * is pom source text (`"%"`, `capability`, `2026-01-10`) and a target is { pkg, path, attributes: [name, value][] }
 * (`path` is the object's name, or `parent.child` for a nested one).
 */
export function buildOrganisation(objects, { packages = 8 } = {}) {
    const files = Math.max(100, Math.ceil(objects / 100));
    const perFile = Math.max(1, Math.round((objects / files - 3) / GROUP_OBJECTS));
    const result = [];
    let total = 0;
    for (let f = 0; f < files; f++) {
        const p = f % packages;
        const pkg = `bench.p${p}`;
        const next = (p + 1) % packages;
        const other = (f + 1) % files; // a file in the next package: cross-package links
        const nextFile = other % packages === next ? other : f + 1 < files ? f + 1 : 0;
        const nextPkg = `bench.p${nextFile % packages}`;
        const to = (path, attributes = []) => ({ pkg, path, attributes });
        const object = (type, name, title, fields, links = [], children = []) => ({ type, name, title, fields, links, children });
        const list = [];
        list.push(object('scope', `s${f}`, `Scope ${f}`, [['kind', 'capability']]));
        const teamLinks = [['owns', [to(`s${f}`)]]];
        if (f > 0 && (f - 1) % packages === p) teamLinks.push(['interacts', [to(`t${f - 1}`, [['mode', 'x-as-a-service']])]]);
        list.push(
            object(
                'team',
                `t${f}`,
                `Team ${f}`,
                [
                    ['topology', 'stream-aligned'],
                    ['wip-limit', String(perFile + 1)],
                ],
                teamLinks,
            ),
        );
        list.push(
            object('driver', `d${f}`, `Driver ${f}`, [
                ['horizon', 'years'],
                ['metric', `"driver metric ${f}"`],
            ]),
        );
        total += 3;
        for (let j = 0; j < perFile; j++) {
            const g = `${f}-${j}`;
            const previous = `${f}-${j - 1}`;
            list.push(
                object('metric', `m${g}`, `Metric ${g}`, [
                    ['unit', '"%"'],
                    ['source', '"warehouse"'],
                ]),
            );
            list.push(
                object(
                    'input',
                    `i${g}`,
                    `Input ${g}`,
                    [
                        ['horizon', 'quarters'],
                        ['direction', 'increase'],
                    ],
                    [
                        ['drives', [to(`d${f}`, [['weight', 'high']]), { pkg: nextPkg, path: `d${nextFile}`, attributes: [['weight', 'low']] }]],
                        ['in-scope', [to(`s${f}`)]],
                        ['measured-by', [to(`m${g}`)]],
                        ['contributes-to', [to(`d${f}`)]],
                    ],
                ),
            );
            list.push(
                object(
                    'insight',
                    `n${g}`,
                    `Insight ${g}`,
                    [
                        ['source', 'research'],
                        ['observed', `2026-0${1 + (j % 9)}-1${j % 10}`],
                    ],
                    [['informs', [to(`o${g}`), to(`b${g}`), to(`i${g}`), to(`o${g}.b`)]]],
                ),
            );
            list.push(
                object(
                    'opportunity',
                    `o${g}`,
                    `Opportunity ${g}`,
                    [
                        ['horizon', 'quarters'],
                        ['status', 'exploring'],
                    ],
                    [['in-scope', [to(`s${f}`)]]],
                    [
                        object('option', 'a', 'Option A', [['status', 'chosen']], [['informed-by', [to(`n${g}`)]]]),
                        object(
                            'option',
                            'b',
                            'Option B',
                            [
                                ['status', 'rejected'],
                                ['rationale', '"Too costly"'],
                            ],
                            [['considered-for', [{ pkg: nextPkg, path: `o${nextFile}-${j}`, attributes: [] }]]],
                        ),
                    ],
                ),
            );
            const targets = [
                to(`i${g}`, [
                    ['expected', '"+1pp"'],
                    ['confidence', 'medium'],
                ]),
                { pkg: nextPkg, path: `i${nextFile}-${j}`, attributes: [['expected', '"+0.5pp"']] },
            ];
            if (j > 0) targets.push(to(`i${previous}`, [['expected', '"+0.2pp"']]));
            list.push(
                object(
                    'bet',
                    `b${g}`,
                    `Bet ${g}`,
                    [
                        ['hypothesis', `"Doing ${g} moves input ${g}"`],
                        ['horizon', 'months'],
                        ['status', j % 3 === 0 ? 'active' : 'proposed'],
                    ],
                    [
                        ['owner', [to(`t${f}`)]],
                        ['in-scope', [to(`s${f}`)]],
                        ['chosen-from', [to(`o${g}.a`)]],
                        ...(j > 0 ? [['depends-on', [to(`b${previous}`, [['kind', 'ok']])]]] : []),
                        ['targets', targets],
                    ],
                ),
            );
            list.push(
                object(
                    'work',
                    `w${g}`,
                    `Work ${g}`,
                    [
                        ['kind', 'project'],
                        ['status', 'in-progress'],
                    ],
                    [
                        ['delivers', [to(`b${g}`)]],
                        ['owner', [to(`t${f}`)]],
                        ['in-scope', [to(`s${f}`)]],
                        ...(j > 0 ? [['depends-on', [to(`w${previous}`, [['kind', 'ok']])]]] : []),
                    ],
                ),
            );
            list.push(
                object(
                    'impact',
                    `x${g}`,
                    `Impact ${g}`,
                    [
                        ['observed', '2026-10-01'],
                        ['delta', '"+0.4pp"'],
                    ],
                    [
                        ['evidences', [to(`b${g}`, [['attribution', 'medium']])]],
                        ['measured-by', [to(`m${g}`)]],
                    ],
                ),
            );
            total += GROUP_OBJECTS;
        }
        result.push({ folder: `p${p}`, name: `unit-${String(f).padStart(4, '0')}`, pkg, imports: [`bench.p${next}`], objects: list });
    }
    return { files: result, objects: total };
}

function countLinks(objects) {
    let links = 0;
    for (const o of objects) {
        for (const [, targets] of o.links) links += targets.length;
        links += countLinks(o.children);
    }
    return links;
}

function writeFiles(dir, organisation, extension, render, extra = {}) {
    rmSync(dir, { recursive: true, force: true });
    let lines = 0;
    let links = 0;
    for (const file of organisation.files) {
        const text = render(file);
        lines += text.split('\n').length - 1;
        links += countLinks(file.objects);
        mkdirSync(join(dir, file.folder), { recursive: true });
        writeFileSync(join(dir, file.folder, `${file.name}.${extension}`), text);
    }
    for (const [name, text] of Object.entries(extra)) {
        writeFileSync(join(dir, name), text);
        lines += text.split('\n').length - 1;
    }
    return { files: organisation.files.length, objects: organisation.objects, lines, links };
}

// ---- pom

function pomReference(file, target) {
    return target.pkg === file.pkg ? target.path : `${target.pkg}.${target.path}`;
}

function pomLinks(file, links) {
    return links.map(
        ([kind, targets]) =>
            `${kind} -> ${targets
                .map(t => pomReference(file, t) + (t.attributes.length ? ` { ${t.attributes.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : ''))
                .join(', ')}`,
    );
}

function renderPom(file) {
    const out = [`package ${file.pkg}`, ...file.imports.map(i => `import ${i}`), ''];
    for (const o of file.objects) {
        out.push(`${o.type} ${o.name} "${o.title}" {`, ...o.fields.map(([k, v]) => `  ${k}: ${v}`), ...pomLinks(file, o.links).map(l => `  ${l}`));
        for (const c of o.children) {
            // Nested objects on one line each, as authors write short options.
            out.push(`  ${c.type} ${c.name} "${c.title}" { ${[...c.fields.map(([k, v]) => `${k}: ${v}`), ...pomLinks(file, c.links)].join('  ')} }`);
        }
        out.push('}', '');
    }
    return out.join('\n');
}

/** Writes the organisation as .pom files under `dir` (emptied first). Returns { files, objects, lines, links }. */
export function generateOrganisation(dir, objects, options = {}) {
    return writeFiles(dir, buildOrganisation(objects, options), 'pom', renderPom);
}

// ---- LikeC4 (https://likec4.dev): element kinds and relationship kinds are declared in a specification; fields
// become metadata, link attributes relationship metadata. Element names are global in LikeC4; the generated names
// carry their file number, so they are unique without the package.

/** Metadata keys that are keywords in LikeC4's language. */
const LIKEC4_KEYS = new Map([['kind', 'kind-of']]);

function likec4Metadata(fields, indent) {
    if (fields.length === 0) return [];
    const value = v => `'${v.replace(/^"|"$/g, '').replace(/'/g, "\\'")}'`;
    return [`${indent}metadata {`, ...fields.map(([k, v]) => `${indent}  ${LIKEC4_KEYS.get(k) ?? k} ${value(v)}`), `${indent}}`];
}

function likec4Element(o, indent) {
    const out = [`${indent}${o.type} ${o.name} '${o.title}' {`, ...likec4Metadata(o.fields, indent + '  ')];
    for (const [kind, targets] of o.links) {
        for (const t of targets) {
            const metadata = likec4Metadata(t.attributes, indent + '    ');
            out.push(`${indent}  -[${kind}]-> ${t.path}` + (metadata.length ? ' {' : ''), ...metadata, ...(metadata.length ? [`${indent}  }`] : []));
        }
    }
    for (const c of o.children) out.push(...likec4Element(c, indent + '  '));
    out.push(`${indent}}`);
    return out;
}

function likec4Specification(organisation) {
    const elements = new Set();
    const relationships = new Set();
    const visit = o => {
        elements.add(o.type);
        for (const [kind] of o.links) relationships.add(kind);
        o.children.forEach(visit);
    };
    for (const file of organisation.files) file.objects.forEach(visit);
    return ['specification {', ...[...elements].sort().map(e => `  element ${e}`), ...[...relationships].sort().map(r => `  relationship ${r}`), '}', ''].join(
        '\n',
    );
}

/** Writes the same organisation as LikeC4 sources (.c4) under `dir` (emptied first). Returns { files, objects, lines, links }. */
export function generateLikeC4Organisation(dir, objects, options = {}) {
    const organisation = buildOrganisation(objects, options);
    return writeFiles(dir, organisation, 'c4', file => ['model {', ...file.objects.flatMap(o => likec4Element(o, '  ')), '}', ''].join('\n'), {
        'specification.c4': likec4Specification(organisation),
    });
}

/**
 * A declared view `bench.v<size>` of the first `size` objects of a generated organisation in file order: a few whole
 * units with their links.
 */
export function sizedView(graph, size) {
    const ordered = [...graph.objects].sort((a, b) =>
        a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.line - b.location.line,
    );
    return {
        id: `bench.v${size}`,
        name: `v${size}`,
        package: 'bench',
        direction: 'right',
        objects: ordered
            .slice(0, size)
            .map(object => object.id)
            .sort(),
        location: ordered[0].location,
    };
}
