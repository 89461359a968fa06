import { DefaultValueConverter, GrammarAST, GrammarUtils, type CstNode, type ValueType } from 'langium';

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

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'TEXT_BLOCK') return dedentBlock(input.slice(3, -3));
        // Langium's converter builds a string character by character (a new string per character); without escapes
        // the value is the text between the quotes.
        if (rule.name === 'STRING' && !input.includes('\\')) return input.slice(1, -1);
        return super.runConverter(rule, input, cstNode);
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
