import { EOF, type TokenType, type TokenTypeDictionary } from 'chevrotain';
import { decisionKey, NO_GATES } from './lookahead.js';

/**
 * What chevrotain-allstar learns while parsing, kept so that a parser can start with it: the DFAs of the decisions
 * that one token cannot decide, learned from the standard library, which every pom command parses first, and from
 * the starter workspace (objects, fields, links and their metadata, as every model writes them).
 *
 * Learning them is most of what parsing the standard library costs (adaptivePredict was 25-44 ms of every
 * `pom check`, nearly all of it there): the top-level decision between a declaration and an object (`type x ...` may
 * be either, as keywords are names) needs up to 17 tokens of lookahead, and each new DFA state is a closure over the
 * grammar's network. A DFA is a cache of a deterministic function: the state reached from a decision along a path
 * of token types, its configurations and its prediction depend only on the network and the path, never on when or
 * from which text it was learned. So a parser that starts with these states predicts exactly what one that learns
 * them predicts, and learns what they lack as before. They apply only to the network they were learned on: the
 * fingerprint of its states, transitions and token categories must match, or nothing is seeded.
 */
export interface LearnedDfas {
    /** Fingerprint of the network and token categories the DFAs were learned on. */
    network: string;
    /** Per decision (chevrotain-allstar's key, such as `PomFile_Alternation_1`), its states; the first is the start. */
    decisions: Record<string, LearnedState[]>;
    /**
     * Per decision that one token decides, how: flat (token type name, alternative, ...), an option or loop being
     * entered for the names listed. chevrotain-allstar works this out by analysing the grammar around each decision
     * (about 20 ms of every command's first parse); see `oneTokenChoices`.
     */
    oneToken?: Record<string, Array<string | number>>;
}

/**
 * A DFA state: its prediction (-1 unless it is an accept state); its key among the DFA's states (chevrotain-allstar
 * finds a state it learns again by it); its configurations, flat (alternative, ATN state, stack length, stack
 * states...); and its edges, flat (token type name, index of the target state, or -1 for the error state...). ATN
 * states are written as their index in the network's list of states: their numbers are not unique
 * (chevrotain-allstar numbers a state by the length of the list, from which it removes states it skips).
 */
type LearnedState = [prediction: number, key: string, configurations: number[], edges: Array<string | number>];

/** The parts of chevrotain-allstar's ATN and DFAs read and written here (chevrotain-allstar 0.5). */
interface AtnState {
    stateNumber: number;
    type: number;
    decision?: number;
    rule: { name: string };
    transitions: Array<{ target: AtnState; tokenType?: TokenType; followState?: AtnState }>;
}

interface Atn {
    states: AtnState[];
    decisionMap: Record<string, AtnState | undefined>;
}

interface Configuration {
    state: AtnState;
    alt: number;
    stack: AtnState[];
}

interface DfaState {
    configs: { elements: Configuration[] };
    edges: Record<number, DfaState | undefined>;
    isAcceptState: boolean;
    prediction: number;
}

interface Dfa {
    start?: DfaState;
    states: Record<string, DfaState>;
}

/** The starter workspace's files the DFAs are learned from after the standard library, in this order. */
export const LEARNED_FROM = ['vocabulary.pom', 'org.pom', 'strategy.pom'];

/** The lookahead strategy's network and DFAs, once the parser has analysed its grammar. */
export interface LearningStrategy {
    atn?: Atn;
    dfas?: Array<(predicates: { toString(): string }) => Dfa>;
    /** The lookahead of a decision that one token decides, from the learned table (set by `seedLearnedDfas`). */
    oneTokenLookahead?: (key: string, alternation: boolean) => Lookahead | undefined;
}

/** A decision's lookahead function, as Chevrotain calls it with its recognizer as `this`. */
type Lookahead = (this: { LA_FAST(distance: number): { tokenTypeIdx: number } }) => unknown;

/** The lookahead functions chevrotain-allstar builds, by decision key: call before the parser analyses its grammar. */
export function recordLookaheads(strategy: {
    buildLookaheadForAlternation(options: { rule: { name: string }; prodOccurrence: number }): Lookahead;
    buildLookaheadForOptional(options: { rule: { name: string }; prodOccurrence: number; prodType: string }): Lookahead;
}): Map<string, Lookahead> {
    const recorded = new Map<string, Lookahead>();
    const alternation = strategy.buildLookaheadForAlternation.bind(strategy);
    const optional = strategy.buildLookaheadForOptional.bind(strategy);
    strategy.buildLookaheadForAlternation = options => {
        const lookahead = alternation(options);
        recorded.set(decisionKey(options, 'Alternation'), lookahead);
        return lookahead;
    };
    strategy.buildLookaheadForOptional = options => {
        const lookahead = optional(options);
        recorded.set(decisionKey(options, options.prodType), lookahead);
        return lookahead;
    };
    return recorded;
}

/**
 * How each recorded decision that one token decides chooses, found by asking its function with every token type
 * (and the end of input) as the next token: a function that predicts adaptively instead (its DFA gets a start state)
 * is left out. Chevrotain's functions for such decisions read the next token's type and nothing else.
 */
export function oneTokenChoices(
    recorded: Map<string, Lookahead>,
    strategy: LearningStrategy,
    tokens: TokenTypeDictionary,
): Record<string, Array<string | number>> {
    const types = [...Object.values(tokens), EOF];
    const end = { tokenTypeIdx: EOF.tokenTypeIdx!, tokenType: EOF, image: '' };
    const choices: Record<string, Array<string | number>> = {};
    for (const [key, lookahead] of recorded) {
        const dfa = strategy.dfas![strategy.atn!.decisionMap[key]!.decision!](NO_GATES);
        const flat: Array<string | number> = [];
        try {
            for (const type of types) {
                const next = { tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, image: '' };
                const result = lookahead.call({
                    LA_FAST: (distance: number) => (distance === 1 ? next : end),
                    LA: (distance: number) => (distance === 1 ? next : end),
                } as never);
                if (result === true) flat.push(type.name, 1);
                else if (typeof result === 'number') flat.push(type.name, result);
            }
        } catch {
            continue;
        }
        if (!dfa.start) choices[key] = flat;
    }
    return choices;
}

/** The learned DFAs of every decision that has one, as data. */
export function learnedDfas(strategy: LearningStrategy, tokens: TokenTypeDictionary): LearnedDfas {
    const atn = strategy.atn!;
    const indexOf = new Map(atn.states.map((state, index) => [state, index]));
    const atnIndex = (state: AtnState) => {
        const index = indexOf.get(state);
        if (index === undefined) throw new Error(`ATN state ${state.stateNumber} is not in the network's list of states`);
        return index;
    };
    const decisions: Record<string, LearnedState[]> = {};
    for (const [key, decisionState] of Object.entries(atn.decisionMap)) {
        const dfa = strategy.dfas![decisionState!.decision!](NO_GATES);
        if (!dfa.start) continue;
        const order = new Map<DfaState, number>();
        const states: DfaState[] = [];
        const visit = (state: DfaState) => {
            // The error state has no edges (nor configurations).
            if (order.has(state) || state.edges === undefined) return;
            order.set(state, states.length);
            states.push(state);
            for (const target of Object.values(state.edges)) visit(target!);
        };
        visit(dfa.start);
        const keys = new Map(Object.entries(dfa.states).map(([stateKey, state]) => [state, stateKey]));
        const names = new Map(Object.values(tokens).map(token => [token.tokenTypeIdx!, token.name]));
        names.set(EOF.tokenTypeIdx!, EOF.name);
        decisions[key] = states.map(state => [
            state.isAcceptState ? state.prediction : -1,
            keys.get(state)!,
            state.configs.elements.flatMap(config => [config.alt, atnIndex(config.state), config.stack.length, ...config.stack.map(atnIndex)]),
            Object.entries(state.edges).flatMap(([token, target]) => [names.get(Number(token))!, order.get(target!) ?? -1]),
        ]);
    }
    return { network: fingerprint(atn, tokens), decisions };
}

/**
 * Gives the parser's DFAs the states in `learned`, before it has parsed anything. Returns whether it did: not if
 * the network is not the one they were learned on. Edges to the error state are left out (chevrotain-allstar tells
 * its error state by identity): a parse that meets one learns it again.
 */
export function seedLearnedDfas(strategy: LearningStrategy, tokens: TokenTypeDictionary, learned: LearnedDfas): boolean {
    const atn = strategy.atn;
    const dfas = strategy.dfas;
    if (!atn || !dfas || fingerprint(atn, tokens) !== learned.network) return false;
    const tokenIndex = (name: string) => (name === EOF.name ? EOF : tokens[name]).tokenTypeIdx!;
    const oneToken = learned.oneToken ?? {};
    strategy.oneTokenLookahead = (key, alternation) => {
        const flat = oneToken[key];
        if (!flat) return undefined;
        // As chevrotain-allstar's: the alternative by the next token's type, or whether to enter.
        const choice: Record<number, number> = {};
        for (let i = 0; i < flat.length; i += 2) choice[tokenIndex(flat[i] as string)] = flat[i + 1] as number;
        return alternation
            ? function () {
                  return choice[this.LA_FAST(1).tokenTypeIdx];
              }
            : function () {
                  return choice[this.LA_FAST(1).tokenTypeIdx] !== undefined;
              };
    };
    for (const [key, seeds] of Object.entries(learned.decisions)) {
        const dfa = dfas[atn.decisionMap[key]!.decision!](NO_GATES);
        if (dfa.start) continue;
        const states = seeds.map(([prediction, stateKey, configurations]): DfaState => {
            const state = { configs: new LearnedConfigurations(configurations, atn.states), edges: {}, isAcceptState: prediction >= 0, prediction };
            dfa.states[stateKey] = state;
            return state;
        });
        seeds.forEach(([, , , edges], index) => {
            for (let i = 0; i < edges.length; i += 2) {
                const target = edges[i + 1] as number;
                if (target >= 0) states[index].edges[tokenIndex(edges[i] as string)] = states[target];
            }
        });
        dfa.start = states[0];
    }
    return true;
}

/**
 * A finished configuration set as chevrotain-allstar's ATNConfigSet keeps it in a DFA state (its map emptied), made
 * from the flat list when first read: only extending the DFA from this state, or an error there, reads it.
 */
class LearnedConfigurations {
    readonly map = {};
    private configurations: Configuration[] | undefined;
    constructor(
        private readonly flat: number[],
        private readonly atnStates: AtnState[],
    ) {}
    get configs(): Configuration[] {
        if (this.configurations) return this.configurations;
        const { flat, atnStates } = this;
        const configurations: Configuration[] = [];
        for (let i = 0; i < flat.length;) {
            const alt = flat[i++];
            const state = atnStates[flat[i++]];
            const stack = flat.slice(i + 1, i + 1 + flat[i]).map(index => atnStates[index]);
            i += 1 + stack.length;
            configurations.push({ state, alt, stack });
        }
        return (this.configurations = configurations);
    }
    get elements(): Configuration[] {
        return this.configs;
    }
    get size(): number {
        return this.configs.length;
    }
    get alts(): number[] {
        return this.configs.map(config => config.alt);
    }
    get key(): string {
        return '';
    }
    finalize(): void {}
}

/**
 * A hash of the network's states and transitions and of the token types' names and categories: what the DFAs depend
 * on. (State numbers may repeat, see LearnedState; a change of the network still changes them or its transitions.)
 */
function fingerprint(atn: Atn, tokens: TokenTypeDictionary): string {
    let hash = 0x811c9dc5;
    const add = (value: number) => (hash = Math.imul(hash ^ value, 0x01000193) >>> 0);
    // Token types by their place in the vocabulary.
    const places = new Map<number, number>();
    for (const token of Object.values(tokens)) places.set(token.tokenTypeIdx!, places.size);
    for (const token of Object.values(tokens)) {
        for (let i = 0; i < token.name.length; i++) add(token.name.charCodeAt(i));
        add(-1);
        for (const category of token.categoryMatches ?? []) add(places.get(category) ?? -2);
    }
    for (const state of atn.states) {
        add(state.stateNumber);
        add(state.type);
        add(state.decision ?? -1);
        for (const transition of state.transitions) {
            add(transition.target.stateNumber);
            add(transition.followState?.stateNumber ?? -1);
            add(transition.tokenType ? (places.get(transition.tokenType.tokenTypeIdx!) ?? -2) : -1);
        }
    }
    return hash.toString(16);
}
