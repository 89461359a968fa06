import type { LangiumDocument } from 'langium';
import { DefaultDefinitionProvider } from 'langium/lsp';
import type { CancellationToken, DefinitionParams, LocationLink } from 'vscode-languageserver';
import type { PomLspServices } from './pom-lsp-module.js';
import { stdlibCopyOf, type StdlibCopy } from './stdlib-copy.js';

/** Go to definition; a declaration of the standard library opens its read-only copy on disk (stdlib-copy.ts). */
export class PomDefinitionProvider extends DefaultDefinitionProvider {
    protected readonly stdlibCopy: StdlibCopy;

    constructor(services: PomLspServices) {
        super(services);
        this.stdlibCopy = stdlibCopyOf(services);
    }

    override async getDefinition(document: LangiumDocument, params: DefinitionParams, cancelToken?: CancellationToken): Promise<LocationLink[] | undefined> {
        const links = await super.getDefinition(document, params, cancelToken);
        return links?.map(link => ({ ...link, targetUri: this.stdlibCopy.toClient(link.targetUri) }));
    }
}
