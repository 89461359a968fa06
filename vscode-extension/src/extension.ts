// The pom extension for VS Code: starts the bundled language server, and adds "pom: Show diagram" and
// "pom: Build site", which run the bundled pom CLI. Everything runs on VS Code's own Node (22 or newer).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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
        documentSelector: [{ scheme: 'file', language: 'pom' }, { scheme: 'untitled', language: 'pom' }],
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.pom') },
        outputChannel: output,
    };
    client = new LanguageClient('pom', 'pom language server', serverOptions, clientOptions);
    context.subscriptions.push(
        vscode.commands.registerCommand('pom.showDiagram', () => showDiagram(context)),
        vscode.commands.registerCommand('pom.buildSite', () => buildSite(context)),
    );
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}

interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the bundled pom CLI with VS Code's Node. */
function pom(context: vscode.ExtensionContext, args: string[], cwd: string): Promise<CliResult> {
    const cli = context.asAbsolutePath(join('dist', 'pom.mjs'));
    return new Promise(resolve => {
        execFile(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr }));
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
    const out = vscode.workspace.getConfiguration('pom').get<string>('siteOutput', 'out');
    output!.show(true);
    output!.appendLine(`$ pom build ${folder.uri.fsPath} --out ${out}`);
    const result = await pom(context, ['build', '.', '--out', out], folder.uri.fsPath);
    output!.append(result.stdout + result.stderr);
    output!.appendLine(`pom build exited with ${result.code}`);
    if (result.code === 0) void vscode.window.showInformationMessage(`pom: site built in ${out}/`);
    else void vscode.window.showWarningMessage('pom build reported problems: see the pom output.');
}

/** The views to offer: the strategy, and the lineage and team views of the object under the cursor. */
function viewChoices(editor: vscode.TextEditor | undefined): string[] {
    const choices = ['strategy'];
    if (editor?.document.languageId === 'pom') {
        const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[\w-]+(\.[\w-]+)*/);
        const packageName = /^\s*package\s+([\w.-]+)/m.exec(editor.document.getText())?.[1];
        if (range) {
            const word = editor.document.getText(range);
            const id = packageName && !word.startsWith(packageName + '.') ? `${packageName}.${word}` : word;
            choices.unshift(`lineage:${id}`, `team:${id}`);
        }
    }
    return choices;
}

async function showDiagram(context: vscode.ExtensionContext): Promise<void> {
    const folder = workspaceFolder();
    if (!folder) {
        void vscode.window.showErrorMessage('pom: open a folder that holds .pom files to draw its diagrams.');
        return;
    }
    const help = await pom(context, ['--help'], folder.uri.fsPath);
    if (!/^\s+diagram\b/m.test(help.stdout)) {
        void vscode.window.showWarningMessage('pom: this version of pom cannot draw diagrams yet (no `pom diagram` command).');
        return;
    }
    const other = 'Another view…';
    let view = await vscode.window.showQuickPick([...viewChoices(vscode.window.activeTextEditor), other], { placeHolder: 'The view to draw' });
    if (view === other) view = await vscode.window.showInputBox({ prompt: 'A declared view id, strategy, team:<team id> or lineage:<object id>' });
    if (!view) return;
    const scratch = mkdtempSync(join(tmpdir(), 'pom-diagram-'));
    try {
        const file = join(scratch, 'diagram.svg');
        const result = await pom(context, ['diagram', view, '.', '-o', file], folder.uri.fsPath);
        if (result.code !== 0) {
            output!.append(result.stdout + result.stderr);
            void vscode.window.showErrorMessage(`pom: could not draw ${view}: ${(result.stderr.trim().split('\n')[0]) || 'see the pom output'}`);
            return;
        }
        openDiagram(view, readFileSync(file, 'utf8'));
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}

function openDiagram(view: string, svg: string): void {
    const panel = vscode.window.createWebviewPanel('pom.diagram', `pom: ${view}`, vscode.ViewColumn.Beside, { enableScripts: true });
    const nonce = Math.random().toString(36).slice(2);
    panel.webview.html = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}';">
<style>body { margin: 0; } svg { max-width: 100%; height: auto; } [data-id] { cursor: pointer; }</style>
</head><body>${svg}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', event => {
    const node = event.target.closest('[data-id]');
    if (node) vscode.postMessage({ type: 'open', id: node.getAttribute('data-id') });
});
</script></body></html>`;
    panel.webview.onDidReceiveMessage(async (message: { type: string; id: string }) => {
        if (message.type === 'open') await revealObject(message.id);
    });
}

/** Opens the source of an object, found by the language server's workspace symbols. */
async function revealObject(id: string): Promise<void> {
    const name = id.split('.').pop()!;
    // The server names symbols by their full id, and matches a query against it.
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', id) ?? [];
    const symbol = symbols.find(s => s.name === id || (s.containerName ? `${s.containerName}.${s.name}` : s.name) === id)
        ?? symbols.find(s => s.name === name || s.name.endsWith(`.${name}`));
    if (!symbol) {
        void vscode.window.showWarningMessage(`pom: cannot find where ${id} is declared.`);
        return;
    }
    const editor = await vscode.window.showTextDocument(symbol.location.uri, { viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(symbol.location.range.start, symbol.location.range.start);
    editor.revealRange(symbol.location.range, vscode.TextEditorRevealType.InCenter);
}
