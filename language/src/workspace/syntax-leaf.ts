import { CstNodeBuilder, type AstNode, type CompositeCstNode, type GrammarAST, type LeafCstNode, type LeafCstNodeImpl, type RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { IToken, TokenType } from 'chevrotain';

/**
 * A token of the lexer that is also its own leaf in the syntax tree. Langium's node builder makes a second object per
 * token with the same positions (a fifth of what the parsed trees of a `pom check` keep), and Chevrotain's token
 * objects keep their positions as boxed numbers (its end-of-file token's are NaN). This class keeps what neither can
 * derive: the image, where it starts, its token type, its parent and its grammar element; the rest are getters
 * (test/unit/parser.test.ts compares every leaf with Langium's). Positions are Chevrotain's (1-based lines and
 * columns, inclusive end column); the leaf's getters give Langium's (0-based, exclusive end).
 */
export class SyntaxLeaf implements IToken, LeafCstNode {
    readonly image: string;
    readonly startOffset: number;
    readonly startLine: number;
    readonly startColumn: number;
    readonly tokenType: TokenType;
    container: CompositeCstNode | undefined = undefined;
    grammarSource: GrammarAST.AbstractElement | undefined = undefined;

    constructor(image: string, startOffset: number, tokenType: TokenType, startLine: number, startColumn: number) {
        // A keyword's image is the keyword itself: one string for all its tokens, not a copy per token kept by the tree.
        const pattern = tokenType.PATTERN;
        this.image = typeof pattern === 'string' && pattern === image ? pattern : image;
        this.startOffset = startOffset;
        this.startLine = startLine;
        this.startColumn = startColumn;
        this.tokenType = tokenType;
    }

    get tokenTypeIdx(): number {
        return this.tokenType.tokenTypeIdx!;
    }

    /** Comments: the only tokens the lexer hands over apart from the parser's (whitespace it skips). */
    get hidden(): boolean {
        return this.tokenType.GROUP === HIDDEN;
    }

    /**
     * The line the token ends on, as Chevrotain's lexer sets it from the line ends in the image (/\n|\r\n?/): a token
     * whose only line end is its last character ends on its first line.
     */
    get endLine(): number {
        const image = this.image;
        const lineEnds = countLineEnds(image);
        if (lineEnds === 0) return this.startLine;
        const endsWithLineEnd = lastLineEnd(image) === image.length - 1;
        if (lineEnds === 1 && endsWithLineEnd) return this.startLine;
        return this.startLine + lineEnds - (endsWithLineEnd ? 1 : 0);
    }

    /** Chevrotain's lexer sets it on a token that spans lines; the getter derives the same. */
    set endLine(_line: number) {}

    /** The column of the token's last character (1-based), as Chevrotain's lexer sets it (see endLine). */
    get endColumn(): number {
        const image = this.image;
        const lineEnds = countLineEnds(image);
        const last = lastLineEnd(image);
        const endsWithLineEnd = last === image.length - 1;
        if (lineEnds === 0 || (lineEnds === 1 && endsWithLineEnd)) return this.startColumn + image.length - 1;
        return image.length - last - 1 + (endsWithLineEnd ? 1 : 0);
    }

    set endColumn(_column: number) {}

    get endOffset(): number {
        return this.startOffset + this.image.length - 1;
    }

    get offset(): number {
        return this.startOffset;
    }

    get length(): number {
        return this.image.length;
    }

    get end(): number {
        return this.startOffset + this.image.length;
    }

    get text(): string {
        return this.image;
    }

    get range(): Range {
        return { start: { line: this.startLine - 1, character: this.startColumn - 1 }, end: { line: this.endLine - 1, character: this.endColumn } };
    }

    get root(): RootCstNode {
        let node = this.container;
        // A leaf in no tree is its own root, as Langium's leaves are.
        if (!node) return this as unknown as RootCstNode;
        while (node.container) node = node.container;
        return node as RootCstNode;
    }

    get astNode(): AstNode {
        const container = this.container;
        if (!container) throw new Error('This node has no associated AST element');
        return container.astNode;
    }
}

const HIDDEN = 'hidden';
const LF = 10,
    CR = 13;

/** How many line ends (\n, \r\n or \r) a text has. */
function countLineEnds(text: string): number {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === LF) count++;
        else if (code === CR) {
            count++;
            if (text.charCodeAt(i + 1) === LF) i++;
        }
    }
    return count;
}

/** Where the last line end of a text ends (its \n for \r\n), or -1. */
function lastLineEnd(text: string): number {
    for (let i = text.length - 1; i >= 0; i--) {
        const code = text.charCodeAt(i);
        if (code === LF || code === CR) return i;
    }
    return -1;
}

/** Chevrotain's lexer's token factory (`createTokenInstance`, called with the lexer as `this`): a SyntaxLeaf per token. */
export function createSyntaxLeaf(
    image: string,
    startOffset: number,
    _tokenTypeIdx: number,
    tokenType: TokenType,
    startLine: number,
    startColumn: number,
): SyntaxLeaf {
    return new SyntaxLeaf(image, startOffset, tokenType, startLine, startColumn);
}

/** Langium's node builder, taking each token as its own leaf instead of copying it into a new node. */
export class PomCstNodeBuilder extends CstNodeBuilder {
    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        if (!(token instanceof SyntaxLeaf)) return super.buildLeafNode(token, feature);
        token.grammarSource = feature;
        this.appendChild(this.current, token);
        return token;
    }

    protected override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
        // Langium's builder makes hidden leaves only of the lexer's hidden tokens, and those are what `hidden` says.
        if (!(token instanceof SyntaxLeaf)) return super.createLeafNode(token, hidden);
        return token as unknown as LeafCstNodeImpl;
    }

    /** The parser calls this before every token, mostly with none: Langium's would still allocate and search the tree. */
    override addHiddenNodes(tokens: IToken[]): void {
        if (tokens.length > 0) super.addHiddenNodes(tokens);
    }
}
