import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkspaceError } from '../../../language/src/index.js';
import { ModelSource } from '../mcp/model-source.js';
import { createMcpServer } from '../mcp/server.js';

export interface McpOptions {
    /** Serve Streamable HTTP on 127.0.0.1 at this port (0: any free port) instead of stdio. */
    http?: number;
}

/** `pom mcp [dir]`: the MCP server, over stdio (for an assistant that starts it) or Streamable HTTP on localhost. */
export async function mcpCommand(dir: string, options: McpOptions): Promise<number> {
    const stat = await fs.stat(dir).catch(() => undefined);
    if (!stat?.isDirectory()) throw new WorkspaceError(`no such folder: ${dir} (give the folder that holds your .pom files)`);
    const source = new ModelSource(dir);
    source.watch();
    if (options.http === undefined) {
        const server = createMcpServer(source);
        source.onChange = () => {
            if (server.isConnected()) server.sendResourceListChanged();
        };
        await server.connect(new StdioServerTransport());
        // Runs until the client closes standard input.
        await new Promise<void>(resolveClosed => {
            server.server.onclose = () => resolveClosed();
        });
        source.close();
        return 0;
    }
    // Stateless Streamable HTTP: one server per request, all answering from the same (cached) model.
    const http = createServer((request, response) => {
        const server = createMcpServer(source);
        const host = `127.0.0.1:${(http.address() as AddressInfo).port}`;
        const transport = new StreamableHTTPServerTransport({
            sessionIdGenerator: undefined,
            enableJsonResponse: true,
            /* eslint-disable @typescript-eslint/no-deprecated -- the SDK's own host check; pom serves no other middleware */
            enableDnsRebindingProtection: true,
            allowedHosts: [host, host.replace('127.0.0.1', 'localhost')],
            /* eslint-enable @typescript-eslint/no-deprecated */
        });
        response.on('close', () => {
            void transport.close();
            void server.close();
        });
        server
            .connect(transport)
            .then(() => transport.handleRequest(request, response))
            .catch((error: unknown) => {
                if (!response.headersSent) response.writeHead(500).end(String(error));
            });
    });
    await new Promise<void>((resolveListening, reject) => {
        http.once('error', reject);
        http.listen(options.http, '127.0.0.1', () => resolveListening());
    });
    process.stderr.write(`pom: MCP server for ${dir} at http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp (Ctrl-C stops it)\n`);
    await new Promise<void>(resolveStopped => {
        const stop = () => {
            http.close();
            source.close();
            resolveStopped();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
    return 0;
}
