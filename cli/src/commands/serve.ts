import { promises as fs, watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { compileWorkspace, dataFilePaths, escapeControls, findPomFiles } from '../../../language/src/index.js';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, styleHashes } from '../../../language/src/render.js';
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
/** How often the workspace is checked for changes that file-system events missed. */
const POLL_MS = 1000;

const CONTENT_TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
};

/**
 * Serves the site of a workspace from memory on localhost, rebuilds it when a .pom file changes and tells open
 * pages to reload. For authors: the output is the same as `pom build`'s plus the live-reload script.
 */
export async function serveCommand(dir: string, options: ServeOptions): Promise<number> {
    const port = options.port;
    const root = resolve(dir);
    let dataFiles: ReadonlySet<string> = new Set();
    const build = async (folder: string): Promise<Map<string, string>> => {
        const result = await compileWorkspace(folder);
        process.stderr.write(`pom: ${summary(result.diagnostics, result.files.length)}\n`);
        dataFiles = new Set(dataFilePaths(result.graph).keys());
        return renderSite(result.graph, { liveReload: true });
    };
    // Taken before the first build, as before every rebuild: a .pom file saved while it runs differs from it, so
    // the first poll builds again. The data files are only known once the model is compiled; theirs is taken after.
    const poms = await pomFingerprint(root);
    let files = await build(root);
    // Each served file's Content-Security-Policy, worked out on its first request: the files change only by a rebuild.
    const policies = new Map<string, string>();
    const policyFor = (path: string, content: string): string => {
        let policy = policies.get(path);
        if (policy === undefined) policies.set(path, (policy = policyOf(path, content)));
        return policy;
    };
    let generation = 0;
    const clients = new Set<ServerResponse>();

    // eslint-disable-next-line no-useless-assignment -- the listening callback sets it before any request reads it
    let actualPort = port;
    const server = createServer((request, response) => {
        try {
            handle(request, response);
        } catch (error) {
            // Whatever a request holds, the server keeps serving.
            process.stderr.write(`pom: request failed: ${escapeControls(error instanceof Error ? error.message : String(error))}\n`);
            if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
            response.end('Internal error\n');
        }
    });
    const handle = (request: IncomingMessage, response: ServerResponse) => {
        // DNS rebinding: a page on another site whose name now resolves to 127.0.0.1 sends its own Host; refuse it.
        if (!isAllowedHost(request.headers.host, options.host)) {
            response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
            response.end(`pom serve answers only requests for localhost or ${options.host}\n`);
            return;
        }
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (url.pathname === EVENTS_PATH) {
            response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
            response.write(`retry: 1000\n: generation ${generation}\n\n`);
            clients.add(response);
            request.on('close', () => clients.delete(response));
            return;
        }
        let path: string;
        try {
            path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
        } catch {
            response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
            response.end('Bad request: the path is not valid percent-encoding\n');
            return;
        }
        if (path === '' || path.endsWith('/')) path += 'index.html';
        const content = files.get(path);
        const headers = {
            'Cache-Control': 'no-store',
            'Content-Security-Policy': content === undefined ? CONTENT_SECURITY_POLICY : policyFor(path, content),
            'X-Content-Type-Options': 'nosniff',
        };
        if (content === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
            response.writeHead(content === undefined ? 404 : 405, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
            response.end(content === undefined ? `Not found: /${encodeURI(path)}\n` : 'Only GET and HEAD\n');
            return;
        }
        response.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
        response.end(request.method === 'HEAD' ? undefined : content);
    };

    let timer: NodeJS.Timeout | undefined;
    let building = Promise.resolve();
    let fingerprint = poms + (await dataFingerprint(root, dataFiles));
    // Rebuilds only when a .pom file or a metric data file really changed: their paths, sizes and change times.
    const rebuildIfChanged = () => {
        building = building.then(async () => {
            try {
                const poms = await pomFingerprint(root);
                const data = await dataFingerprint(root, dataFiles);
                if (poms + data === fingerprint) return;
                const dataFilesBefore = dataFiles;
                files = await build(root);
                // The fingerprint taken before the build: a file changed while it runs differs from it, so the
                // next event or poll builds again (taking it after the build would hide that change for good).
                // Only data files the build has just found referenced are stamped after it, as at start-up.
                const sameDataFiles = dataFiles.size === dataFilesBefore.size && [...dataFiles].every(path => dataFilesBefore.has(path));
                fingerprint = poms + (sameDataFiles ? data : await dataFingerprint(root, dataFiles));
                policies.clear();
                generation++;
                for (const client of clients) client.write(`event: reload\ndata: ${generation}\n\n`);
            } catch (error) {
                process.stderr.write(`pom: rebuild failed: ${escapeControls(error instanceof Error ? error.message : String(error))}\n`);
            }
        });
    };
    // Any event, whatever its name: editors save by writing a temporary file and renaming it over the old one,
    // and data files are not .pom files. The fingerprint decides whether anything changed.
    const watcher: FSWatcher = watch(root, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(rebuildIfChanged, DEBOUNCE_MS);
    });
    watcher.on('error', () => undefined);
    // And a poll, for what file-system events miss (a file replaced by rename is a new file the watcher never saw).
    const poll = setInterval(rebuildIfChanged, POLL_MS);
    poll.unref();

    await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, options.host, () => resolveListen());
    });
    const address = server.address();
    actualPort = typeof address === 'object' && address ? address.port : port;
    process.stderr.write(`pom: serving ${root} at http://${options.host}:${actualPort}/ (rebuilds on change; Ctrl-C to stop)\n`);

    await new Promise<void>(resolveStop => {
        const stop = () => {
            clearTimeout(timer);
            clearInterval(poll);
            watcher.close();
            for (const client of clients) client.end();
            server.close(() => resolveStop());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
    return 0;
}

/** Host names a local server answers to: loopback names, and the address it listens on (with any port). */
export function isAllowedHost(header: string | undefined, listenHost: string): boolean {
    if (!header) return false;
    let hostname: string;
    try {
        hostname = new URL(`http://${header}`).hostname.toLowerCase();
    } catch {
        return false;
    }
    const bare = hostname.replace(/^\[|\]$/g, '');
    if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare)) return true;
    const listen = listenHost.toLowerCase().replace(/^\[|\]$/g, '');
    if (bare === listen) return true;
    // Listening on every interface: its own addresses are those of this machine's interfaces.
    if (listen === '0.0.0.0' || listen === '::') {
        return Object.values(networkInterfaces()).some(list => list?.some(item => item.address.toLowerCase() === bare));
    }
    return false;
}

/**
 * The Content-Security-Policy header of a response: a page's own policy (its <meta> one, which allows the
 * stylesheets of the diagrams it inlines by their hashes), a diagram's the style hashes of its own <style>s.
 * Two policies would both apply, so the header must not be stricter than the page.
 */
function policyOf(path: string, content: string): string {
    if (path.endsWith('.html')) {
        const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(content)?.[1];
        if (meta)
            return meta
                .replace(/&#39;|&apos;/g, "'")
                .replace(/&quot;/g, '"')
                .replace(/&amp;/g, '&');
    }
    if (path.endsWith('.svg')) return contentSecurityPolicy(styleHashes(content));
    return CONTENT_SECURITY_POLICY;
}

/** The .pom files of the workspace with their sizes and change times, as one string (and likewise its data files). */
async function pomFingerprint(root: string): Promise<string> {
    return stamps(await findPomFiles(root).catch(() => []));
}

async function dataFingerprint(root: string, dataFiles: ReadonlySet<string>): Promise<string> {
    return stamps([...dataFiles].map(path => join(root, ...path.split('/'))));
}

/** Each file's path with its size, change times and inode, one per line. */
async function stamps(files: readonly string[]): Promise<string> {
    const parts = await Promise.all(
        files.map(async file => {
            const stat = await fs.stat(file).catch(() => undefined);
            return `${file}\u0000${stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : '-'}\n`;
        }),
    );
    return parts.join('');
}
