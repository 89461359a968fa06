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

interface TokenReader {
    LA(distance: number): IToken;
    LA_FAST(distance: number): IToken;
}

/** The key of the DFA for decisions without gates (chevrotain-allstar keys DFAs by their gates' results). */
const NO_GATES = { toString: () => '' };

/**
 * chevrotain-allstar decides every alternation, option and loop that one token cannot decide (an object's members,
 * for one) with `adaptivePredict`: it walks the DFA it has learned so far and extends it where the input goes
 * beyond. Every call allocates its arguments, a path and a key, about 9 MB in a 10k-object check, while nearly every
 * decision after the first few in a workspace follows edges the DFA already has. Here a decision first walks the
 * learned edges without allocating, and returns the prediction of the accept state they reach; where an edge is
 * missing or the walk reaches the DFA's error state, the original prediction decides (and learns or reports) as
 * before. Decisions with gates, and the completion parser (whose predictions guess at the end of input), are left to
 * the original.
 */
export function predictFromLearnedEdgesFirst(strategy: AllStarStrategy): void {
    if (strategy.incomplete) return;
    const alternation = strategy.buildLookaheadForAlternation.bind(strategy);
    const optional = strategy.buildLookaheadForOptional.bind(strategy);
    const dfaOf = (options: DecisionOptions, kind: string): Dfa | undefined => {
        const decision = strategy.atn?.decisionMap[`${options.rule.name}_${kind}_${options.prodOccurrence}`]?.decision;
        return decision === undefined ? undefined : strategy.dfas?.[decision]?.(NO_GATES);
    };
    strategy.buildLookaheadForAlternation = options => {
        const predict = alternation(options);
        const dfa = options.hasPredicates ? undefined : dfaOf(options, 'Alternation');
        if (!dfa) return predict;
        return function (this: TokenReader) {
            return learnedPrediction(dfa, this) ?? predict.call(this);
        };
    };
    strategy.buildLookaheadForOptional = options => {
        const predict = optional(options);
        const dfa = dfaOf(options, options.prodType);
        if (!dfa) return predict;
        return function (this: TokenReader) {
            const prediction = learnedPrediction(dfa, this);
            return prediction === undefined ? predict.call(this) : prediction === 0;
        };
    };
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
