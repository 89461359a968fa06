import {
    Cancellation,
    DefaultLinker,
    interruptAndCheck,
    isLinkingError,
    RefResolving,
    type AstNode,
    type AstNodeDescription,
    type CstNode,
    type DefaultReference,
    type LangiumDocument,
    type LinkingError,
    type MultiReference,
    type Reference,
    type ReferenceInfo,
} from 'langium';
import { AstWalk, forEachReference, type ReferenceVisitor } from '../util/ast-walk.js';
import type { PomServices } from '../pom-module.js';
import type { PomResolver } from './resolver.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { SyntaxLeaf } from '../workspace/syntax-leaf.js';

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
        const link: ReferenceVisitor = (reference, property, index, container) => this.linkReference(reference, container, property, index, document);
        const walk = new AstWalk(document.parseResult.value);
        for (let node = walk.next(); node; node = walk.next()) {
            if (++visited % 256 === 0) await interruptAndCheck(cancelToken);
            forEachReference(node, link);
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

    /** The class of this linker's slim references: they reach the linker through it, not through a field each. */
    private readonly SlimReference = slimReferenceClass(this.referenceResolver);

    /**
     * Langium's reference. One the parser makes from a token is a SlimReference: the same behaviour in a field less.
     * Any other is Langium's, with the field its description is kept in made at
     * once: added when it is linked, the field would no longer fit in the object, and every linked reference would get
     * a separate property store.
     */
    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        if (refNode instanceof SyntaxLeaf) return new this.SlimReference(node, property, refNode, refText);
        const reference = super.buildReference(node, property, refNode, refText);
        (reference as LinkState)._nodeDescription = undefined;
        return reference;
    }

    /**
     * Langium's `doLink` for one reference the walk finds: the same outcome, and the same entry in
     * `document.references` (what `unlink` clears), but without a `ReferenceInfo` per reference (100k of them at 10k
     * objects): one is made only for an error, which keeps it. Multi-references go through `doLink` itself.
     */
    protected linkReference(
        reference: Reference | MultiReference,
        container: AstNode,
        property: string,
        index: number | undefined,
        document: LangiumDocument,
    ): void {
        if (!('_ref' in reference)) {
            this.doLink({ reference, container, property, index }, document);
            return;
        }
        const state = reference as LinkState;
        // Already linked, or linked lazily by reading its `ref`.
        if (state._ref !== undefined) return;
        state._ref = RefResolving;
        try {
            const candidate = this.candidate(reference, container, property, index, undefined);
            if (isLinkingError(candidate)) {
                state._ref = candidate;
            } else {
                state._nodeDescription = candidate;
                state._ref = this.loadAstNode(candidate) ?? this.createLinkingError({ reference, container, property, index }, candidate);
            }
        } catch (error) {
            console.error(`An error occurred while resolving reference to '${reference.$refText}':`, error);
            state._ref = {
                info: { reference, container, property, index },
                message: `An error occurred while resolving reference to '${reference.$refText}': ${(error as Error).message ?? String(error)}`,
            };
        }
        document.references.push(reference);
    }

    override getCandidate(info: ReferenceInfo): AstNodeDescription | LinkingError {
        return this.candidate(info.reference, info.container, info.property, info.index, info);
    }

    /** What the reference links to, or the error; `info`, when the caller has one, is what an error keeps. */
    protected candidate(
        reference: Reference | MultiReference,
        container: AstNode,
        property: string,
        index: number | undefined,
        info: ReferenceInfo | undefined,
    ): AstNodeDescription | LinkingError {
        let resolution;
        try {
            resolution = this.resolver().resolveReference(reference.$refText, container, property);
        } catch (error) {
            if (process.env.POM_DEBUG) console.error(error);
            return {
                info: info ?? { reference, container, property, index },
                message: `Internal error while resolving '${reference.$refText}' (${error instanceof Error ? error.message : String(error)}). This is a bug in pom.`,
                code: IssueCodes.InternalError,
            } as PomLinkingError;
        }
        switch (resolution.kind) {
            case 'found':
                return resolution.description;
            case 'silent':
                return { info: info ?? { reference, container, property, index }, message: '', silent: true } as PomLinkingError;
            default:
                return { info: info ?? { reference, container, property, index }, message: resolution.message, code: resolution.code } as PomLinkingError;
        }
    }
}

/** What a reference asks to be linked when its target is read before the linker has linked it (Langium's). */
type ReferenceResolver = { resolveReference(reference: DefaultReference, node: AstNode, property: string): AstNode | undefined };

/**
 * Langium's single reference (DefaultReferenceImpl, langium 4.4) without the field every one of them repeats: the
 * resolver (the same for all of a linker's references: the class holds it). A compile keeps one per name written (107k
 * at 10k objects): 72 bytes instead of 80. Its fields keep Langium's names, which Langium's linker reads and writes
 * (`_ref`, `_nodeDescription`), and so does unlinking.
 */
function slimReferenceClass(resolver: ReferenceResolver) {
    return class SlimReference implements DefaultReference {
        _ref: AstNode | LinkingError | typeof RefResolving | undefined = undefined;
        _nodeDescription: AstNodeDescription | undefined = undefined;

        constructor(
            readonly node: AstNode,
            readonly property: string,
            readonly $refNode: SyntaxLeaf,
            // A field, not a getter reading the token's image: every walk over references tests it (isReference).
            readonly $refText: string,
        ) {}

        get ref(): AstNode | undefined {
            return resolver.resolveReference(this, this.node, this.property);
        }

        get $nodeDescription(): AstNodeDescription | undefined {
            return this._nodeDescription;
        }

        get error(): LinkingError | undefined {
            return isLinkingError(this._ref) ? this._ref : undefined;
        }
    };
}
