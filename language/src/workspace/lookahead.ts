import type { IToken } from 'chevrotain';

/**
 * The parts of chevrotain-allstar's LL(*) lookahead strategy (Langium's default) that a prediction reads: the
 * decision states of its network, and per decision the DFA it learns while parsing, one per set of gate results.
 */
export interface AllStarStrategy {
    incomplete?: boolean;
    atn?: { decisionMap: Record<string, { decision: number } | undefined> };
    dfas?: Array<(predicates: { toString(): string }) => Dfa>;
    buildLookaheadForAlternation(options: DecisionOptions & { hasPredicates: boolean }): (this: TokenReader, alternatives?: unknown) => number | undefined;
    buildLookaheadForOptional(options: DecisionOptions & { prodType: string }): (this: TokenReader) => boolean;
    /** A decision's lookahead from a table learned at build time, if it has one (learned-dfa.ts). */
    oneTokenLookahead?: (key: string, alternation: boolean) => ((this: TokenReader) => unknown) | undefined;
}

interface DecisionOptions {
    prodOccurrence: number;
    rule: { name: string };
}

/** A learned DFA state: its edges by token type, and the alternative it predicts if it is an accept state. */
interface DfaState {
    edges?: Record<number, DfaState | undefined>;
    isAcceptState?: boolean;
    prediction?: number;
}

interface Dfa {
    start?: DfaState;
}

/** Chevrotain's recognizer, as a lookahead function sees it (`this`). */
interface TokenReader {
    LA(distance: number): IToken;
    LA_FAST(distance: number): IToken;
    /** The lookahead functions of the rule being parsed, by decision (Chevrotain's recognizer engine). */
    currRuleLookaheadFuncs: unknown[];
}

/** The key of the DFA for decisions without gates (chevrotain-allstar keys DFAs by their gates' results). */
export const NO_GATES = { toString: () => '' };

/** A decision's key in chevrotain-allstar's network (its `buildATNKey`), such as `PomFile_Alternation_1`. */
export function decisionKey(options: DecisionOptions, kind: string): string {
    return `${options.rule.name}_${kind}_${options.prodOccurrence}`;
}

/** A decision's lookahead function as Chevrotain calls it, from the current rule's table of them. */
type Lookahead = (this: TokenReader, alternatives?: unknown) => unknown;

/**
 * chevrotain-allstar decides every alternation, option and loop that one token cannot decide (an object's members,
 * for one) with `adaptivePredict`: it walks the DFA it has learned so far and extends it where the input goes
 * beyond. Every call allocates its arguments, a path and a key, about 9 MB in a 10k-object check, while nearly every
 * decision after the first few in a workspace follows edges the DFA already has. Here a decision first walks the
 * learned edges without allocating, and returns the prediction of the accept state they reach; where an edge is
 * missing or the walk reaches the DFA's error state, the original prediction decides (and learns or reports) as
 * before. Decisions with gates, and the completion parser (whose predictions guess at the end of input), are left to
 * the original.
 *
 * Each decision's lookahead is also built when it is first needed rather than when the parser is made (Chevrotain
 * analyses every decision of the grammar up front, a third of building the parser, and a workspace without views
 * or rules never needs theirs), and a decision that one token decides keeps the original function alone: the
 * learned-edge walk is put in front only of decisions that turn out to predict adaptively (their DFA has a start
 * state after the first call). Either way the function that decides is the one Chevrotain would have built.
 */
export function predictFromLearnedEdgesFirst(strategy: AllStarStrategy): void {
    if (strategy.incomplete) return;
    const alternation = strategy.buildLookaheadForAlternation.bind(strategy);
    const optional = strategy.buildLookaheadForOptional.bind(strategy);
    const dfaOf = (options: DecisionOptions, kind: string): Dfa | undefined => {
        const decision = strategy.atn?.decisionMap[decisionKey(options, kind)]?.decision;
        return decision === undefined ? undefined : strategy.dfas?.[decision]?.(NO_GATES);
    };
    const known = (options: DecisionOptions & { hasPredicates?: boolean }, kind: string) =>
        options.hasPredicates ? undefined : strategy.oneTokenLookahead?.(decisionKey(options, kind), kind === 'Alternation');
    strategy.buildLookaheadForAlternation = options =>
        builtWhenFirstCalled(
            () => ({
                predict: (known(options, 'Alternation') as ReturnType<typeof alternation> | undefined) ?? alternation(options),
                dfa: options.hasPredicates ? undefined : dfaOf(options, 'Alternation'),
            }),
            (predict, dfa) =>
                function (this: TokenReader) {
                    return learnedPrediction(dfa, this) ?? predict.call(this);
                },
        );
    strategy.buildLookaheadForOptional = options =>
        builtWhenFirstCalled(
            () => ({
                predict: (known(options, options.prodType) as ReturnType<typeof optional> | undefined) ?? optional(options),
                dfa: dfaOf(options, options.prodType),
            }),
            (predict, dfa) =>
                function (this: TokenReader) {
                    const prediction = learnedPrediction(dfa, this);
                    return prediction === undefined ? predict.call(this) : prediction === 0;
                },
        );
}

/**
 * A stand-in for a decision's lookahead that builds it on its first call, decides with it, and then puts the
 * function that decides from now on in its place in the rule's table (Chevrotain reads it from there on every
 * call): the original, or `learnedFirst` around it if the original predicted adaptively.
 */
function builtWhenFirstCalled<T extends Lookahead>(build: () => { predict: T; dfa: Dfa | undefined }, learnedFirst: (predict: T, dfa: Dfa) => Lookahead): T {
    let decide: Lookahead | undefined;
    const standIn = function (this: TokenReader, alternatives?: unknown) {
        if (decide) return decide.call(this, alternatives);
        const { predict, dfa } = build();
        const result = predict.call(this, alternatives);
        decide = dfa?.start ? learnedFirst(predict, dfa) : predict;
        const table = this.currRuleLookaheadFuncs;
        const index = table.indexOf(standIn);
        if (index >= 0) table[index] = decide;
        return result;
    };
    return standIn as T;
}

/** The alternative the learned DFA predicts for the next tokens, or undefined if its edges do not reach a decision. */
function learnedPrediction(dfa: Dfa, reader: TokenReader): number | undefined {
    let state = dfa.start;
    if (state === undefined) return undefined;
    let distance = 1;
    let token = reader.LA_FAST(distance);
    for (;;) {
        const next: DfaState | undefined = state.edges![token.tokenTypeIdx];
        // No edge yet, or the error state (which has no edges): the full prediction decides.
        if (next === undefined || next.edges === undefined) return undefined;
        if (next.isAcceptState) return next.prediction;
        state = next;
        token = reader.LA(++distance);
    }
}
