import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    StreamMessageReader,
    StreamMessageWriter,
    type Diagnostic,
    type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const POM_BIN = resolve('cli/bin/pom.js');

/** A language client talking to `pom lsp --stdio` in a child process, as an editor does. */
export class StdioClient {
    readonly connection: ProtocolConnection;
    readonly diagnostics = new Map<string, Diagnostic[]>();
    protected readonly waiters: Array<() => void> = [];
    stderr = '';

    constructor(readonly child: ChildProcess) {
        child.stderr!.on('data', chunk => {
            this.stderr += chunk;
        });
        this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.diagnostics.set(params.uri, params.diagnostics);
            for (const wake of this.waiters.splice(0)) wake();
        });
        this.connection.listen();
    }

    static async start(root: string): Promise<StdioClient> {
        const child = spawn(process.execPath, [POM_BIN, 'lsp', '--stdio'], { stdio: 'pipe' });
        const client = new StdioClient(child);
        const uri = pathToFileURL(root).toString();
        await client.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            // eslint-disable-next-line @typescript-eslint/no-deprecated -- sent beside workspaceFolders, as real clients do
            rootUri: uri,
            workspaceFolders: [{ uri, name: 'workspace' }],
            capabilities: { workspace: { workspaceEdit: { documentChanges: false } } },
        });
        await client.connection.sendNotification(InitializedNotification.type, {});
        return client;
    }

    /** Resolves once `condition` holds over the published diagnostics; fails after `timeout` ms. */
    async until(condition: (diagnostics: Map<string, Diagnostic[]>) => boolean, what: string, timeout = 20_000): Promise<void> {
        const deadline = Date.now() + timeout;
        while (!condition(this.diagnostics)) {
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`);
            await new Promise<void>(wake => {
                const timer = setTimeout(wake, left);
                this.waiters.push(() => {
                    clearTimeout(timer);
                    wake();
                });
            });
        }
    }

    async stop(): Promise<number | null> {
        const exited = new Promise<number | null>(done => this.child.once('exit', code => done(code)));
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
        const code = await exited;
        this.connection.dispose();
        return code;
    }
}
