import { LangiumParserErrorMessageProvider } from 'langium';
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { ILexerErrorMessageProvider } from 'chevrotain';
import { excerpt } from '../util/excerpt.js';

const TERMINALS: Record<string, string> = {
    ID: 'a name',
    // A dotted name, or an ID (a token category, see PomTokenBuilder).
    QUALIFIED_NAME: 'a name',
    // The names a nested object's type may start with (a token category, see PomTokenBuilder).
    NESTED_TYPE_WORD: 'a name',
    STRING: 'a "quoted text"',
    TEXT_BLOCK: 'a """text block"""',
    NUMBER: 'a number',
    DATE: 'a date (YYYY-MM-DD)',
};
const MAX_LISTED = 6;

/**
 * Syntax errors in the user's terms: what was found, what could come there, and how to write it,
 * instead of the parser's token sequences.
 */
export class PomParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage({ expected, actual, previous }: { expected: TokenType; actual: IToken; previous: IToken }): string {
        return `Expected ${describe(expected)}${after(previous)}, but found ${found(actual)}.${hint([expected], actual)}`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
        return (
            `Unexpected ${found(firstRedundant)}: expected a declaration or an object, such as team checkout "Checkout" { … }.` +
            (firstRedundant.image === '}' ? ' Is there one closing brace too many?' : '')
        );
    }

    override buildNoViableAltMessage({
        expectedPathsPerAlt,
        actual,
        previous,
    }: {
        expectedPathsPerAlt: TokenType[][][];
        actual: IToken[];
        previous: IToken;
    }): string {
        const { index, expected } = divergence(expectedPathsPerAlt.flat(), actual);
        const before = index > 0 ? actual[index - 1] : previous;
        return `Unexpected ${found(actual[index])}${after(before)}: expected ${describeAll(expected)}.${hint(expected, actual[index])}`;
    }

    override buildEarlyExitMessage({
        expectedIterationPaths,
        actual,
        previous,
    }: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
    }): string {
        const first = expectedIterationPaths.map(path => path[0]).filter(Boolean);
        return `Unexpected ${found(actual[0])}${after(previous)}: expected ${describeAll(first)}.`;
    }
}

export class PomLexerErrorMessageProvider implements ILexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + Math.max(1, length));
        const rest = /^[\w.%-]*/.exec(fullText.substring(startOffset, startOffset + 80))?.[0] ?? text;
        if (/^\d/.test(rest)) {
            return `'${excerpt(rest)}' is not a value pom knows: numbers have no unit (3, 2.5), dates are written 2026-09-14, and anything else is text in quotes ("${excerpt(rest)}").`;
        }
        if (text.startsWith("'")) return `Unexpected character ': texts are written in double quotes, "like this".`;
        if (text.startsWith('.')) {
            return `Unexpected '.': a dotted name has no spaces and a name after every dot (acme.strategy.checkout, or commerce.* in a selector).`;
        }
        return `Unexpected character '${excerpt(text)}'.`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unexpected '${excerpt(token.image)}'.`;
    }
}

/** Where the tokens found leave every path the parser could have taken, and what those paths wanted there. */
function divergence(paths: TokenType[][], actual: IToken[]): { index: number; expected: TokenType[] } {
    let index = 0;
    let expected: TokenType[] = [];
    for (const path of paths) {
        let k = 0;
        while (k < path.length && k < actual.length && matches(path[k], actual[k])) k++;
        if (k >= path.length) continue;
        if (k > index) {
            index = k;
            expected = [path[k]];
        } else if (k === index) expected.push(path[k]);
    }
    return { index: Math.min(index, Math.max(0, actual.length - 1)), expected };
}

/** Whether the token found fits the token expected: a keyword fits where its category (a keyword as a name) is expected. */
function matches(type: TokenType, token: IToken): boolean {
    return token.tokenType !== undefined && tokenMatcher(token, type);
}

function describe(type: TokenType): string {
    return TERMINALS[type.name] ?? `'${type.name}'`;
}

function describeAll(types: TokenType[]): string {
    let names = [...new Set(types.map(describe))];
    // Keywords double as names (a field may be called 'type'); when a name fits, do not list them one by one.
    if (names.includes(TERMINALS.ID)) names = names.filter(name => !/^'[a-z]/.test(name));
    if (names.length > MAX_LISTED) names = [...names.slice(0, MAX_LISTED - 1), 'something else'];
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === '') return 'the end of the file';
    return `'${excerpt(token.image)}'`;
}

function after(previous: IToken | undefined): string {
    return previous && previous.image && previous.tokenType?.name !== 'EOF' ? ` after '${excerpt(previous.image)}'` : '';
}

function hint(expected: TokenType[], actual: IToken | undefined): string {
    const names = expected.map(t => t.name);
    if (names.includes(':') && names.includes('->')) {
        return ' In a body, write fields as name: value, links as kind -> target, and nested objects as type name "Title" { … }.';
    }
    if (names.includes('}') && actual?.tokenType?.name === 'EOF') return ' A closing brace } is missing.';
    return '';
}
