import { Cancellation, DefaultLinker, interruptAndCheck, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import { astNodes, forEachReference } from '../util/ast-walk.js';
import type { PomServices } from '../pom-module.js';
import type { PomResolver } from './resolver.js';
import { IssueCodes } from '../diagnostics/codes.js';

/** A linking error that carries its diagnostic code; `silent` ones are consequences of an error reported elsewhere. */
export interface PomLinkingError extends LinkingError {
    code?: string;
    silent?: boolean;
}

/** The fields Langium's references keep their link in (a single reference `_ref`, a multi-reference `_items`). */
interface LinkState {
    _ref?: unknown;
    _nodeDescription?: unknown;
    _items?: unknown;
    _linkingError?: unknown;
}

export class PomLinker extends DefaultLinker {
    private cachedResolver?: PomResolver;

    constructor(protected readonly services: PomServices) {
        super(services);
    }

    /** Resolved on first use: the resolver depends on services created after the linker. */
    protected resolver(): PomResolver {
        return (this.cachedResolver ??= this.services.references.Resolver);
    }

    /**
     * Links every reference of the document, in the order Langium's linker does, over a plain array of the nodes
     * instead of two streams per node, and polls for cancellation in batches rather than awaiting at every node.
     */
    override async link(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        let visited = 0;
        for (const node of astNodes(document.parseResult.value)) {
            if (++visited % 256 === 0) await interruptAndCheck(cancelToken);
            forEachReference(node, (reference, property, index) => this.doLink({ reference, container: node, property, index }, document));
        }
    }

    /**
     * Langium's unlink, clearing each reference's description by assignment rather than `delete`, which turns every
     * reference object into a slower dictionary of its own (after each edit, for every reference of every document
     * relinked or parsed again).
     */
    override unlink(document: LangiumDocument): void {
        for (const reference of document.references as unknown as LinkState[]) {
            if ('_ref' in reference) {
                reference._ref = undefined;
                reference._nodeDescription = undefined;
            } else if ('_items' in reference) {
                reference._items = undefined;
                reference._linkingError = undefined;
            }
        }
        document.references = [];
    }

    override getCandidate(info: ReferenceInfo): AstNodeDescription | LinkingError {
        let resolution;
        try {
            resolution = this.resolver().resolve(info);
        } catch (error) {
            if (process.env.POM_DEBUG) console.error(error);
            return {
                info,
                message: `Internal error while resolving '${info.reference.$refText}' (${error instanceof Error ? error.message : String(error)}). This is a bug in pom.`,
                code: IssueCodes.InternalError,
            } as PomLinkingError;
        }
        switch (resolution.kind) {
            case 'found':
                return resolution.description;
            case 'silent':
                return { info, message: '', silent: true } as PomLinkingError;
            default:
                return { info, message: resolution.message, code: resolution.code } as PomLinkingError;
        }
    }
}
