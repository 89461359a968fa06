import { DefaultTokenBuilder, GrammarUtils, RegExpUtils, stream, type GrammarAST, type Grammar, type TokenBuilderOptions } from 'langium';
import { Lexer, type CustomPatternMatcherFunc, type TokenType, type TokenVocabulary } from 'chevrotain';

/** Keywords that start a declaration at the top of a file or a query member: names, but not a nested object's type. */
const DECLARATION_KEYWORDS = new Set(['view', 'rule', 'query', 'settings', 'group-by', 'sum']);

/**
 * Makes every keyword that is a word a name where the grammar expects one: its token is also an ID (a token
 * category), and a NESTED_TYPE_WORD unless it starts a declaration. An ID is also a QUALIFIED_NAME (a dotted name).
 *
 * Matches names, strings and text blocks with loops instead of the grammar's regular expressions. A regular
 * expression with a repeated group backtracks through a stack of its own: an 8 MB string or a name of a million
 * dashed parts overflows it ("Maximum call stack size exceeded") and the whole check is lost. These loops accept
 * exactly what the grammar's terminals say, at any length.
 */
export class PomTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const tokens = this.langiumTokens(grammar, options);
        const named = (name: string) => tokens.find(token => token.name === name);
        const id = named('ID');
        const qualifiedName = named('QUALIFIED_NAME');
        const nestedTypeWord = named('NESTED_TYPE_WORD');
        if (id && qualifiedName && nestedTypeWord) {
            nestedTypeWord.PATTERN = Lexer.NA;
            id.CATEGORIES = [nestedTypeWord, qualifiedName];
            qualifiedName.CATEGORIES = [nestedTypeWord];
            for (const token of tokens) {
                if (!/^[a-z][a-z-]*$/.test(token.name)) continue;
                token.CATEGORIES = DECLARATION_KEYWORDS.has(token.name) ? [id] : [id, nestedTypeWord];
            }
        }
        for (const token of tokens) {
            // Mutated in place: keywords keep the same token as their LONGER_ALT (a name such as `nothing` is not `not`).
            const matcher = MATCHERS[token.name];
            if (!matcher) continue;
            token.PATTERN = matcher.exec;
            token.START_CHARS_HINT = matcher.startChars;
            token.LINE_BREAKS = matcher.lineBreaks;
        }
        const analysed = this.analysedTerminals();
        for (const token of tokens) {
            const known = analysed[token.name];
            if (!known || !(token.PATTERN instanceof RegExp) || token.PATTERN.source !== known.pattern) continue;
            token.START_CHARS_HINT = known.startChars;
            token.LINE_BREAKS = known.lineBreaks;
        }
        return tokens;
    }

    /** What Chevrotain's lexer would work out about the terminals written as regular expressions (ANALYSED_TERMINALS). */
    protected analysedTerminals(): Record<string, AnalysedTerminal> {
        return ANALYSED_TERMINALS;
    }

    /** Langium's tokens for the grammar, as its `buildTokens` makes them (langium 4.4), from `reachableRules`. */
    protected langiumTokens(grammar: Grammar, options?: TokenBuilderOptions): TokenType[] {
        const reachable = stream(reachableRules(grammar));
        const terminalTokens = this.buildTerminalTokens(reachable);
        const tokens = this.buildKeywordTokens(reachable, terminalTokens, options);
        tokens.push(...terminalTokens);
        return tokens;
    }

    private readonly partialPatterns = new Map<TokenType, RegExp>();

    /**
     * The terminals a keyword is also the start of (`to` of a name `total`), as Langium finds them, but with each
     * terminal's partial pattern made once rather than once per keyword: it was a third of the lexer's construction,
     * which every pom command pays.
     */
    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        const longerAlts: TokenType[] = [];
        for (const token of terminalTokens) {
            const pattern = token.PATTERN;
            if (!(pattern instanceof RegExp)) continue;
            let partial = this.partialPatterns.get(token);
            if (!partial) this.partialPatterns.set(token, (partial = RegExpUtils.partialRegExp('^' + pattern.source + '$')));
            if ((keyword.value.match(partial)?.[0].length ?? 0) > 0) longerAlts.push(token);
        }
        return longerAlts;
    }
}

const reachable = new WeakMap<Grammar, Set<GrammarAST.AbstractRule>>();

/**
 * The rules reachable from the grammar's entry rule and its hidden terminals (Langium's `getAllReachableRules(grammar,
 * false)`), found once per grammar: the lexer and the parser's rules both need them, and each search walked the
 * whole grammar.
 */
export function reachableRules(grammar: Grammar): Set<GrammarAST.AbstractRule> {
    let rules = reachable.get(grammar);
    if (!rules) reachable.set(grammar, (rules = GrammarUtils.getAllReachableRules(grammar, false)));
    return rules;
}

const isWordCode = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
const isNameStartCode = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
const QUOTE = 34,
    BACKSLASH = 92,
    LF = 10,
    CR = 13,
    DASH = 45,
    DOT = 46;

/**
 * What a matcher returns: Chevrotain's lexer reads the image (`[0]`) as soon as the matcher returns, so one array
 * serves every match. A new one per match (with its `index`) was a tenth of what lexing allocated: the name matcher
 * runs for every name and, as its longer alternative, for every keyword.
 */
const matched = [''] as unknown as RegExpExecArray;

function match(text: string, start: number, end: number): RegExpExecArray {
    matched[0] = text.slice(start, end);
    return matched;
}

/** Where the name starting at `offset` ends: /[_a-zA-Z]\w*(-\w+)*\/, single dashes between word characters. */
function nameEnd(text: string, offset: number): number {
    if (!isNameStartCode(text.charCodeAt(offset))) return -1;
    let end = offset + 1;
    for (;;) {
        while (isWordCode(text.charCodeAt(end))) end++;
        if (text.charCodeAt(end) === DASH && isWordCode(text.charCodeAt(end + 1))) end += 2;
        else return end;
    }
}

/** Whether a dot and another name follow at `end`: the name goes on as a QUALIFIED_NAME (not `commerce.*`). */
const dottedAt = (text: string, end: number) => text.charCodeAt(end) === DOT && isNameStartCode(text.charCodeAt(end + 1));

/** ID: a name with no dot and name after it. */
const matchName: CustomPatternMatcherFunc = (text, offset) => {
    const end = nameEnd(text, offset);
    return end < 0 || dottedAt(text, end) ? null : match(text, offset, end);
};

/** QUALIFIED_NAME (dotted; a plain name is an ID): /[_a-zA-Z]\w*(-\w+)*(\.[_a-zA-Z]\w*(-\w+)*)+/, names joined by dots. */
const matchQualifiedName: CustomPatternMatcherFunc = (text, offset) => {
    let end = nameEnd(text, offset);
    if (end < 0 || !dottedAt(text, end)) return null;
    while (dottedAt(text, end)) end = nameEnd(text, end + 1);
    return match(text, offset, end);
};

/** STRING: /"(\\.|[^"\\\n\r])*"/ — one line; a backslash escapes any character but a line end. */
const matchString: CustomPatternMatcherFunc = (text, offset) => {
    if (text.charCodeAt(offset) !== QUOTE) return null;
    for (let i = offset + 1; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === QUOTE) return match(text, offset, i + 1);
        if (code === LF || code === CR) return null;
        if (code === BACKSLASH) {
            const next = text.charCodeAt(i + 1);
            // `.` in the grammar's pattern matches no line terminator.
            if (Number.isNaN(next) || next === LF || next === CR || next === 0x2028 || next === 0x2029) return null;
            i++;
        }
    }
    return null;
};

/** TEXT_BLOCK: /"""[\s\S]*?"""/. */
const matchTextBlock: CustomPatternMatcherFunc = (text, offset) => {
    if (!text.startsWith('"""', offset)) return null;
    const close = text.indexOf('"""', offset + 3);
    return close < 0 ? null : match(text, offset, close + 3);
};

const NAME_START_CHARS = Array.from('_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');

interface AnalysedTerminal {
    /** The grammar's pattern it was worked out for: a changed pattern is analysed by Chevrotain again. */
    pattern: string;
    /** A character of each bucket of first characters Chevrotain finds (its buckets: a code below 256, 255 + code / 255 above). */
    startChars: string[];
    /** Whether it can match a line end. */
    lineBreaks: boolean;
}

/**
 * What Chevrotain's lexer works out about the terminals written as regular expressions, by parsing each expression
 * (its first characters, and whether it can match a line end), given to it instead: it is the same for every
 * process. The parser test compares a lexer built with these with one that works them out.
 */
const ANALYSED_TERMINALS: Record<string, AnalysedTerminal> = {
    WS: { pattern: '\\s+', startChars: ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u3000', '\ufeff'], lineBreaks: true },
    ML_COMMENT: { pattern: '\\/\\*[\\s\\S]*?\\*\\/', startChars: ['/'], lineBreaks: true },
    SL_COMMENT: { pattern: '\\/\\/[^\\n\\r]*', startChars: ['/'], lineBreaks: false },
    DATE: { pattern: '\\d{4}-\\d{2}-\\d{2}(?![\\w-])', startChars: Array.from('0123456789'), lineBreaks: false },
    NUMBER: { pattern: '-?\\d+(\\.\\d+)?(?![\\w.])', startChars: Array.from('-0123456789'), lineBreaks: false },
};

const MATCHERS: Record<string, { exec: CustomPatternMatcherFunc; startChars: string[]; lineBreaks: boolean }> = {
    ID: { exec: matchName, startChars: NAME_START_CHARS, lineBreaks: false },
    QUALIFIED_NAME: { exec: matchQualifiedName, startChars: NAME_START_CHARS, lineBreaks: false },
    STRING: { exec: matchString, startChars: ['"'], lineBreaks: false },
    TEXT_BLOCK: { exec: matchTextBlock, startChars: ['"'], lineBreaks: true },
};
