// The language server the editor benches drive: `pom lsp --stdio` on a workspace, through a real LSP connection.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    createProtocolConnection,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    StreamMessageReader,
    StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * A language server on `dir`, initialised, with its published diagnostics (by URI), `until` to wait on them, its
 * process's CPU time and `initializing`, the time the initialize request was sent. `env` is added to the server's
 * environment, `nodeArgs` go to its Node (e.g. --cpu-prof), `timeout` bounds each `until` by default.
 */
export async function startServer(dir, { env = {}, nodeArgs = [], timeout = 180_000 } = {}) {
    const child = spawn(process.execPath, [...nodeArgs, join(root, 'cli', 'bin', 'pom.js'), 'lsp', '--stdio'], {
        stdio: 'pipe',
        env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
        stderr += chunk;
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Map();
    let waiters = [];
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        published.set(params.uri, { diagnostics: params.diagnostics, version: params.version, at: process.hrtime.bigint() });
        const pending = waiters;
        waiters = [];
        for (const wake of pending) wake();
    });
    connection.listen();
    /** Resolves once `condition` holds over the published diagnostics. */
    const until = async (condition, what, ms = timeout) => {
        const deadline = Date.now() + ms;
        while (!condition()) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server stderr: ${stderr.slice(0, 2000)}`);
            await new Promise(wake => {
                const timer = setTimeout(wake, 1000);
                waiters.push(() => {
                    clearTimeout(timer);
                    wake();
                });
            });
        }
    };
    const rootUri = pathToFileURL(dir).toString();
    const initializing = process.hrtime.bigint();
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {},
    });
    await connection.sendNotification(InitializedNotification.type, {});
    /** The server's CPU time so far, in ms (Linux). */
    const cpu = () => {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks of 10 ms
    };
    const stop = async () => {
        const exited = new Promise(done => child.once('exit', done));
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        await exited;
        connection.dispose();
    };
    return { connection, published, until, cpu, stop, initializing };
}
