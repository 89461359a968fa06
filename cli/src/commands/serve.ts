import { watch, type FSWatcher } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { extname, resolve } from 'node:path';
import { compileWorkspace } from '../../../language/src/compiler.js';
import { CONTENT_SECURITY_POLICY } from '../../../language/src/emitters/site/layout.js';
import { summary } from '../format-diagnostics.js';
import { renderSite } from '../site/write-site.js';

export interface ServeOptions {
    port: number;
    host: string;
}

/** Where the live-reload script listens for rebuilds (server-sent events). */
export const EVENTS_PATH = '/__pom/events';
/** Editors write a file in several steps; wait for them to settle before rebuilding. */
const DEBOUNCE_MS = 120;

const CONTENT_TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.svg': 'image/svg+xml', '.json': 'application/json',
};

/**
 * Serves the site of a workspace from memory on localhost, rebuilds it when a .pom file changes and tells open
 * pages to reload. For authors: the output is the same as `pom build`'s plus the live-reload script.
 */
export async function serveCommand(dir: string, options: ServeOptions): Promise<number> {
    const port = options.port;
    const root = resolve(dir);
    let files = await build(root);
    let generation = 0;
    const clients = new Set<ServerResponse>();

    const server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (url.pathname === EVENTS_PATH) {
            response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
            response.write(`retry: 1000\n: generation ${generation}\n\n`);
            clients.add(response);
            request.on('close', () => clients.delete(response));
            return;
        }
        let path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
        if (path === '' || path.endsWith('/')) path += 'index.html';
        const content = files.get(path);
        const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
        if (content === undefined || request.method !== 'GET' && request.method !== 'HEAD') {
            response.writeHead(content === undefined ? 404 : 405, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
            response.end(content === undefined ? `Not found: /${path}\n` : 'Only GET and HEAD\n');
            return;
        }
        response.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
        response.end(request.method === 'HEAD' ? undefined : content);
    });

    let timer: NodeJS.Timeout | undefined;
    let building = Promise.resolve();
    const rebuild = () => {
        building = building.then(async () => {
            try {
                files = await build(root);
                generation++;
                for (const client of clients) client.write(`event: reload\ndata: ${generation}\n\n`);
            } catch (error) {
                process.stderr.write(`pom: rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
            }
        });
    };
    const watcher: FSWatcher = watch(root, { recursive: true }, (_event, name) => {
        if (name && !String(name).endsWith('.pom')) return;
        clearTimeout(timer);
        timer = setTimeout(rebuild, DEBOUNCE_MS);
    });

    await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, options.host, () => resolveListen());
    });
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    process.stderr.write(`pom: serving ${root} at http://${options.host}:${actualPort}/ (rebuilds on change; Ctrl-C to stop)\n`);

    await new Promise<void>(resolveStop => {
        const stop = () => {
            clearTimeout(timer);
            watcher.close();
            for (const client of clients) client.end();
            server.close(() => resolveStop());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
    return 0;
}

async function build(root: string): Promise<Map<string, string>> {
    const result = await compileWorkspace(root);
    process.stderr.write(`pom: ${summary(result.diagnostics, result.files.length)}\n`);
    return renderSite(result.graph, { liveReload: true });
}
