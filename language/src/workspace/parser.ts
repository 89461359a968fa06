import { LangiumParser, type AstNode, type GrammarAST, type CstNode, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';
import { buildParserRules } from './parser-builder.js';
import { PomCstNodeBuilder } from './syntax-leaf.js';
import { nodeConstructor } from './ast-node-shapes.js';
import { linkContainers } from '../util/ast-walk.js';
import { predictFromLearnedEdgesFirst, type AllStarStrategy } from './lookahead.js';
import { seedLearnedDfas, type LearningStrategy } from './learned-dfa.js';
import { STDLIB_DFAS } from '../generated/stdlib-dfas.js';
import { EarlyExitException, NoViableAltException, type IParserErrorMessageProvider, type IToken, type TokenType, type TokenTypeDictionary } from 'chevrotain';

/** Defines the parser's rules from the grammar: pom's builder, or Langium's `createParser` (the tests compare the two). */
export type RuleBuilder = (grammar: LangiumCoreServices['Grammar'], parser: LangiumParser, tokens: TokenTypeDictionary) => unknown;

/** The parts of Chevrotain's recognizer that report a syntax error (its error-handler trait). */
interface Recognizer {
    raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never;
    raiseEarlyExitException(occurrence: number, prodType: number, userDefinedErrMsg: string | undefined): never;
    getCurrRuleFullName(): string;
    LA(i: number): IToken;
    SAVE_ERROR(error: Error): Error;
    maxLookahead: number;
    errorMessageProvider: IParserErrorMessageProvider;
    canTokenTypeBeInsertedInRecovery(type: TokenType): boolean;
    canTokenTypeBeDeletedInRecovery(type: TokenType): boolean;
    wrapSubrule(index: number, rule: RuleResult, args: unknown): unknown;
    subrule(index: number, rule: RuleResult, options: { ARGS: unknown[] }): unknown;
}

type RuleResult = NonNullable<ReturnType<LangiumParser['getRule']>>;

/**
 * Langium's parser, with the token paths its syntax-error messages list computed once per grammar position.
 * Chevrotain recomputes them for every error it recovers from, and that search grows steeply with the lookahead:
 * a burst of half-typed edits (`{{{{`, a stray `(`) spent 95% of the server's time there, keeping requests
 * waiting for seconds. The paths depend only on the grammar rule and the position in it, so the messages are
 * the same for every error at that position. They are computed two tokens deep, not three (the parser's
 * lookahead): a third token multiplies the first search at a position several times over, and the messages
 * (what was found, what could come there) read the same.
 */
export function createPomParser(
    services: LangiumCoreServices,
    defineRules: RuleBuilder = buildParserRules,
    parser: LangiumParser = new PomLangiumParser(services),
): LangiumParser {
    defineRules(services.Grammar, parser, services.parser.Lexer.definition);
    parser.finalize();
    const recognizer = (parser as unknown as { wrapper: Recognizer }).wrapper;
    callRulesWithoutArguments(recognizer);
    cacheErrorPaths(recognizer);
    recoverFromMissingNamesAtRuleLevel(recognizer);
    return parser;
}

/**
 * A missing name is not mended by inserting one or by skipping the token found: the rule fails and the parser
 * resynchronises after it. Keywords are names too (token categories), so skipping a stray `*` would read the
 * keyword after it as a name and the rest of a view as nested objects, swallowing the declarations below.
 */
function recoverFromMissingNamesAtRuleLevel(recognizer: Recognizer): void {
    const isName = (type: TokenType) => type.name === 'ID' || type.name === 'NESTED_TYPE_WORD';
    const canInsert = recognizer.canTokenTypeBeInsertedInRecovery.bind(recognizer);
    const canDelete = recognizer.canTokenTypeBeDeletedInRecovery.bind(recognizer);
    recognizer.canTokenTypeBeInsertedInRecovery = type => !isName(type) && canInsert(type);
    recognizer.canTokenTypeBeDeletedInRecovery = type => !isName(type) && canDelete(type);
}

/**
 * Chevrotain's `subrule` takes the rule's arguments as `{ ARGS: [...] }`, which Langium allocates on every call. pom's
 * rules take none (parser-builder.ts), so every call shares one options object.
 */
function callRulesWithoutArguments(recognizer: Recognizer): void {
    const noArguments = Object.freeze({ ARGS: [] as unknown[] });
    recognizer.wrapSubrule = (index, rule) => recognizer.subrule(index, rule, noArguments);
}

/** How many tokens deep the paths in a syntax-error message are computed. */
const ERROR_LOOKAHEAD = 2;

function cacheErrorPaths(recognizer: Recognizer): void {
    const noViableAlt = recognizer.raiseNoAltException.bind(recognizer);
    const earlyExit = recognizer.raiseEarlyExitException.bind(recognizer);
    const altPaths = new Map<string, TokenType[][][]>();
    const iterationPaths = new Map<string, TokenType[][]>();
    const actualTokens = (): IToken[] => {
        const tokens: IToken[] = [];
        for (let i = 1; i <= ERROR_LOOKAHEAD; i++) tokens.push(recognizer.LA(i));
        return tokens;
    };
    /** Runs Chevrotain's own method once for a position, keeping the paths it hands to the message provider. */
    const capturing = (override: Partial<IParserErrorMessageProvider>, raise: () => never): never => {
        const provider = recognizer.errorMessageProvider;
        const lookahead = recognizer.maxLookahead;
        recognizer.errorMessageProvider = Object.assign(Object.create(provider) as IParserErrorMessageProvider, override);
        recognizer.maxLookahead = ERROR_LOOKAHEAD;
        try {
            return raise();
        } finally {
            recognizer.errorMessageProvider = provider;
            recognizer.maxLookahead = lookahead;
        }
    };

    recognizer.raiseNoAltException = (occurrence, errMsgTypes) => {
        const ruleName = recognizer.getCurrRuleFullName();
        const key = `${ruleName} ${occurrence}`;
        const paths = altPaths.get(key);
        const provider = recognizer.errorMessageProvider;
        if (!paths) {
            return capturing(
                {
                    buildNoViableAltMessage: options => {
                        altPaths.set(key, options.expectedPathsPerAlt);
                        return provider.buildNoViableAltMessage(options);
                    },
                },
                () => noViableAlt(occurrence, errMsgTypes),
            );
        }
        const actual = actualTokens();
        const previous = recognizer.LA(0);
        const message = provider.buildNoViableAltMessage({ expectedPathsPerAlt: paths, actual, previous, customUserDescription: errMsgTypes, ruleName });
        throw recognizer.SAVE_ERROR(new NoViableAltException(message, recognizer.LA(1), previous));
    };

    recognizer.raiseEarlyExitException = (occurrence, prodType, userDefinedErrMsg) => {
        const ruleName = recognizer.getCurrRuleFullName();
        const key = `${ruleName} ${occurrence} ${prodType}`;
        const paths = iterationPaths.get(key);
        const provider = recognizer.errorMessageProvider;
        if (!paths) {
            return capturing(
                {
                    buildEarlyExitMessage: options => {
                        iterationPaths.set(key, options.expectedIterationPaths);
                        return provider.buildEarlyExitMessage(options);
                    },
                },
                () => earlyExit(occurrence, prodType, userDefinedErrMsg),
            );
        }
        const previous = recognizer.LA(0);
        const message = provider.buildEarlyExitMessage({
            expectedIterationPaths: paths,
            actual: actualTokens(),
            previous,
            customUserDescription: userDefinedErrMsg,
            ruleName,
        });
        throw recognizer.SAVE_ERROR(new EarlyExitException(message, recognizer.LA(1), previous));
    };
}

/** The members of Langium's parser that its `parse` uses, private in its declarations. */
interface ParserInternals {
    nodeBuilder: {
        buildRootNode(input: string): unknown;
        addHiddenNodes(tokens: IToken[]): void;
        construct(node: { $type: string | symbol | undefined; $cstNode?: CstNode }): void;
    };
    lexerResult?: { hidden: IToken[] };
    doParse(rule: unknown): AstNode;
    extractHiddenTokens(token: IToken): IToken[];
    stack: AstNode[];
    construct(): unknown;
    startImplementation($type: string | symbol | undefined, infixName: string | undefined, implementation: (args: unknown) => void): (args: unknown) => unknown;
    getAssignment(feature: GrammarAST.AbstractElement): unknown;
}

/** No hidden tokens: what the parser hands the node builder before most tokens (which ignores it). */
const NO_TOKENS: IToken[] = Object.freeze([]) as unknown as IToken[];

/**
 * Langium's parser, but for how a parsed tree learns its containers: Langium's `parse` ends by walking the tree with
 * `Object.entries` and a closure per array, a tenth of what a `pom check` allocates. This walk sets the same
 * `$container`, `$containerProperty` and `$containerIndex` without allocating (test/unit/parser.test.ts compares
 * the two on every node). Its syntax tree's leaves are the lexer's tokens themselves (syntax-leaf.ts), and a finished
 * node gets its type's defaults from a list made once per type. Its lookahead starts with what it would learn from
 * the standard library (learned-dfa.ts). The rest of `parse` is Langium's own (langium 4.4).
 */
class PomLangiumParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        const internals = this as unknown as ParserInternals;
        internals.nodeBuilder = new PomCstNodeBuilder();
        predictFromLearnedEdgesFirst((this.wrapper as unknown as { lookaheadStrategy: AllStarStrategy }).lookaheadStrategy);
        // The comments before a token: Langium's returns a new empty array when there are none, before every token.
        const extractHiddenTokens = internals.extractHiddenTokens.bind(this);
        internals.extractHiddenTokens = token => {
            const hidden = internals.lexerResult!.hidden;
            return hidden.length === 0 || hidden[0].startOffset > token.startOffset ? NO_TOKENS : extractHiddenTokens(token);
        };
        // The assignment a token or rule call is read into: Langium's looks the grammar element up twice (has, then get)
        // for every token and every node.
        const getAssignment = internals.getAssignment.bind(this);
        const assignments = new Map<GrammarAST.AbstractElement, unknown>();
        internals.getAssignment = feature => {
            let assignment = assignments.get(feature);
            if (assignment === undefined) assignments.set(feature, (assignment = getAssignment(feature)));
            return assignment;
        };
        // A finished node gets its type's defaults (empty lists, false flags) as Langium's `assignMandatoryProperties`
        // gives them, from a list made once per type instead of `Object.values` of every property per node. Data type
        // values and infix expressions are Langium's.
        const construct = internals.construct.bind(this);
        const defaults = new Map<string, Array<[string, unknown]>>();
        const reflection = services.shared.AstReflection;
        // A rule's node is made by its type's constructor (ast-node-shapes.ts), with room for its properties, instead of
        // as `{ $type }`; the rest is Langium's startImplementation. Data type rules and infix rules are Langium's.
        const startImplementation = internals.startImplementation.bind(this);
        internals.startImplementation = ($type, infixName, implementation) => {
            if (typeof $type !== 'string' || infixName !== undefined) return startImplementation($type, infixName, implementation);
            const Node = nodeConstructor($type, reflection);
            return (args: unknown) => {
                const createNode = !this.isRecording();
                if (createNode) {
                    const node = new Node() as { $type: string };
                    node.$type = $type;
                    internals.stack.push(node);
                }
                implementation(args);
                return createNode ? internals.construct() : undefined;
            };
        };
        internals.construct = () => {
            const stack = internals.stack;
            const node = stack[stack.length - 1] as AstNode | undefined;
            if (this.isRecording() || !node || typeof node.$type !== 'string' || '$infixName' in node) return construct();
            stack.pop();
            internals.nodeBuilder.construct(node);
            let properties = defaults.get(node.$type);
            if (!properties) {
                properties = Object.values(reflection.getTypeMetaData(node.$type).properties)
                    .filter(property => property.defaultValue !== undefined)
                    .map(property => [property.name, property.defaultValue]);
                defaults.set(node.$type, properties);
            }
            const record = node as unknown as Record<string, unknown>;
            for (const [name, value] of properties) if (record[name] === undefined) record[name] = copyDefault(value);
            return node;
        };
    }

    override finalize(): void {
        super.finalize();
        seedLearnedDfas((this.wrapper as unknown as { lookaheadStrategy: LearningStrategy }).lookaheadStrategy, this.lexer.definition, STDLIB_DFAS);
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        const internals = this as unknown as ParserInternals;
        internals.nodeBuilder.buildRootNode(input);
        const lexerResult = this.lexer.tokenize(input);
        internals.lexerResult = lexerResult;
        this.wrapper.input = lexerResult.tokens;
        const rule = options.rule ? this.allRules.get(options.rule) : this.mainRule;
        if (!rule) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        const result = internals.doParse(rule);
        internals.nodeBuilder.addHiddenNodes(lexerResult.hidden);
        this.unorderedGroups.clear();
        internals.lexerResult = undefined;
        linkContainers(result);
        return { value: result as T, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: this.wrapper.errors };
    }
}

/** A default value as Langium's `assignMandatoryProperties` copies it: lists anew, at every depth. */
function copyDefault(value: unknown): unknown {
    return Array.isArray(value) ? value.map(copyDefault) : value;
}
