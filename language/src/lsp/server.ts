import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { collectWhenIdle } from './idle-collection.js';
import { createPomLspServices } from './pom-lsp-module.js';

/** Starts the pom language server on a connection (by default, the process's stdin and stdout). */
export function startPomLanguageServer(connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout)): void {
    const { shared } = createPomLspServices({ connection, ...NodeFileSystem });
    collectWhenIdle(shared);
    startLanguageServer(shared);
}
