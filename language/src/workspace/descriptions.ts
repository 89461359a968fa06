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
 * Langium's descriptions, but with their path and source segments computed when first read. Every object and
 * declaration is exported with a description, and linking needs only its node, name and type: the path (a string
 * built segment by segment up the tree) and the segments (a range found through the syntax tree) are read by the
 * editor's references, rename and document symbols, for a few descriptions at a time.
 */
export class PomAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const named = name ?? this.nameProvider.getName(node);
        // Langium's message, eagerly as Langium does: a description without a name is a bug in the caller.
        if (!named) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        return new LazyDescription(node, named, (document ?? AstUtils.getDocument(node)).uri, this.astNodeLocator, this.nameProvider);
    }
}

class LazyDescription implements AstNodeDescription {
    readonly type: string;
    private computedPath: string | undefined = undefined;
    private computedSelection: DocumentSegment | undefined = undefined;
    private computedNameSegment: DocumentSegment | undefined = undefined;

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
        return (this.computedPath ??= this.locator.getAstNodePath(this.node));
    }

    get selectionSegment(): DocumentSegment | undefined {
        return (this.computedSelection ??= CstUtils.toDocumentSegment(this.node.$cstNode));
    }

    get nameSegment(): DocumentSegment | undefined {
        return (this.computedNameSegment ??= CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode));
    }
}
