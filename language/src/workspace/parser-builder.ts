import { GrammarAST, GrammarUtils, type LangiumParser } from 'langium';
import { EOF, type TokenType, type TokenTypeDictionary } from 'chevrotain';
import { reachableRules } from './token-builder.js';

/** A rule's body, or a part of it, as the parser runs it. */
type Parse = () => void;

/** The occurrence counters Chevrotain needs per rule: each call of a kind has its own index within the rule. */
interface Occurrences {
    consume: number;
    subrule: number;
    many: number;
    optional: number;
    or: number;
}

/**
 * Defines the parser's rules from the grammar, as Langium's `createParser` does, for a grammar without rule
 * parameters, guards, unordered groups or infix rules (pom's). Without them nothing a rule does depends on arguments,
 * so each alternative list and each repetition's options are built once, when the rule is defined. Langium's builder
 * allocates them on every call (an array and a closure per alternative, an object per rule call), and names, members
 * and values are most of a file. The parser calls (`consume`, `subrule`, `alternatives`, `many`, …) are Langium's own.
 */
export function buildParserRules(grammar: GrammarAST.Grammar, parser: LangiumParser, tokens: TokenTypeDictionary): void {
    const tokenNamed = (name: string): TokenType => {
        const token = tokens[name] as TokenType | undefined;
        if (!token) throw new Error(`The grammar uses a token that the lexer does not define: ${name}`);
        return token;
    };
    const reachable = reachableRules(grammar);
    for (const rule of grammar.rules) {
        if (GrammarAST.isInfixRule(rule) && reachable.has(rule)) unsupported(`the infix rule ${rule.name}`);
        if (!GrammarAST.isParserRule(rule) || !reachable.has(rule)) continue;
        if (rule.parameters.length > 0) unsupported(`the parameters of ${rule.name}`);
        const occurrences: Occurrences = { consume: 1, subrule: 1, many: 1, optional: 1, or: 1 };
        parser.rule(rule, build(rule.definition, occurrences));
    }

    function build(element: GrammarAST.AbstractElement, occurrences: Occurrences): Parse {
        return repeated(element, single(element, occurrences), occurrences);
    }

    function single(element: GrammarAST.AbstractElement, occurrences: Occurrences): Parse {
        if (GrammarAST.isKeyword(element)) return consume(tokenNamed(element.value), element, occurrences);
        if (GrammarAST.isAction(element)) {
            const type = GrammarUtils.getTypeName(element);
            return () => parser.action(type, element);
        }
        if (GrammarAST.isAssignment(element)) return build(element.terminal, occurrences);
        if (GrammarAST.isCrossReference(element)) return crossReference(element, occurrences);
        if (GrammarAST.isRuleCall(element)) {
            const rule = element.rule.ref;
            if (GrammarAST.isTerminalRule(rule)) return consume(tokenNamed(rule.name), element, occurrences);
            if (GrammarAST.isParserRule(rule)) {
                if (element.arguments.length > 0) unsupported(`the arguments of a call of ${rule.name}`);
                return subrule(rule, rule.fragment, element, occurrences);
            }
            return unsupported(`the call of ${element.rule.$refText}`);
        }
        if (GrammarAST.isAlternatives(element)) {
            if (element.elements.length === 1) return build(element.elements[0], occurrences);
            const index = occurrences.or++;
            const alternatives = element.elements.map(alternative => ({ ALT: build(alternative, occurrences) }));
            if (element.elements.some(alternative => GrammarAST.isGroup(alternative) && alternative.guardCondition)) unsupported('a guard condition');
            return () => parser.alternatives(index, alternatives);
        }
        if (GrammarAST.isUnorderedGroup(element)) return unsupported('an unordered group');
        if (GrammarAST.isGroup(element)) {
            if (element.guardCondition) unsupported('a guard condition');
            const parts = element.elements.map(part => build(part, occurrences));
            return () => {
                for (const part of parts) part();
            };
        }
        if (GrammarAST.isEndOfFile(element)) return consume(EOF, element, occurrences);
        return unsupported(`a grammar element of type ${element.$type}`);
    }

    function consume(token: TokenType, feature: GrammarAST.AbstractElement, occurrences: Occurrences): Parse {
        const index = occurrences.consume++;
        return () => parser.consume(index, token, feature);
    }

    function subrule(rule: GrammarAST.ParserRule, fragment: boolean, feature: GrammarAST.AbstractElement, occurrences: Occurrences): Parse {
        const index = occurrences.subrule++;
        // Looked up on first use: a rule may call rules defined after it.
        let method: ReturnType<LangiumParser['getRule']>;
        return () => parser.subrule(index, (method ??= parser.getRule(rule.name))!, fragment, feature, NO_ARGUMENTS);
    }

    function crossReference(reference: GrammarAST.CrossReference, occurrences: Occurrences): Parse {
        const terminal = reference.terminal ?? (reference.type.ref && GrammarUtils.findNameAssignment(reference.type.ref)?.terminal);
        if (GrammarAST.isRuleCall(terminal)) {
            const rule = terminal.rule.ref;
            // A data type rule: the name is a sequence of tokens (a qualified name).
            if (GrammarAST.isParserRule(rule)) return subrule(rule, false, reference, occurrences);
            if (GrammarAST.isTerminalRule(rule)) return consume(tokenNamed(rule.name), reference, occurrences);
        }
        if (GrammarAST.isKeyword(terminal)) return consume(tokenNamed(terminal.value), reference, occurrences);
        return unsupported(`the cross-reference to ${reference.type.$refText}`);
    }

    function repeated(element: GrammarAST.AbstractElement, parse: Parse, occurrences: Occurrences): Parse {
        switch (element.cardinality) {
            case '*': {
                const index = occurrences.many++;
                const options = { DEF: parse };
                return () => parser.many(index, options);
            }
            case '+': {
                const index = occurrences.many++;
                const options = { DEF: parse };
                return () => parser.atLeastOne(index, options);
            }
            case '?': {
                const index = occurrences.optional++;
                const options = { DEF: parse };
                return () => parser.optional(index, options);
            }
            default:
                return parse;
        }
    }
}

/** What a rule is called with: no arguments (Langium passes a new empty object per call). */
const NO_ARGUMENTS = Object.freeze({});

function unsupported(what: string): never {
    throw new Error(`pom's parser builder does not support ${what}; Langium's createParser does.`);
}
