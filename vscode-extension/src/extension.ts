// The pom extension for VS Code: starts the bundled language server; "pom: Show diagram" and the "Preview" lens on
// each view open a live diagram the server draws from its in-memory model (unsaved edits included); "pom: Build
// site" runs the bundled pom CLI. Everything runs on VS Code's own Node (22 or newer).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { DiagramAnswer, DiagramParams, ViewsAnswer, ViewsParams } from '../../language/src/lsp/diagram-requests.js';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel('pom');
    context.subscriptions.push(output);
    const server = context.asAbsolutePath(join('dist', 'server.mjs'));
    // The server is a separate Node process: VS Code's (process.execPath, run as plain Node), never a system one.
    const run = { module: server, transport: TransportKind.stdio };
    const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--inspect=6009'] } } };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'pom' },
            { scheme: 'untitled', language: 'pom' },
        ],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.pom') },
        outputChannel: output,
    };
    client = new LanguageClient('pom', 'pom language server', serverOptions, clientOptions);
    context.subscriptions.push(
        vscode.commands.registerCommand('pom.showDiagram', () => showDiagram()),
        vscode.commands.registerCommand('pom.previewView', (view?: string) => (view ? previewView(view) : showDiagram())),
        vscode.commands.registerCommand('pom.buildSite', () => buildSite(context)),
        vscode.commands.registerCommand('pom.restartServer', async () => {
            await client?.restart();
        }),
        // Previews follow every edit, saved or not, once typing pauses.
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document.languageId === 'pom') refreshPreviewsSoon();
        }),
        vscode.window.onDidChangeActiveColorTheme(() => {
            for (const preview of previews.values()) void preview.refresh();
        }),
    );
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}

interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs the bundled pom CLI with VS Code's Node. */
function pom(context: vscode.ExtensionContext, args: string[], cwd: string): Promise<CliResult> {
    const cli = context.asAbsolutePath(join('dist', 'pom.mjs'));
    return new Promise(resolve => {
        execFile(
            process.execPath,
            [cli, ...args],
            { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr }),
        );
    });
}

function workspaceFolder(): vscode.WorkspaceFolder | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

async function buildSite(context: vscode.ExtensionContext): Promise<void> {
    const folder = workspaceFolder();
    if (!folder) {
        void vscode.window.showErrorMessage('pom: open a folder that holds .pom files to build its site.');
        return;
    }
    if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('pom: Build site writes files, so it runs only in a trusted workspace.');
        return;
    }
    const out = vscode.workspace.getConfiguration('pom').get<string>('siteOutput', 'out');
    output!.show(true);
    output!.appendLine(`$ pom build ${folder.uri.fsPath} --out ${out}`);
    const result = await pom(context, ['build', '.', '--out', out], folder.uri.fsPath);
    output!.append(result.stdout + result.stderr);
    output!.appendLine(`pom build exited with ${result.code}`);
    if (result.code === 0) void vscode.window.showInformationMessage(`pom: site built in ${out}/`);
    else void vscode.window.showWarningMessage('pom build reported problems: see the pom output.');
}

/** Open previews, by view id. */
const previews = new Map<string, Preview>();
let refreshTimer: NodeJS.Timeout | undefined;

function refreshPreviewsSoon(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
        for (const preview of previews.values()) void preview.refresh();
    }, 300);
}

/** Offers the views of the object or view under the cursor first, then the declared views and the strategy. */
async function showDiagram(): Promise<void> {
    if (!client) return;
    const editor = vscode.window.activeTextEditor;
    const params: ViewsParams =
        editor?.document.languageId === 'pom'
            ? { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active }
            : { textDocument: { uri: '' } };
    const answer = await client.sendRequest<ViewsAnswer>('pom/views', params);
    const other = { label: 'Another view…', description: 'a view id: a declared view, strategy, team:<id> or lineage:<id>', id: '' };
    const seen = new Set<string>();
    const items = [...answer.atCursor, ...answer.views]
        .filter(view => !seen.has(view.id) && seen.add(view.id))
        .map(view => ({ label: view.title, description: view.id, id: view.id }));
    const picked = await vscode.window.showQuickPick([...items, other], { placeHolder: 'The view to draw', matchOnDescription: true });
    if (!picked) return;
    const view =
        picked === other ? await vscode.window.showInputBox({ prompt: 'A declared view id, strategy, team:<team id> or lineage:<object id>' }) : picked.id;
    if (view) await previewView(view);
}

async function previewView(view: string): Promise<void> {
    const open = previews.get(view);
    if (open) {
        open.panel.reveal();
        return;
    }
    const preview = new Preview(view);
    previews.set(view, preview);
    await preview.refresh();
}

/** One view's live diagram in a webview beside the editor. */
class Preview {
    readonly panel: vscode.WebviewPanel;
    protected answer: DiagramAnswer | undefined;
    protected generation = 0;

    constructor(readonly view: string) {
        this.panel = vscode.window.createWebviewPanel(
            'pom.diagram',
            `pom: ${view}`,
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true },
        );
        this.panel.onDidDispose(() => previews.delete(view));
        this.panel.webview.onDidReceiveMessage(async (message: { type: string; id: string }) => {
            if (message.type === 'open') await this.reveal(message.id);
            if (message.type === 'view') await previewView(message.id);
        });
    }

    async refresh(): Promise<void> {
        if (!client) return;
        const generation = ++this.generation;
        const params: DiagramParams = { view: this.view };
        const answer = await client.sendRequest<DiagramAnswer>('pom/diagram', params);
        if (generation !== this.generation) return; // a newer refresh is on its way
        this.answer = answer;
        this.panel.title = `pom: ${answer.title}`;
        this.panel.webview.html = page(answer, vscode.window.activeColorTheme.kind);
    }

    /** Opens where a clicked object is written, in the editor beside the preview. */
    protected async reveal(id: string): Promise<void> {
        const location = this.answer?.objects[id];
        if (!location) return;
        const range = new vscode.Range(location.range.start.line, location.range.start.character, location.range.end.line, location.range.end.character);
        await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { viewColumn: vscode.ViewColumn.One, selection: range });
    }
}

function page(answer: DiagramAnswer, theme: vscode.ColorThemeKind): string {
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map(byte => byte.toString(16).padStart(2, '0')).join('');
    const dark = theme === vscode.ColorThemeKind.Dark || theme === vscode.ColorThemeKind.HighContrast;
    const body = answer.svg ?? `<p class="error">${escapeHtml(answer.error ?? 'Nothing to draw.')}</p>`;
    return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'nonce-${nonce}';">
<style>body { margin: 0; padding: 8px; } svg { max-width: 100%; height: auto; } [data-id] { cursor: pointer; } .error { font: 13px sans-serif; }</style>
</head><body data-theme="${dark ? 'dark' : 'light'}">${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', event => {
    const link = event.target.closest('a[href^="#view="]');
    if (link) { event.preventDefault(); vscode.postMessage({ type: 'view', id: decodeURIComponent(link.getAttribute('href').slice(6)) }); return; }
    const node = event.target.closest('[data-id]');
    if (node) vscode.postMessage({ type: 'open', id: node.getAttribute('data-id') });
});
</script></body></html>`;
}

function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
