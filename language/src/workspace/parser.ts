import { createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import { EarlyExitException, NoViableAltException, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';

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
}

/**
 * Langium's parser, with the token paths its syntax-error messages list computed once per grammar position.
 * Chevrotain recomputes them for every error it recovers from, and that search grows steeply with the lookahead:
 * a burst of half-typed edits (`{{{{`, a stray `(`) spent 95% of the server's time there, keeping requests
 * waiting for seconds. The paths depend only on the grammar rule and the position in it, so the messages are
 * the same for every error at that position. They are computed two tokens deep, not three (the parser's
 * lookahead): a third token multiplies the first search at a position several times over, and the messages
 * (what was found, what could come there) read the same.
 */
export function createPomParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const recognizer = (parser as unknown as { wrapper: Recognizer }).wrapper;
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
