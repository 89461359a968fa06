import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    CodeActionRequest,
    CodeLensRequest,
    CompletionRequest,
    DidChangeWatchedFilesNotification,
    FileChangeType,
    DocumentFormattingRequest,
    DefinitionRequest,
    DidChangeTextDocumentNotification,
    DidOpenTextDocumentNotification,
    HoverRequest,
    ReferencesRequest,
    RenameRequest,
    type CodeAction,
    type CompletionList,
    type Diagnostic,
    type Location,
    type CodeLens,
    type LocationLink,
    type TextEdit,
    type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import {
    DiagramRequest,
    ViewsRequest,
    type DiagramAnswer,
    type DiagramParams,
    type ViewsAnswer,
    type ViewsParams,
} from '../../language/src/lsp/diagram-requests.js';
import { compileWorkspace } from '../../language/src/compiler.js';
import { formatDocument } from '../../language/src/format/formatter.js';
import { applyEdits } from './lsp-helpers.js';
import { StdioClient } from './stdio-client.js';

let root: string;
let client: StdioClient;
const uri = (path: string) => pathToFileURL(join(root, path)).toString();
const text = (path: string) => readFileSync(join(root, path), 'utf8');

beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pom-lsp-'));
    // The server writes its read-only copy of std.pom here (inherited by the child process).
    process.env.POM_CACHE_DIR = mkdtempSync(join(tmpdir(), 'pom-cache-'));
    cpSync('examples/acme', root, { recursive: true });
    client = await StdioClient.start(root);
});

afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    rmSync(root, { recursive: true, force: true });
    rmSync(process.env.POM_CACHE_DIR!, { recursive: true, force: true });
});

const versions = new Map<string, number>();
async function open(path: string): Promise<void> {
    versions.set(path, 1);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(path), languageId: 'pom', version: 1, text: text(path) },
    });
}
async function change(path: string, content: string): Promise<void> {
    const version = (versions.get(path) ?? 1) + 1;
    versions.set(path, version);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri(path), version },
        contentChanges: [{ text: content }],
    });
}
// The custom requests by method name: the server's RequestType objects belong to its own copy of vscode-jsonrpc.
const diagramOf = (params: DiagramParams) => client.connection.sendRequest<DiagramAnswer>(DiagramRequest.method, params);
const viewsAt = (params: ViewsParams) => client.connection.sendRequest<ViewsAnswer>(ViewsRequest.method, params);
function positionOf(content: string, needle: string, shift = 1) {
    const offset = content.indexOf(needle) + shift;
    const before = content.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

describe('pom lsp --stdio with a real client', () => {
    test('publishes the same diagnostics as pom check for every file, opened or not', async () => {
        const check = await compileWorkspace(root);
        const fromCheck = check.diagnostics.map(d => `${d.location.file}:${d.location.line}:${d.location.column} ${d.code} ${d.message}`).sort();
        const fromServer = (published: typeof client.diagnostics): string[] => {
            const lines: string[] = [];
            for (const [fileUri, diagnostics] of published) {
                for (const d of diagnostics)
                    lines.push(
                        `${fileUri.slice(uri('').length + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${typeof d.message === 'string' ? d.message : d.message.value}`,
                    );
            }
            return lines.sort();
        };
        // Every file publishes once its first build is done; whole-model diagnostics may follow in a republish.
        await client
            .until(d => d.size >= check.files.length && JSON.stringify(fromServer(d)) === JSON.stringify(fromCheck), 'diagnostics equal to pom check', 20_000)
            .catch(() => undefined); // the expectation below shows the difference
        expect(fromCheck.length).toBeGreaterThan(0);
        expect(fromServer(client.diagnostics)).toEqual(fromCheck);
        // Each code links to where docs/language.md documents it (the docs test checks the anchors exist).
        const links = [...client.diagnostics.values()].flat().map(d => d.codeDescription?.href ?? `no link for ${String(d.code)}`);
        for (const link of links) expect(link).toMatch(/^https:\/\/github\.com\/pom-lang\/pom\/blob\/main\/docs\/language\.md#[\w-]+$/);
    });

    test('completion, hover, definition and references', async () => {
        const path = 'bets/commerce.pom';
        await open(path);
        const content = text(path);
        const position = positionOf(content, 'targets -> ', 'targets -> '.length);
        const completion = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(path) }, position })) as CompletionList;
        expect(completion.items.length).toBeGreaterThan(0);
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(path) }, position: positionOf(content, '\nbet ', 6) });
        expect(JSON.stringify(hover?.contents)).toContain('**bet**');
        const target = content.match(/targets -> ([\w.-]+)/)![1];
        const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: uri(path) },
            position: positionOf(content, `targets -> ${target}`, 12),
        })) as LocationLink[];
        expect(definition[0].targetUri).toMatch(/^file:/);
        const references = (await client.connection.sendRequest(ReferencesRequest.type, {
            textDocument: { uri: definition[0].targetUri },
            position: definition[0].targetSelectionRange.start,
            context: { includeDeclaration: false },
        })) as Location[];
        expect(references.some(r => r.uri === uri(path))).toBe(true);
    });

    test('the standard library opens as a read-only file, and through workspace/textDocumentContent', async () => {
        const content = text('bets/commerce.pom');
        const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: uri('bets/commerce.pom') },
            position: positionOf(content, '\nbet ', 2),
        })) as LocationLink[];
        const copy = definition[0].targetUri;
        expect(copy).toMatch(/^file:.*\/std\.pom$/);
        const copyText = readFileSync(fileURLToPath(copy), 'utf8');
        expect(copyText).toContain('type bet extends intent');
        expect(statSync(fileURLToPath(copy)).mode & 0o222).toBe(0);
        // Opened in the editor, the copy is the standard library: hover works in it, and no duplicate appears.
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: copy, languageId: 'pom', version: 1, text: copyText },
        });
        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: copy },
            position: definition[0].targetSelectionRange.start,
        });
        expect(JSON.stringify(hover?.contents)).toContain('bet');
        await new Promise(done => setTimeout(done, 500));
        expect([...client.diagnostics.values()].flat().filter(d => d.code === 'duplicate-declaration')).toEqual([]);
        expect(client.diagnostics.get(copy) ?? []).toEqual([]);
        const served = await client.connection.sendRequest<{ text: string }>('workspace/textDocumentContent', { uri: 'pom-std:///std.pom' });
        expect(served.text).toBe(copyText);
    });

    test('formatting returns what pom fmt writes', async () => {
        const path = 'org/people.pom';
        await open(path);
        const messy = text(path).replace(/\n {2}/g, '\n     ');
        await change(path, messy);
        const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, {
            textDocument: { uri: uri(path) },
            options: { tabSize: 2, insertSpaces: true },
        })) as TextEdit[];
        expect(edits.length).toBeGreaterThan(0);
        expect(applyEdits(messy, edits)).toBe(formatDocument(messy));
        await change(path, text(path));
    });

    test('rename returns edits across files', async () => {
        const path = 'bets/platform.pom';
        const content = text(path);
        const edit = (await client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: uri(path) },
            position: positionOf(content, 'bet feature-store', 5),
            newName: 'features',
        })) as WorkspaceEdit;
        const files = Object.keys(edit.changes ?? {});
        expect(files).toContain(uri(path));
        expect(files).toContain(uri('bets/commerce.pom'));
        expect(applyEdits(text('bets/commerce.pom'), edit.changes![uri('bets/commerce.pom')])).toContain('depends-on -> features {');
    });

    test('an edit is re-checked, a quick fix applied and validated again, and other files follow', async () => {
        const path = 'bets/platform.pom';
        await open(path);
        const original = text(path);
        const broken = original.replace('status: active', 'status: activ');
        await change(path, broken);
        const has = (code: string) => (d: Map<string, Diagnostic[]>) => (d.get(uri(path)) ?? []).some(x => x.code === code);
        await client.until(has('unknown-enum-member'), 'the unknown enum member');
        const diagnostic = client.diagnostics.get(uri(path))!.find(d => d.code === 'unknown-enum-member')!;
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri: uri(path) },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] },
        })) as CodeAction[];
        const fix = actions.find(a => a.title === "Change to 'active'")!;
        const fixed = applyEdits(broken, fix.edit!.changes![uri(path)]);
        expect(fixed).toBe(original);
        await change(path, fixed);
        await client.until(d => !has('unknown-enum-member')(d), 'the fix to be re-validated');

        // Three active bets of data-platform exceed its WIP limit (a warning in org/teams.pom); closing one clears it.
        expect(client.diagnostics.get(uri('org/teams.pom'))?.map(d => d.code)).toContain('wip-limit-exceeded');
        const fewer = original.replace(/(bet warehouse-migration[^{]*\{[^}]*?status: )active/, '$1done');
        expect(fewer).not.toBe(original);
        await change(path, fewer);
        await client.until(d => !(d.get(uri('org/teams.pom')) ?? []).some(x => x.code === 'wip-limit-exceeded'), 'the warning in teams.pom to clear');
    });

    test('a metric data file that changes on disk is read again: its problems show in it, and the health warning follows', async () => {
        const data = 'data/days-to-first-payment.csv';
        const original = text(data);
        const contradicted = (d: Map<string, Diagnostic[]>) => (d.get(uri('strategy/strategy.pom')) ?? []).some(x => x.code === 'health-contradicted');
        const badDate = (d: Map<string, Diagnostic[]>) => (d.get(uri(data)) ?? []).some(x => x.code === 'metric-bad-date');
        await client.until(contradicted, 'the health-contradicted warning');
        const lines = original.split('\n');
        lines[2] = lines[2].replace(/^\d{4}-\d{2}-\d{2}/, '2026-13-45');
        writeFileSync(join(root, data), lines.join('\n'));
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(data), type: FileChangeType.Changed }] });
        await client.until(d => badDate(d) && !contradicted(d), 'the bad date in the data file, and no series to contradict the health');
        expect(client.diagnostics.get(uri(data))!.find(x => x.code === 'metric-bad-date')!.range.start.line).toBe(2);
        // pom check agrees.
        const check = await compileWorkspace(root);
        expect(check.diagnostics.filter(d => d.location.file === data).map(d => d.code)).toEqual(client.diagnostics.get(uri(data))!.map(d => d.code));

        writeFileSync(join(root, data), original);
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(data), type: FileChangeType.Changed }] });
        await client.until(d => !badDate(d) && contradicted(d), 'the data file to be clean again');
        expect(client.diagnostics.get(uri(data))).toEqual([]);
    });
    test('the diagram preview: a Preview lens on each view, views at the cursor, and diagrams drawn from unsaved edits', async () => {
        const views = 'views/views.pom';
        await open(views);
        const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(views) } })) as CodeLens[];
        const previews = lenses.map(lens => `${lens.range.start.line + 1} ${lens.command?.command} ${String(lens.command?.arguments?.[0])}`);
        expect(previews).toContain(`${positionOf(text(views), 'view strategy-map "', 5).line + 1} pom.previewView acme.views.strategy-map`);
        expect(previews.length).toBe((text(views).match(/^view /gm) ?? []).length);

        // A new active bet, typed but not saved: the strategy map (which includes active bets) draws it at once.
        const path = 'bets/commerce.pom';
        await open(path);
        const edited = text(path) + '\nbet instant-refunds "Instant refunds" {\n  status: active\n  horizon: months\n  owner -> checkout-team\n}\n';
        await change(path, edited);
        const diagram = await diagramOf({ view: 'acme.views.strategy-map' });
        expect(diagram.error).toBeUndefined();
        expect(diagram.title).toBe('Strategy map');
        expect(diagram.svg).toContain('data-id="acme.bets.instant-refunds"');
        expect(diagram.objects['acme.bets.instant-refunds']).toEqual({
            uri: uri(path),
            range: expect.objectContaining({ start: positionOf(edited, 'bet instant-refunds', 4) }),
        });
        const unknown = await diagramOf({ view: 'acme.views.strategy-mapp' });
        expect(unknown.svg).toBeUndefined();
        expect(unknown.error).toContain("Did you mean 'acme.views.strategy-map'");

        // On a team's name: its team view and lineage come first; the declared views and the strategy follow.
        const teams = 'org/teams.pom';
        await open(teams);
        const choices = await viewsAt({ textDocument: { uri: uri(teams) }, position: positionOf(text(teams), 'team payments-core', 7) });
        expect(choices.atCursor.map(choice => choice.id)).toEqual(['team:acme.org.payments-core', 'lineage:acme.org.payments-core']);
        expect(choices.views.map(choice => choice.id)).toEqual(expect.arrayContaining(['acme.views.strategy-map', 'strategy']));
        const team = await diagramOf({ view: choices.atCursor[0].id });
        expect(team.svg).toContain('data-id="acme.org.payments-core"');
        await change(path, text(path));
    });
});
