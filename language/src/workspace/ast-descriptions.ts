import {
    AstUtils,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    type AstNode,
    type AstNodeDescription,
    type AstNodeLocator,
    type DocumentSegment,
    type LangiumDocument,
    type NameProvider,
    type URI,
} from 'langium';

/**
 * Langium's descriptions, with the path and the selection segment computed on first use like the name segment
 * already is: every object and declaration is exported, but linking needs only the node, and the eager path string
 * and node range (which the CST node then keeps) were most of the index phase's time and of its memory.
 */
export class PomAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        name ??= this.nameProvider.getName(node);
        if (!name) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        return new LazyNodeDescription(node, name, documentUri, this.astNodeLocator, this.nameProvider);
    }
}

/** An AstNodeDescription whose derived parts are computed when first read, then kept (a node's place never changes). */
class LazyNodeDescription implements AstNodeDescription {
    readonly type: string;
    private pathOnce?: string;
    private nameSegmentOnce?: DocumentSegment | null;
    private selectionSegmentOnce?: DocumentSegment | null;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly locator: AstNodeLocator,
        private readonly names: NameProvider,
    ) {
        this.type = node.$type;
    }

    get path(): string {
        return (this.pathOnce ??= this.locator.getAstNodePath(this.node));
    }

    get nameSegment(): DocumentSegment | undefined {
        if (this.nameSegmentOnce === undefined) this.nameSegmentOnce = segment(this.names.getNameNode(this.node) ?? this.node.$cstNode);
        return this.nameSegmentOnce ?? undefined;
    }

    get selectionSegment(): DocumentSegment | undefined {
        if (this.selectionSegmentOnce === undefined) this.selectionSegmentOnce = segment(this.node.$cstNode);
        return this.selectionSegmentOnce ?? undefined;
    }
}

function segment(node: Parameters<typeof CstUtils.toDocumentSegment>[0]): DocumentSegment | null {
    return CstUtils.toDocumentSegment(node) ?? null;
}
