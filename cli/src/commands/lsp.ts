import { UsageError } from '../main.js';

export interface LspOptions {
    stdio: boolean;
}

/** Runs the language server until the client disconnects; stdout then belongs to the protocol. */
export async function lspCommand(options: LspOptions): Promise<number> {
    if (!options.stdio) throw new UsageError('pom lsp talks to the editor over standard input and output: run pom lsp --stdio');
    const { startPomLanguageServer } = await import('../../../language/src/lsp/server.js');
    startPomLanguageServer();
    return 0;
}
