import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compileSources, loadDocuments, readPomSources } from '../../language/src/compiler.js';
import { graphChanges } from '../../language/src/graph/changes.js';
import { graphChecks, runGraphChecks, runGraphChecksAfter } from '../../language/src/graph/checks/index.js';
import { GraphIndex } from '../../language/src/graph/graph-index.js';
import { canonicalJson } from '../../language/src/graph/json.js';
import type { FieldValue, GraphObject, PomGraph } from '../../language/src/graph/model.js';
import { createPomLspServices } from '../../language/src/lsp/pom-lsp-module.js';
import { readWorkspaceDataFile } from '../../language/src/metrics/read-data.js';
import { ACME, seededRandom } from '../helpers.js';
import { shownDiagnostics } from './lsp-helpers.js';

/** Values an edit flips, each to the other: they feed the checks (status, horizons, topology) and the derived facts. */
const FLIPS: Array<[string, string]> = [
    ['status: active', 'status: done'],
    ['status: in-progress', 'status: done'],
    ['horizon: quarters', 'horizon: years'],
    ['horizon: years', 'horizon: months'],
    ['topology: stream-aligned', 'topology: platform'],
    ['health: on-track', 'health: off-track'],
    ['kind: solution', 'kind: ongoing'],
    ['status: rejected', 'status: chosen'],
    ['status: exploring', 'status: pursuing'],
    ['status: proposed', 'status: active'],
    ['wip-limit: 2', 'wip-limit: 1'],
    ['wip-limit: 3', 'wip-limit: 9'],
    ['topology: functional', 'topology: stream-aligned'],
];

/** One random edit of a file, of the kinds a user makes: moved text, a link or a field dropped, a link written twice, a value or a title changed. */
function mutate(text: string, original: string, random: () => number): { text: string; what: string } {
    const lines = text.split('\n');
    const pick = <T>(list: T[]): T | undefined => (list.length === 0 ? undefined : list[Math.floor(random() * list.length)]);
    const linkLines = lines.map((line, i) => (/^\s+[\w.-]+ -> [^{]*$/.test(line) ? i : -1)).filter(i => i >= 0);
    switch (Math.floor(random() * 8)) {
        case 0: {
            const at = Math.floor(random() * lines.length);
            lines.splice(at, 0, '', '');
            return { text: lines.join('\n'), what: `two lines inserted before line ${at + 1}` };
        }
        case 1: {
            const at = pick(linkLines);
            if (at === undefined) break;
            const [removed] = lines.splice(at, 1);
            return { text: lines.join('\n'), what: `link dropped: ${removed.trim()}` };
        }
        case 2: {
            const at = pick(linkLines);
            if (at === undefined) break;
            lines.splice(at, 0, lines[at]);
            return { text: lines.join('\n'), what: `link written twice: ${lines[at].trim()}` };
        }
        case 3:
        case 4: {
            const flip = pick(FLIPS.filter(([a, b]) => text.includes(a) || text.includes(b)));
            if (flip === undefined) break;
            const [from, to] = flip;
            const [a, b] = text.includes(from) ? [from, to] : [to, from];
            const occurrences = text.split(a).length - 1;
            let n = Math.floor(random() * occurrences);
            return { text: text.replace(new RegExp(a, 'g'), match => (n-- === 0 ? b : match)), what: `${a} -> ${b}` };
        }
        case 5: {
            const titled = lines.map((line, i) => (/^\s*[\w-]+ [\w-]+ "[^"]*"/.test(line) ? i : -1)).filter(i => i >= 0);
            const at = pick(titled);
            if (at === undefined) break;
            lines[at] = lines[at].replace(/"([^"]*)"/, (_, title: string) => `"${title} (edited)"`);
            return { text: lines.join('\n'), what: `title edited on line ${at + 1}` };
        }
        case 6: {
            const at = pick(lines.map((line, i) => (/^\s+[\w-]+: [^{]*$/.test(line) ? i : -1)).filter(i => i >= 0));
            if (at === undefined) break;
            const [removed] = lines.splice(at, 1);
            return { text: lines.join('\n'), what: `field dropped: ${removed.trim()}` };
        }
    }
    return { text: original, what: 'file restored' };
}

describe('the editor reruns only the whole-model checks an edit can affect', () => {
    test('after each of a series of random edits of examples/acme, the findings equal a full run, and the model equals pom check', async () => {
        const SEED = 20261201;
        const EDITS = 80;
        const random = seededRandom(SEED);
        const sources = await readPomSources(ACME);
        const originals = new Map(sources);
        const current = new Map(sources);
        const { shared, pom } = createPomLspServices(EmptyFileSystem);
        const builder = shared.workspace.DocumentBuilder;
        await builder.build(loadDocuments(shared, pom, ACME, sources), { validation: true });
        const readData = (path: string) => readWorkspaceDataFile(ACME, path);
        const files = [...sources.keys()];
        let previous: PomGraph = pom.model.WorkspaceModel.model.graph;
        let reusedWithMoves = 0;
        let version = 1;
        for (let n = 0; n < EDITS; n++) {
            const file = files[Math.floor(random() * files.length)];
            const { text, what: change } = mutate(current.get(file)!, originals.get(file)!, random);
            const what = `edit ${n} of ${file}: ${change} (seed ${SEED})`;
            current.set(file, text);
            shared.workspace.TextDocuments.set(TextDocument.create(URI.file(file).toString(), 'pom', ++version, text));
            await builder.update([URI.file(file)], []);

            const model = pom.model.WorkspaceModel.model;
            const graph = model.graph;
            // The findings kept from before the edit (where nothing they read changed) and those found again are
            // those of every check run on the new graph, in the same order, pointing at the same places.
            expect(runGraphChecksAfter(graph, previous), what).toEqual(runGraphChecks(graph));
            const changes = graphChanges(previous, graph);
            if (changes && changes.moved.size > 0) {
                const index = GraphIndex.of(graph);
                if (Object.values(graphChecks).some(check => check.reads?.(index).every(aspect => !changes.aspects.has(aspect)))) reusedWithMoves++;
            }
            previous = graph;

            // The graph, whose unchanged objects keep their derived facts from before, equals a one-shot compile
            // (every few edits: a compile from scratch takes most of the test's time).
            if (n % 4 !== 3) continue;
            const batch = await compileSources(ACME, new Map(current), { readData });
            if (batch.diagnostics.some(d => d.code === 'duplicate-id')) continue;
            expect(canonicalJson({ ...graph, diagnostics: [] }), what).toBe(canonicalJson({ ...batch.graph, diagnostics: [] }));
            // What the editor shows in every file is what pom check reports.
            const pomFiles = batch.diagnostics.filter(d => d.location.file.endsWith('.pom'));
            expect(shownDiagnostics(shared, pom), what).toEqual(pomFiles);
        }
        // The edits exercised the reuse: findings kept while the text they point at moved.
        expect(reusedWithMoves).toBeGreaterThan(EDITS / 4);
    }, 120_000);

    test('a change to any one part of any one object keeps exactly the findings of the checks that do not read it', async () => {
        // Every field, fact, link kind and backlink kind of every object of examples/acme, changed one at a time on
        // the compiled graph: the findings after the change, reusing those of the checks that declare they do not
        // read it, equal a full run. A check that reads more than it declares fails here.
        const compiled = (await compileSources(ACME, await readPomSources(ACME), { readData: path => readWorkspaceDataFile(ACME, path) })).graph;
        // And the same graph with every other object's links gone: bets without targets, inputs driving nothing…
        const stripped: PomGraph = { ...compiled, objects: compiled.objects.map((object, i) => (i % 2 === 0 ? { ...object, links: [] } : object)) };
        const valuesOf = new Map<string, FieldValue[]>();
        for (const object of compiled.objects) {
            for (const [key, value] of Object.entries({ ...object.fields, ...object.facts })) {
                const values = valuesOf.get(key) ?? [];
                if (!values.some(v => JSON.stringify(v) === JSON.stringify(value))) values.push(value);
                valuesOf.set(key, values);
            }
        }
        const byId = new Map(compiled.objects.map(object => [object.id, object]));
        /** Another object of the type of the link's target, for a link pointed elsewhere. */
        const otherTarget = (id: string): string | undefined => {
            const target = byId.get(id);
            return compiled.objects.find(object => object.id !== id && object.type === target?.type && object.id > id)?.id;
        };
        const variants = (object: GraphObject): Array<{ what: string; object: GraphObject }> => {
            const result: Array<{ what: string; object: GraphObject }> = [];
            for (const [key, value] of Object.entries(object.fields)) {
                const { [key]: _, ...without } = object.fields;
                result.push({ what: `field ${key} removed`, object: { ...object, fields: without } });
                for (const other of valuesOf.get(key) ?? []) {
                    if (JSON.stringify(other) !== JSON.stringify(value)) {
                        result.push({ what: `field ${key}: ${JSON.stringify(other)}`, object: { ...object, fields: { ...object.fields, [key]: other } } });
                    }
                }
            }
            for (const key of Object.keys(object.facts ?? {})) {
                const { [key]: _, ...without } = object.facts!;
                result.push({ what: `fact ${key} removed`, object: { ...object, facts: without } });
            }
            for (const fact of ['overloaded', 'funded', 'blocked']) {
                if (object.facts?.[fact] === undefined)
                    result.push({ what: `fact ${fact} set`, object: { ...object, facts: { ...object.facts, [fact]: true } } });
            }
            for (const kind of new Set(object.links.map(link => link.kind))) {
                result.push({ what: `links ${kind} removed`, object: { ...object, links: object.links.filter(link => link.kind !== kind) } });
            }
            object.links.forEach((link, j) => {
                const target = otherTarget(link.target);
                if (target === undefined) return;
                const links = [...object.links];
                links[j] = { ...link, target };
                result.push({ what: `${link.kind} link to ${link.target} pointed at ${target}`, object: { ...object, links } });
            });
            for (const kind of new Set(object.backlinks.map(link => link.kind))) {
                result.push({ what: `backlinks ${kind} removed`, object: { ...object, backlinks: object.backlinks.filter(link => link.kind !== kind) } });
            }
            for (const value of object.inherited) {
                result.push({
                    what: `inherited ${value.link ?? value.field} removed`,
                    object: { ...object, inherited: object.inherited.filter(v => v !== value) },
                });
            }
            if (object.parent) result.push({ what: 'parent removed', object: { ...object, parent: undefined } });
            if (object.children.length > 0) result.push({ what: 'children removed', object: { ...object, children: [] } });
            result.push({ what: 'title changed', object: { ...object, title: `${object.title ?? ''} (edited)` } });
            const location = { ...object.location, line: object.location.line + 2, endLine: object.location.endLine + 2 };
            result.push({ what: 'moved', object: { ...object, location } });
            return result;
        };
        let reused = 0;
        let tried = 0;
        for (const graph of [compiled, stripped]) {
            runGraphChecksAfter(graph, undefined);
            graph.objects.forEach((object, i) => {
                for (const variant of variants(object)) {
                    const objects = [...graph.objects];
                    objects[i] = variant.object;
                    const changed: PomGraph = { ...graph, objects };
                    const changes = graphChanges(graph, changed)!;
                    const index = GraphIndex.of(changed);
                    if (Object.values(graphChecks).some(check => check.reads?.(index).every(aspect => !changes.aspects.has(aspect)))) reused++;
                    tried++;
                    expect(runGraphChecksAfter(changed, graph), `${object.id}: ${variant.what}`).toEqual(runGraphChecks(changed));
                }
            });
        }
        expect(reused).toBe(tried);
        expect(tried).toBeGreaterThan(1000);
    });
});
