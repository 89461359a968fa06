import {
    Cancellation,
    CstUtils,
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    isMultiReference,
    isReference,
    UriUtils,
    type AstNode,
    type AstNodeDescription,
    type AstNodeLocator,
    type CstNode,
    type DocumentSegment,
    type LangiumDocument,
    type ReferenceDescription,
    type URI,
} from 'langium';
import { astNodes, forEachReference } from '../util/ast-walk.js';

/** How many nodes are visited between two checks for cancellation (Langium checks at every node), as the linker does. */
const NODES_PER_CHECK = 256;

/**
 * The index of who-references-what (find references, rename, and which documents an edit affects), made after every
 * edit for the edited document and those linked again. The same descriptions as Langium's, in the same order, but
 * found with pom's tree walk, and each one's source path and text segment worked out when first read: find
 * references reads a few, while making them all took a few milliseconds per document of the 10k-object bench.
 */
export class PomReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(
        document: LangiumDocument,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None,
    ): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const sourceUri = document.uri;
        const nodes = astNodes(document.parseResult.value);
        for (let i = 0; i < nodes.length; i++) {
            if (i % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            const container = nodes[i];
            forEachReference(container, reference => {
                if (reference.error || !reference.$refNode) return;
                const refNode = reference.$refNode;
                const add = (target: AstNodeDescription | undefined) => {
                    if (target) descriptions.push(new LazyReferenceDescription(sourceUri, container, refNode, target, this.nodeLocator));
                };
                if (isReference(reference)) add(reference.$nodeDescription);
                else if (isMultiReference(reference)) for (const item of reference.items) add(item.$nodeDescription);
            });
        }
        return descriptions;
    }
}

class LazyReferenceDescription implements ReferenceDescription {
    readonly targetUri: URI;
    readonly targetPath: string;
    readonly local: boolean;
    private path?: string;
    private range?: DocumentSegment;

    constructor(
        readonly sourceUri: URI,
        private readonly container: AstNode,
        private readonly refNode: CstNode,
        target: AstNodeDescription,
        private readonly locator: AstNodeLocator,
    ) {
        this.targetUri = target.documentUri;
        this.targetPath = target.path;
        this.local = UriUtils.equals(target.documentUri, sourceUri);
    }

    get sourcePath(): string {
        return (this.path ??= this.locator.getAstNodePath(this.container));
    }

    get segment(): DocumentSegment {
        return (this.range ??= CstUtils.toDocumentSegment(this.refNode));
    }
}
