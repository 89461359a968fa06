import { DefaultValueConverter, GrammarAST, GrammarUtils, ValueConverter, type CstNode, type ValueType } from 'langium';

/**
 * Converts `"""…"""` blocks: strips the quotes, the first and last blank lines, and the common indentation. A string
 * without escapes is the text between its quotes.
 */
export class PomValueConverter extends DefaultValueConverter {
    /** The terminal or data type rule of each grammar element a value is read from (null: none, the text is the value). */
    private readonly rules = new Map<GrammarAST.AbstractElement, GrammarAST.AbstractRule | null>();

    /**
     * Langium's `convert`, with the rule found once per grammar element: the parser converts every name, reference
     * and value it reads, and Langium's asks the reflection twice per value which kind of element it came from.
     */
    override convert(input: string, cstNode: CstNode): ValueType {
        const feature = cstNode.grammarSource;
        if (!feature) return input;
        let rule = this.rules.get(feature);
        if (rule === undefined) {
            const element = GrammarAST.isCrossReference(feature) ? GrammarUtils.getCrossReferenceTerminal(feature) : feature;
            rule = GrammarAST.isRuleCall(element) ? (element.rule.ref ?? null) : null;
            if (GrammarAST.isRuleCall(element) && !rule) throw new Error('This cst node was not parsed by a rule.');
            this.rules.set(feature, rule);
        }
        return rule ? this.runConverter(rule, input, cstNode) : input;
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, _cstNode: CstNode): ValueType {
        if (rule.name === 'TEXT_BLOCK') return dedentBlock(input.slice(3, -3));
        // Langium's converter builds a string character by character (a new string per character); without escapes
        // the value is the text between the quotes.
        if (rule.name === 'STRING' && !input.includes('\\')) return input.slice(1, -1);
        let conversion = this.conversions.get(rule);
        if (conversion === undefined) this.conversions.set(rule, (conversion = conversionOf(rule)));
        return conversion ? conversion(input) : input;
    }

    /** Per rule, the conversion Langium's runConverter picks (null: the text is the value). */
    private readonly conversions = new Map<GrammarAST.AbstractRule, ((input: string) => ValueType) | null>();
}

/**
 * The conversion Langium's runConverter (langium 4.4) applies to a rule's values, chosen once per rule: it chose it per
 * value, by the rule's name in upper case and its type in lower case, two new strings for every name and number read.
 */
function conversionOf(rule: GrammarAST.AbstractRule): ((input: string) => ValueType) | null {
    switch (rule.name.toUpperCase()) {
        case 'INT':
            return ValueConverter.convertInt;
        case 'STRING':
            return ValueConverter.convertString;
        case 'ID':
            return ValueConverter.convertID;
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number':
            return ValueConverter.convertNumber;
        case 'boolean':
            return ValueConverter.convertBoolean;
        case 'bigint':
            return ValueConverter.convertBigint;
        case 'date':
            return ValueConverter.convertDate;
        default:
            return null;
    }
}

export function dedentBlock(text: string): string {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    if (lines.length > 1 && lines[0].trim() === '') lines.shift();
    if (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
    const indents = lines.filter(line => line.trim() !== '').map(line => line.match(/^[ \t]*/)![0].length);
    const indent = indents.length ? indents.reduce((a, b) => Math.min(a, b)) : 0;
    return lines.map(line => line.slice(Math.min(indent, line.match(/^[ \t]*/)![0].length))).join('\n');
}
