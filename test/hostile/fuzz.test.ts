// Issue 11: a seeded fuzz test, bounded to about a minute. Mutants of examples/acme go through pom check and
// pom fmt (in process), then a random-edit session runs against the language server over stdio.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
    CompletionRequest,
    DidChangeTextDocumentNotification,
    DidOpenTextDocumentNotification,
    DocumentSymbolRequest,
    HoverRequest,
    type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { compileSources, compileWorkspace } from '../../language/src/compiler.js';
import { formatDocument } from '../../language/src/format/formatter.js';
import type { PomGraph } from '../../language/src/graph/model.js';
import { ACME, seededRandom } from '../helpers.js';
import { StdioClient } from '../lsp/stdio-client.js';

/** The seed: a failure names it, and POM_FUZZ_SEED=<n> replays it. */
const SEED = Number(process.env.POM_FUZZ_SEED ?? 20261201);

/** Pieces an attacker or a careless edit inserts. */
const PIECES = [
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    '"',
    '"""',
    '->',
    '~>',
    ',',
    ':',
    'not ',
    ' or ',
    '\n',
    '\r',
    '\r\n',
    '\t',
    '//',
    '/*',
    '*/',
    '\u001b[31m',
    '\u0000',
    '\u202e',
    '-',
    '.',
    '..',
    '*',
    'team',
    'bet',
    'type',
    'link',
    'view',
    'rule',
    'query',
    'settings',
    'allow',
    'package',
    'import',
    'std',
    'x'.repeat(300),
    '9'.repeat(30),
    '2026-02-30',
    '"\\',
    'é',
    '𝔁',
    '{'.repeat(70),
    '('.repeat(70),
    '['.repeat(70),
];

function mutate(text: string, random: () => number): string {
    const edits = 1 + Math.floor(random() * 4);
    let result = text;
    for (let i = 0; i < edits; i++) {
        const at = Math.floor(random() * (result.length + 1));
        const length = Math.floor(random() * 40);
        switch (Math.floor(random() * 5)) {
            case 0:
                result = result.slice(0, at) + result.slice(at + length);
                break; // delete
            case 1:
                result = result.slice(0, at) + result.slice(at, at + length).repeat(2) + result.slice(at + length);
                break; // duplicate
            case 2: {
                // swap two lines
                const lines = result.split('\n');
                const a = Math.floor(random() * lines.length),
                    b = Math.floor(random() * lines.length);
                [lines[a], lines[b]] = [lines[b], lines[a]];
                result = lines.join('\n');
                break;
            }
            default:
                result = result.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + result.slice(at); // insert
        }
    }
    return result;
}

function pomFiles(dir: string, prefix = ''): string[] {
    return readdirSync(dir, { withFileTypes: true })
        .flatMap(entry =>
            entry.isDirectory() ? pomFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith('.pom') ? [`${prefix}${entry.name}`] : [],
        )
        .sort();
}

/** What a model means, without where it is written: its objects (fields, links, parents) with locations left out. */
function meaning(graph: PomGraph): string {
    const placeless = (key: string, value: unknown) => (key === 'location' || key === 'locations' ? undefined : value);
    return JSON.stringify(
        [...graph.objects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        placeless,
    );
}

describe(`fuzz (seed ${SEED})`, () => {
    const files = pomFiles(ACME);
    const originals = new Map(files.map(file => [file, readFileSync(join(ACME, file), 'utf8')]));
    const compile = (replaced: string, text: string) =>
        compileSources(ACME, new Map(files.map(file => [join(ACME, file), file === replaced ? text : originals.get(file)!])));

    it('mutants of acme: pom check ends with located diagnostics, pom fmt is idempotent and keeps the meaning', async () => {
        const random = seededRandom(SEED);
        const deadline = Date.now() + 35_000;
        const tried: string[] = [];
        let formatted = 0;
        for (let n = 0; n < 60 && Date.now() < deadline; n++) {
            const file = files[Math.floor(random() * files.length)];
            const text = mutate(originals.get(file)!, random);
            const what = `mutant ${n} of ${file} (seed ${SEED})`;
            const result = await compile(file, text);
            expect(
                result.diagnostics.filter(d => d.code === 'internal-error'),
                what,
            ).toEqual([]);
            for (const d of result.diagnostics) {
                expect(d.location.line, what).toBeGreaterThanOrEqual(1);
                expect(d.message.length, `${what}: ${d.message.slice(0, 200)}`).toBeLessThan(2000);
            }
            tried.push(`${file}: ${result.diagnostics.length} diagnostics`);
            const syntax = result.diagnostics.some(d => d.code === 'syntax-error' && d.location.file === file);
            if (syntax) {
                expect(() => formatDocument(text), what).toThrow();
                continue;
            }
            const once = formatDocument(text);
            expect(formatDocument(once), `${what}: fmt is idempotent`).toBe(once);
            if (n % 3 === 0) expect(meaning((await compile(file, once)).graph), `${what}: fmt keeps the meaning`).toBe(meaning(result.graph));
            formatted++;
        }
        expect(tried.length).toBeGreaterThan(5);
        expect(formatted).toBeGreaterThan(0);
    }, 120_000);

    it("a 500-edit random burst against the language server: every request answered within 1 s, and it settles on pom check's diagnostics", async () => {
        const root = mkdtempSync(join(tmpdir(), 'pom-fuzz-'));
        process.env.POM_CACHE_DIR = mkdtempSync(join(tmpdir(), 'pom-cache-'));
        cpSync(ACME, root, { recursive: true });
        const client = await StdioClient.start(root);
        try {
            const random = seededRandom(SEED + 1);
            const uri = (file: string) => pathToFileURL(join(root, file)).toString();
            const opened = files.slice(0, 4);
            const texts = new Map(opened.map(file => [file, originals.get(file)!]));
            for (const file of opened) {
                await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
                    textDocument: { uri: uri(file), languageId: 'pom', version: 1, text: texts.get(file)! },
                });
            }
            // The editor has loaded: every file checked, and each feature asked once (what it builds on first use).
            await client.until(d => files.every(file => d.has(uri(file))), 'the first diagnostics of every file', 60_000);
            await Promise.all(
                opened.map(file =>
                    Promise.all([
                        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line: 0, character: 0 } }),
                        client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(file) }, position: { line: 1, character: 0 } }),
                        client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(file) } }),
                    ]),
                ),
            );
            const slowest: Array<{ ms: number; what: string }> = [];
            const timed = async (what: string, request: () => Promise<unknown>) => {
                const start = performance.now();
                await request();
                slowest.push({ ms: performance.now() - start, what });
            };
            for (let version = 2; version < 502; version++) {
                const file = opened[Math.floor(random() * opened.length)];
                const text = mutate(texts.get(file)!, random);
                texts.set(file, text);
                // Edits go out as fast as the connection takes them (a burst); every tenth, the editor asks something.
                await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
                    textDocument: { uri: uri(file), version },
                    contentChanges: [{ text }],
                });
                if (version % 10 === 0) {
                    const line = Math.floor(random() * text.split('\n').length);
                    const position = { line, character: Math.floor(random() * 10) };
                    const textDocument = { uri: uri(file) };
                    await Promise.all([
                        timed(`hover at edit ${version}`, () => client.connection.sendRequest(HoverRequest.type, { textDocument, position })),
                        timed(`completion at edit ${version}`, () => client.connection.sendRequest(CompletionRequest.type, { textDocument, position })),
                        timed(`symbols at edit ${version}`, () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })),
                    ]);
                }
            }
            slowest.sort((a, b) => b.ms - a.ms);
            expect(slowest.length).toBe(150);
            expect(
                slowest[0].ms,
                `slowest requests: ${slowest
                    .slice(0, 5)
                    .map(s => `${s.what} ${Math.round(s.ms)} ms`)
                    .join(', ')}`,
            ).toBeLessThan(1000);

            // Back to the originals: the server settles on exactly the diagnostics of a fresh pom check in every file,
            // edited or not: whole-model warnings follow the edits, and so do those that depend on a link from one
            // edited file into another (blocked-by-overloaded-team in bets/commerce.pom, on bets/platform.pom).
            for (const [index, file] of opened.entries()) {
                await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
                    textDocument: { uri: uri(file), version: 1000 + index },
                    contentChanges: [{ text: originals.get(file)! }],
                });
            }
            const check = await compileWorkspace(root);
            const fromCheck = check.diagnostics.map(d => `${d.location.file}:${d.location.line}:${d.location.column} ${d.code} ${d.message}`).sort();
            const fromServer = (published: Map<string, Diagnostic[]>) =>
                [...published]
                    .flatMap(([fileUri, diagnostics]) =>
                        diagnostics.map(
                            d =>
                                `${fileURLToPath(fileUri)
                                    .slice(root.length + 1)
                                    .split(sep)
                                    .join(
                                        '/',
                                    )}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${typeof d.message === 'string' ? d.message : ''}`,
                        ),
                    )
                    .sort();
            await client.until(d => JSON.stringify(fromServer(d)) === JSON.stringify(fromCheck), 'the diagnostics of pom check', 30_000).catch(() => undefined);
            expect(fromServer(client.diagnostics)).toEqual(fromCheck);
            expect(client.stderr).not.toMatch(/RangeError|Maximum call stack|Invalid string length/);
        } finally {
            expect(await client.stop()).toBe(0);
            rmSync(root, { recursive: true, force: true });
        }
    }, 180_000);
});
