import {
    EmptyFileSystem,
    GrammarUtils,
    isCompositeCstNode,
    type AstNode,
    type CstNode,
    type LangiumDocument,
    type LeafCstNode,
    type ParseResult,
} from 'langium';
import { createPomServices, type PomServices } from '../pom-module.js';
import {
    isEnumDecl,
    isField,
    isLinkDecl,
    isLinkStatement,
    isLinkTarget,
    isListValue,
    isPomObject,
    isQueryDecl,
    isRuleDecl,
    isRuleMessage,
    isRuleSeverity,
    isSettingsDecl,
    isSeveritySetting,
    isTypeDecl,
    isViewAudience,
    isViewDecl,
    isViewLayout,
    type PomFile,
} from '../generated/langium/ast.js';

/**
 * The canonical layout of a .pom file (docs/formatting.md): two spaces per level, one member per line, a blank
 * line between top-level elements, comments kept where they are and text blocks untouched.
 *
 * The formatter works on the token stream of the concrete syntax tree, comments included, and only changes the
 * white space between tokens (and drops optional commas), so it cannot change what a file means; a final
 * check re-lexes the result and compares it with the input to make sure.
 */

/** The indentation of one nesting level. */
export const INDENT = '  ';

/** A file that does not parse cannot be formatted; `errors` says where and why (1-based lines and columns). */
export class PomFormatError extends Error {
    constructor(readonly errors: Array<{ line: number; column: number; message: string }>) {
        super(errors.map(e => `${e.line}:${e.column}: ${e.message}`).join('\n'));
    }
}

let sharedServices: PomServices | undefined;

/** A parser for text given without a document; created once, on first use. */
function services(): PomServices {
    return (sharedServices ??= createPomServices(EmptyFileSystem, { indexReferences: false }).pom);
}

/**
 * The canonical text of a document or source text. Throws PomFormatError when it has syntax errors: a broken
 * file is left as it is rather than formatted from the parser's guesses.
 */
export function formatDocument(input: LangiumDocument | string, pom: PomServices = services()): string {
    const text = typeof input === 'string' ? input : input.textDocument.getText();
    if (text.includes('\r')) {
        // The layout works on \n line ends. A file keeps its own: CRLF, or CR alone (classic Mac), written back
        // as its first line end is. Text blocks read the same either way (their line ends are normalised).
        const eol = /\r\n|\r|\n/.exec(text)![0];
        const formatted = formatDocument(text.replace(/\r\n?/g, '\n'), pom);
        return eol === '\n' ? formatted : formatted.replace(/\n/g, eol);
    }
    const parseResult = typeof input === 'string' ? pom.parser.LangiumParser.parse<PomFile>(text) : (input.parseResult as ParseResult<PomFile>);
    const errors = syntaxErrors(parseResult);
    if (errors.length > 0) throw new PomFormatError(errors);
    const formatted = layout(text, parseResult.value);
    assertSameTokens(pom, text, formatted);
    return formatted;
}

function syntaxErrors(parseResult: ParseResult): Array<{ line: number; column: number; message: string }> {
    const lexer = parseResult.lexerErrors.map(e => ({ line: e.line ?? 1, column: e.column ?? 1, message: e.message }));
    const parser = parseResult.parserErrors.map(e => ({
        line: Number.isNaN(e.token.startLine) ? 1 : (e.token.startLine ?? 1),
        column: Number.isNaN(e.token.startColumn) ? 1 : (e.token.startColumn ?? 1),
        message: e.message,
    }));
    return [...lexer, ...parser];
}

/** How a token starts: on the same line as the one before, on a new line, or after a blank line. */
const enum Break {
    None = 0,
    Line = 1,
    Blank = 2,
}

const maxBreak = (a: Break, b: Break): Break => (a > b ? a : b);

/** What the syntax tree says about the layout around tokens, keyed by token offset. */
interface Structure {
    /** Tokens that start a line (members, imports, closing braces) or a paragraph (top-level elements). */
    breaks: Map<number, Break>;
    /** `{` of bodies laid out one member per line, mapped to the offset of their `}`. */
    blocks: Map<number, number>;
    /** Offsets of the `}` of those bodies. */
    blockEnds: Set<number>;
    /** Optional commas, left out of the canonical text. */
    dropped: Set<number>;
    /** Tokens after which a comma is written: the separators of a body kept on one line. */
    commaAfter: Set<number>;
    /** The first target of each link statement: wrapped targets line up under it. */
    listStarts: Set<number>;
    /** Link targets the author started on a new line. */
    wraps: Set<number>;
}

/**
 * The tokens of a file in source order, comments included, with the look-ups the layout needs. Built in one pass:
 * walking the CST again for every body would make large files slow.
 */
class Tokens {
    readonly all: LeafCstNode[];
    private readonly indexByOffset = new Map<number, number>();
    private readonly indexByEnd = new Map<number, number>();
    /** The punctuation each AST node consumed itself (not its children): braces, brackets and commas. */
    private readonly punctuation = new Map<AstNode, LeafCstNode[]>();
    private readonly commentOffsets: number[] = [];

    constructor(root: CstNode) {
        this.all = [];
        collectLeaves(root, this.all);
        this.all.sort((a, b) => a.offset - b.offset);
        for (const [index, leaf] of this.all.entries()) {
            if (leaf.hidden) {
                this.commentOffsets.push(leaf.offset);
                continue;
            }
            this.indexByOffset.set(leaf.offset, index);
            this.indexByEnd.set(leaf.end, index);
            if (PUNCTUATION.has(leaf.text)) {
                const list = this.punctuation.get(leaf.astNode);
                if (list) list.push(leaf);
                else this.punctuation.set(leaf.astNode, [leaf]);
            }
        }
    }

    /** The first token of a node (comments before it are not part of it). */
    first(node: CstNode): LeafCstNode | undefined {
        const index = this.indexByOffset.get(node.offset);
        return index === undefined ? undefined : this.all[index];
    }

    /** The last token of a member, not counting the comma that may end a field. */
    last(node: CstNode): LeafCstNode | undefined {
        let index = this.indexByEnd.get(node.end);
        if (index === undefined) return undefined;
        if (this.all[index].text === ',' && endsWithOwnComma(node.astNode)) index = this.before(index, false);
        return index < 0 ? undefined : this.all[index];
    }

    /** The token before another, comments included or not. */
    previous(leaf: LeafCstNode, comments: boolean): LeafCstNode | undefined {
        const index = this.before(this.indexByOffset.get(leaf.offset) ?? this.all.indexOf(leaf), comments);
        return index < 0 ? undefined : this.all[index];
    }

    private before(index: number, comments: boolean): number {
        let at = index - 1;
        while (at >= 0 && !comments && this.all[at].hidden) at--;
        return at;
    }

    own(node: AstNode, text: string): LeafCstNode[] {
        return (this.punctuation.get(node) ?? []).filter(leaf => leaf.text === text);
    }

    /** Whether a comment lies between two offsets. */
    hasComment(from: number, to: number): boolean {
        let low = 0;
        let high = this.commentOffsets.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (this.commentOffsets[middle] <= from) low = middle + 1;
            else high = middle;
        }
        return low < this.commentOffsets.length && this.commentOffsets[low] < to;
    }
}

const PUNCTUATION = new Set(['{', '}', ',', ']']);

/** Members whose grammar lets them end with a comma of their own (`status: chosen,`), which the layout drops. */
function endsWithOwnComma(node: AstNode): boolean {
    return isField(node) || isViewAudience(node) || isViewLayout(node) || isRuleSeverity(node) || isRuleMessage(node) || isSeveritySetting(node);
}

function collectLeaves(node: CstNode, into: LeafCstNode[]): void {
    if (isCompositeCstNode(node)) for (const child of node.content) collectLeaves(child, into);
    else into.push(node as LeafCstNode);
}

/** Calls `visit` on a node and every node it contains, parents first (a plain recursion: streams are slower here). */
function walk(node: AstNode, visit: (node: AstNode) => void): void {
    visit(node);
    for (const key in node) {
        if (key.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNodeLike(item)) walk(item, visit);
        } else if (isAstNodeLike(value)) {
            walk(value, visit);
        }
    }
}

function isAstNodeLike(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

function analyse(file: PomFile, text: string, tokens: Tokens): Structure {
    const structure: Structure = {
        breaks: new Map(),
        blocks: new Map(),
        blockEnds: new Set(),
        dropped: new Set(),
        commaAfter: new Set(),
        listStarts: new Set(),
        wraps: new Set(),
    };
    const lineStart = (node: CstNode | undefined, kind: Break) => {
        const first = node && tokens.first(node);
        if (first) structure.breaks.set(first.offset, maxBreak(kind, structure.breaks.get(first.offset) ?? Break.None));
    };
    /**
     * Lays out a body: one member per line, or on one line (`{ a: 1, b: 2 }`) when the author wrote it on one
     * line, it holds no comment and its members can share a line. Returns whether it stays on one line.
     */
    const body = (node: AstNode, members: CstNode[], canInline: boolean, separator: ',' | ' '): boolean => {
        const [open] = tokens.own(node, '{');
        const [close] = tokens.own(node, '}');
        if (!open || !close) return true;
        const commas = tokens.own(node, ',').filter(comma => comma.offset > open.offset);
        // `status: chosen,`: the comma that may end a field (or a setting) belongs to it.
        const memberCommas = members.filter(member => endsWithOwnComma(member.astNode)).flatMap(member => tokens.own(member.astNode, ','));
        const allCommas = [...commas, ...memberCommas];
        const inline = canInline && open.range.start.line === close.range.end.line && !tokens.hasComment(open.offset, close.end);
        if (!inline) {
            structure.blocks.set(open.offset, close.offset);
            structure.blockEnds.add(close.offset);
            for (const member of members) lineStart(member, Break.Line);
            // One member per line makes separating commas noise.
            for (const comma of allCommas) structure.dropped.add(comma.offset);
            return false;
        }
        for (const [index, member] of members.entries()) {
            const last = tokens.last(member);
            const comma = last && allCommas.find(c => c.offset >= last.end && c.offset < (members[index + 1]?.offset ?? close.offset));
            const between = index < members.length - 1;
            if (comma && (!between || separator === ' ')) structure.dropped.add(comma.offset);
            if (!comma && between && separator === ',' && last) structure.commaAfter.add(last.offset);
        }
        return true;
    };

    if (file.package !== undefined) lineStart(file.$cstNode, Break.Blank);
    for (const [index, imported] of file.imports.entries()) lineStart(imported.$cstNode, index === 0 ? Break.Blank : Break.Line);

    let previousOneLine = false;
    walk(file, node => {
        let oneLine: boolean | undefined;
        if (isPomObject(node)) {
            oneLine = body(
                node,
                node.members.map(m => m.$cstNode!),
                node.members.every(isField),
                ',',
            );
        } else if (isTypeDecl(node)) {
            oneLine = body(
                node,
                node.fields.map(f => f.$cstNode!),
                true,
                ',',
            );
        } else if (isEnumDecl(node)) {
            oneLine = body(
                node,
                node.members.map(m => m.$cstNode!),
                true,
                ' ',
            );
        } else if (isLinkDecl(node)) {
            const members = [
                ...node.inverses.map(i => i.$cstNode!),
                ...node.metadata.map(m => m.$cstNode!),
                ...GrammarUtils.findNodesForProperty(node.$cstNode, 'flags'),
            ].sort((a, b) => a.offset - b.offset);
            oneLine = body(node, members, true, ',');
        } else if (isViewDecl(node) || isRuleDecl(node) || isQueryDecl(node)) {
            // Members that end in a list (`include a, b`) cannot share a line with the next: only `key: value` ones can.
            const members: AstNode[] = node.members;
            oneLine = body(
                node,
                members.map(m => m.$cstNode!),
                members.every(endsWithOwnComma),
                ',',
            );
        } else if (isSettingsDecl(node)) {
            oneLine = body(
                node,
                node.entries.map(e => e.$cstNode!),
                true,
                ',',
            );
        } else if (isLinkTarget(node)) {
            body(
                node,
                node.entries.map(e => e.$cstNode!),
                true,
                ',',
            );
        } else if (isLinkStatement(node)) {
            const [first, ...rest] = node.targets;
            const firstLeaf = first?.$cstNode && tokens.first(first.$cstNode);
            if (firstLeaf) structure.listStarts.add(firstLeaf.offset);
            for (const target of rest) {
                const leaf = target.$cstNode && tokens.first(target.$cstNode);
                const comma = leaf && tokens.previous(leaf, false);
                if (leaf && comma && comma.range.end.line < leaf.range.start.line) structure.wraps.add(leaf.offset);
            }
        } else if (isListValue(node)) {
            // A trailing comma before `]`; commas between items stay.
            const commas = tokens.own(node, ',');
            const [closer] = tokens.own(node, ']');
            const last = commas[commas.length - 1];
            if (last && closer && closer.offset > last.offset && node.items.every(item => item.$cstNode!.end <= last.offset)) {
                structure.dropped.add(last.offset);
            }
        }
        if (oneLine !== undefined && node.$container === file && node.$cstNode) {
            // Top-level elements are separated by a blank line, except one-line elements the author grouped.
            const range = node.$cstNode.range;
            const thisOneLine = oneLine && range.start.line === range.end.line;
            const previousLeaf = tokens.previous(tokens.first(node.$cstNode)!, true);
            const adjacent =
                previousLeaf !== undefined &&
                previousLeaf.range.end.line === range.start.line - 1 &&
                !text.slice(previousLeaf.end, node.$cstNode.offset).includes('\n\n');
            lineStart(node.$cstNode, previousOneLine && thisOneLine && adjacent && !previousLeaf.hidden ? Break.Line : Break.Blank);
            previousOneLine = thisOneLine;
        }
    });
    // A top-level element of a kind not laid out above still starts a paragraph.
    for (const element of file.elements) if (!structure.breaks.has(element.$cstNode?.offset ?? -1)) lineStart(element.$cstNode, Break.Blank);
    return structure;
}

function isComment(leaf: LeafCstNode): boolean {
    return leaf.hidden;
}

/** Tokens written without a space before them. */
const TIGHT_BEFORE = new Set([',', ':', '?', '.', ']', ')', '.*', '.**']);
/** Tokens written without a space after them. */
const TIGHT_AFTER = new Set(['[', '.', '(']);

function layout(text: string, file: PomFile): string {
    const root = file.$cstNode;
    if (!root) return text;
    const tokens = new Tokens(root);
    const structure = analyse(file, text, tokens);
    const leaves = tokens.all;
    const out = new Output();
    let depth = 0;
    let previous: LeafCstNode | undefined; // the last token written
    let previousSource: LeafCstNode | undefined; // the last token of the source, written or dropped
    let listColumn = -1; // where the first target of the current link statement starts
    const owed = owedBreaks(leaves, structure);
    const levels = (count: number) => INDENT.repeat(Math.max(0, count));

    for (const [index, leaf] of leaves.entries()) {
        if (!isComment(leaf) && structure.dropped.has(leaf.offset)) {
            previousSource = leaf;
            continue;
        }
        const gap = previousSource ? text.slice(previousSource.end, leaf.offset) : '';
        const sourceBreak = lineBreaks(gap);
        const closesBlock = structure.blockEnds.has(leaf.offset);
        const afterOpen = previous !== undefined && structure.blocks.has(previous.offset);
        // Inside a construct, a new line continues it: wrapped link targets line up under the first one.
        const continuation = () => (structure.wraps.has(leaf.offset) && listColumn >= 0 ? ' '.repeat(listColumn) : levels(depth + 1));

        if (!previous) {
            // The first token of the file: no leading blank lines.
        } else if (afterOpen && closesBlock && structure.blocks.get(previous.offset) === leaf.offset) {
            // An empty body: `{}`; it closes the block its `{` opened.
            depth--;
        } else if (isComment(leaf)) {
            if (sourceBreak === Break.None) {
                // A trailing comment keeps its place and the spaces its author put before it.
                out.write(gap.replace(/[^ \t]/g, '') || ' ');
            } else {
                const wanted = afterOpen ? Break.Line : maxBreak(sourceBreak, owed.get(leaf.offset) ?? Break.None);
                out.newline(wanted, commentIndent(leaves, index, structure) ? levels(depth + 1) : levels(depth));
            }
        } else {
            const structural = structure.breaks.get(leaf.offset) ?? Break.None;
            if (closesBlock) {
                depth--;
                out.newline(Break.Line, levels(depth));
            } else if (afterOpen) {
                out.newline(Break.Line, levels(depth));
            } else if (structural !== Break.None) {
                const wanted = isComment(previous)
                    ? maxBreak(maxBreak(sourceBreak, owed.has(leaf.offset) ? Break.None : structural), Break.Line)
                    : maxBreak(structural, sourceBreak);
                out.newline(wanted, levels(depth));
            } else if ((isComment(previous) && sourceBreak !== Break.None) || previous.text.startsWith('//') || structure.wraps.has(leaf.offset)) {
                out.newline(Break.Line, continuation());
            } else if (!(
                TIGHT_BEFORE.has(leaf.text) ||
                (leaf.text === '[' && leaf.astNode.$type === 'FieldType') ||
                (leaf.text === '(' && previous.text === 'count' && leaf.astNode.$type === 'CountCondition') ||
                TIGHT_AFTER.has(previous.text) ||
                (previous.text === '{' && leaf.text === '}')
            )) {
                out.write(' ');
            }
        }
        if (!isComment(leaf) && structure.listStarts.has(leaf.offset)) listColumn = out.column;
        out.write(isComment(leaf) && leaf.text.startsWith('//') ? leaf.text.trimEnd() : leaf.text);
        if (!isComment(leaf) && structure.commaAfter.has(leaf.offset)) out.write(',');
        if (!isComment(leaf) && structure.blocks.has(leaf.offset)) depth++;
        previous = leaf;
        previousSource = leaf;
    }
    return out.text();
}

/** The text being written, and the column it has reached. */
class Output {
    private readonly parts: string[] = [];
    column = 0;

    write(text: string): void {
        this.parts.push(text);
        const newline = text.lastIndexOf('\n');
        this.column = newline < 0 ? this.column + text.length : text.length - newline - 1;
    }

    /** Ends the line (and a paragraph, for Break.Blank), without trailing spaces, and indents the next. */
    newline(kind: Break, indent: string): void {
        this.trimEnd();
        this.write((kind === Break.Blank ? '\n\n' : '\n') + indent);
    }

    text(): string {
        this.trimEnd();
        const result = this.parts.join('');
        return result.length > 0 ? result + '\n' : '';
    }

    private trimEnd(): void {
        while (this.parts.length > 0) {
            const last = this.parts[this.parts.length - 1];
            const trimmed = last.replace(/[ \t]+$/, '');
            if (trimmed.length > 0) {
                this.parts[this.parts.length - 1] = trimmed;
                return;
            }
            this.parts.pop();
        }
    }
}

function lineBreaks(gap: string): Break {
    const count = gap.split('\n').length - 1;
    return count === 0 ? Break.None : count === 1 ? Break.Line : Break.Blank;
}

/**
 * For each top-level element preceded by comments on their own lines, the paragraph break goes before the
 * first of those comments: a comment that introduces an element stays with it.
 */
function owedBreaks(leaves: LeafCstNode[], structure: Structure): Map<number, Break> {
    const owed = new Map<number, Break>();
    for (let index = 0; index < leaves.length; index++) {
        const leaf = leaves[index];
        const kind = structure.breaks.get(leaf.offset);
        if (isComment(leaf) || kind === undefined) continue;
        let first = index;
        // The comments right above the element, without a blank line between them.
        while (
            first > 0 &&
            isComment(leaves[first - 1]) &&
            (first - 1 === 0 || onOwnLine(leaves, first - 1)) &&
            leaves[first].range.start.line - leaves[first - 1].range.end.line < 2
        )
            first--;
        if (first < index) {
            owed.set(leaves[first].offset, kind);
            owed.set(leaf.offset, kind);
        }
    }
    return owed;
}

/** Whether the comment at `index` starts its line in the source. */
function onOwnLine(leaves: LeafCstNode[], index: number): boolean {
    const before = leaves[index - 1];
    return before.range.end.line < leaves[index].range.start.line;
}

/** A comment on its own line is indented like the code after it: one level deeper when that continues a construct. */
function commentIndent(leaves: LeafCstNode[], index: number, structure: Structure): boolean {
    while (index < leaves.length && (isComment(leaves[index]) || structure.dropped.has(leaves[index].offset))) index++;
    const next = leaves[index];
    return next !== undefined && !structure.blockEnds.has(next.offset) && !structure.breaks.has(next.offset);
}

/** The safety net: the canonical text has the same tokens and comments as the source, except dropped commas. */
function assertSameTokens(pom: PomServices, before: string, after: string): void {
    const signature = (text: string) => {
        const result = pom.parser.Lexer.tokenize(text);
        const tokens = result.tokens.filter(token => token.image !== ',').map(token => token.image);
        const comments = (result.hidden ?? []).map(token => (token.image.startsWith('//') ? token.image.trimEnd() : token.image));
        return JSON.stringify([tokens, comments]);
    };
    if (signature(before) !== signature(after)) {
        throw new Error('pom fmt would change the tokens of this file; it was left unchanged. This is a bug in pom.');
    }
}
