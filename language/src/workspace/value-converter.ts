import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Converts `"""…"""` blocks: strips the quotes, the first and last blank lines, and the common indentation. A string
 * without escapes is the text between its quotes.
 */
export class PomValueConverter extends DefaultValueConverter {
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
