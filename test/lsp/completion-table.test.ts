import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    CompletionRequest,
    DidChangeTextDocumentNotification,
    DidOpenTextDocumentNotification,
    type CompletionItem,
    type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { ACME, WORKSPACE } from '../helpers.js';
import { COMPLETION_TABLE, applyRow, type CompletionRow } from './completion-table.js';
import { lspWorkspace, type LspWorkspace } from './lsp-helpers.js';
import { StdioClient } from './stdio-client.js';

function pomFiles(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.pom')) files[relative(dir, path)] = readFileSync(path, 'utf8');
        }
    };
    walk(dir);
    return files;
}

const sources = pomFiles(ACME);

function positionAt(text: string, offset: number) {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

function check(row: CompletionRow, items: CompletionItem[]): void {
    const labels = items.map(item => item.label);
    for (const label of row.must) expect(labels, `${row.name}: must offer '${label}'`).toContain(label);
    for (const label of row.not) expect(labels, `${row.name}: must not offer '${label}'`).not.toContain(label);
    if (row.empty) expect(labels, `${row.name}: must offer nothing`).toEqual([]);
}

test('the table covers at least 40 cursor positions', () => {
    expect(COMPLETION_TABLE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(COMPLETION_TABLE.map(row => row.name)).size).toBe(COMPLETION_TABLE.length);
});

describe('completion table, in process', () => {
    let ws: LspWorkspace;
    beforeAll(async () => {
        ws = await lspWorkspace(sources);
    }, 60_000);

    test.each(COMPLETION_TABLE.map(row => [row.name, row] as const))('%s', async (_name, row) => {
        const { text, offset } = applyRow(sources[row.file] ?? '', row);
        const uri = URI.file(resolve(WORKSPACE, row.file));
        // The edited text as the editor holds it; the rest of the workspace as built.
        const document = ws.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        const list = await ws.pom.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: uri.toString() },
            position: positionAt(text, offset),
        });
        check(row, list?.items ?? []);
    });
});

describe('completion table, over stdio', () => {
    let root: string;
    let client: StdioClient;
    const versions = new Map<string, number>();
    beforeAll(async () => {
        root = mkdtempSync(join(tmpdir(), 'pom-completion-'));
        cpSync(ACME, root, { recursive: true });
        client = await StdioClient.start(root);
    }, 60_000);
    afterAll(async () => {
        if (client) expect(await client.stop()).toBe(0);
        rmSync(root, { recursive: true, force: true });
    });

    test.each(COMPLETION_TABLE.map(row => [row.name, row] as const))('%s', async (_name, row) => {
        const { text, offset } = applyRow(sources[row.file] ?? '', row);
        const uri = pathToFileURL(join(root, row.file)).toString();
        const version = (versions.get(uri) ?? 0) + 1;
        versions.set(uri, version);
        if (version === 1) {
            await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'pom', version, text } });
        } else {
            await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
        }
        const list = (await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri },
            position: positionAt(text, offset),
        })) as CompletionList | null;
        check(row, list?.items ?? []);
    });
});
