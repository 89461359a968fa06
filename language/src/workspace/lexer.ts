import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import type { IToken } from 'chevrotain';

/**
 * How deeply brackets ({ [ ( ) and `not`s may nest. The parser and every walk after it recurse once per level;
 * past a few hundred levels the stack runs out. No real model comes near this.
 */
export const MAX_NESTING = 64;

/**
 * Stops the token stream where nesting passes MAX_NESTING and reports it there, at its line and column, as a
 * syntax error: the parser then sees a file that ends early (more errors, all bounded) instead of overflowing.
 */
export class PomLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const tokens = result.tokens;
        let depth = 0, nots = 0;
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
        return result;
    }
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
