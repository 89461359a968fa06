import { Cancellation, interruptAndCheck, type AstNodeDescription } from 'langium';
import { DefaultWorkspaceSymbolProvider } from 'langium/lsp';
import type { LangiumSharedServices } from 'langium/lsp';
import type { StdlibCopy } from './stdlib-copy.js';
import type { WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';

/** How many symbols one query returns at most: a workspace of 50k objects would otherwise flood the client. */
const MAX_SYMBOLS = 1000;

/**
 * Symbols are named by their full id (`acme.bets.checkout`); a query matches any segment's start or the id
 * fuzzily, so `checkout`, `bets.check` and `abc` all find it.
 */
export class PomWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    constructor(protected readonly services: LangiumSharedServices) {
        super(services);
    }

    override async getSymbols(params: WorkspaceSymbolParams, cancelToken = Cancellation.CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.toLowerCase();
        const symbols: WorkspaceSymbol[] = [];
        let visited = 0;
        for (const description of this.indexManager.allElements()) {
            if (++visited % 1000 === 0) await interruptAndCheck(cancelToken);
            if (!this.matches(query, description)) continue;
            const symbol = this.getWorkspaceSymbol(description);
            if (!symbol) continue;
            const dot = description.name.lastIndexOf('.');
            if (dot > 0) symbol.containerName = description.name.slice(0, dot);
            if ('uri' in symbol.location)
                symbol.location = {
                    ...symbol.location,
                    uri: (this.services as unknown as { lsp: { StdlibCopy: StdlibCopy } }).lsp.StdlibCopy.toClient(symbol.location.uri),
                };
            symbols.push(symbol);
            if (symbols.length >= MAX_SYMBOLS) break;
        }
        return symbols;
    }

    protected matches(query: string, description: AstNodeDescription): boolean {
        if (!query) return true;
        const id = description.name.toLowerCase();
        return id.split('.').some((_, i, parts) => parts.slice(i).join('.').startsWith(query)) || this.fuzzyMatcher.match(query, id);
    }
}
