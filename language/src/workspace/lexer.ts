import { DefaultLexer, type LangiumCoreServices, type LexerResult, type TokenizeOptions } from 'langium';
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import { createSyntaxLeaf, SyntaxLeaf } from './syntax-leaf.js';

/**
 * How deeply brackets ({ [ ( ) and `not`s may nest. The parser and every walk after it recurse once per level;
 * past a few hundred levels the stack runs out. No real model comes near this.
 */
export const MAX_NESTING = 64;

/** Keywords that start a top-level declaration. */
const DECLARATIONS = new Set(['view', 'rule', 'query', 'settings', 'type', 'enum', 'link']);
/** After these, the keyword is a name (a field `query: …`, a link, a qualified name), not a declaration. */
const NAME_FOLLOWERS = new Set([':', '->', '.', '?', ',', '=', '{', '}']);

/**
 * Stops the token stream where nesting passes MAX_NESTING and reports it there, at its line and column, as a
 * syntax error: the parser then sees a file that ends early (more errors, all bounded) instead of overflowing.
 *
 * Also closes bodies left open above a new declaration. A body left unclosed (`bet tmp "T" {` while typing) would
 * otherwise swallow every view, rule and type below it, and the parser's error recovery over them costs seconds
 * per keystroke. A declaration keyword at the start of a line (column 1) followed by a name, while a body is open,
 * ends that body: the lexer inserts the missing `}` (an empty token) there and reports where it is missing.
 */
export class PomLexer extends DefaultLexer {
    constructor(services: LangiumCoreServices) {
        super(services);
        // Every token is made as the syntax-tree leaf it becomes (syntax-leaf.ts).
        (this.chevrotainLexer as unknown as { createTokenInstance: typeof createSyntaxLeaf }).createTokenInstance = createSyntaxLeaf;
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const tokens = result.tokens;
        let depth = 0,
            nots = 0;
        for (let i = 0; i < tokens.length; i++) {
            const image = tokens[i].image;
            if (image === '{' || image === '[' || image === '(') depth++;
            else if (image === '}' || image === ']' || image === ')') depth--;
            // `not not not …` recurses like brackets do; a run of them counts as nesting.
            nots = image === 'not' ? nots + 1 : 0;
            if (depth + nots > MAX_NESTING) {
                result.errors.push(nestingError(tokens[i]));
                tokens.length = i;
                break;
            }
        }
        const close = this.definition['}'];
        return close ? closeUnclosedBodies(result, close) : result;
    }
}

function closeUnclosedBodies(result: LexerResult, close: TokenType): LexerResult {
    const tokens = result.tokens;
    const open: IToken[] = [];
    let output: IToken[] | undefined;
    const errors: ILexingError[] = [];
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const image = token.image;
        if (image === '{') open.push(token);
        else if (image === '}') open.pop();
        else if (open.length > 0 && token.startColumn === 1 && DECLARATIONS.has(image) && startsDeclaration(tokens, i)) {
            output ??= tokens.slice(0, i);
            const outer = open[0];
            errors.push({
                offset: outer.startOffset,
                length: 1,
                line: outer.startLine,
                column: outer.startColumn,
                message: `This '{' is never closed: '${image}' on line ${token.startLine} starts a new declaration. Add the missing '}' before it.`,
            });
            for (let n = open.length; n > 0; n--) {
                // Empty: it ends (inclusively) a column before it starts, as Chevrotain's would.
                output.push(new SyntaxLeaf('', token.startOffset, close, token.startLine ?? 0, token.startColumn ?? 0));
            }
            open.length = 0;
        }
        output?.push(token);
    }
    if (!output) return result;
    return { ...result, tokens: output, errors: [...result.errors, ...errors] };
}

function startsDeclaration(tokens: IToken[], i: number): boolean {
    const next = tokens[i + 1];
    if (!next || NAME_FOLLOWERS.has(next.image)) return false;
    // `settings {` has no name; the others are followed by one.
    return tokens[i].image === 'settings' ? next.image === '{' : /^[_a-zA-Z]/.test(next.image);
}

function nestingError(token: IToken) {
    return {
        offset: token.startOffset,
        line: token.startLine,
        column: token.startColumn,
        length: token.image.length,
        message: `Nested more than ${MAX_NESTING} levels deep: pom reads no further in this file. Flatten the nesting (objects, lists, parentheses or 'not's).`,
    };
}
