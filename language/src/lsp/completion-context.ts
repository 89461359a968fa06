/**
 * What the cursor's context allows, read from the text before it: a small, tolerant recursive-descent reading of
 * pom's grammar that stops at the cursor and says what could come next there. Completion answers from this rather
 * than from the parser's recovery, which loses the context in half-typed text (an unclosed body, a link without a
 * target, a value being typed). Plain text in, plain data out: the provider resolves the names it mentions.
 */

/** An object whose body the cursor is in, outermost first: its type and its name as written. */
export interface ObjectFrame {
    type: string;
    name: string;
}

/** What may be written at the cursor. */
export type Site =
    | { kind: 'none' }
    | { kind: 'all'; sites: Site[] }
    | { kind: 'top'; package: boolean; import: boolean }
    | { kind: 'package' }
    | { kind: 'import' }
    | { kind: 'keywords'; words: string[] }
    | { kind: 'types' }
    | { kind: 'field-type' }
    | { kind: 'views' }
    | { kind: 'codes' }
    | { kind: 'member'; objects: ObjectFrame[]; present: string[] }
    | { kind: 'value'; objects: ObjectFrame[]; field: string }
    | { kind: 'default-value'; fieldType: string }
    | { kind: 'target'; objects: ObjectFrame[]; link: string; present: string[] }
    | { kind: 'meta-key'; objects: ObjectFrame[]; link: string; present: string[] }
    | { kind: 'meta-value'; objects: ObjectFrame[]; link: string; key: string }
    | { kind: 'link-kinds' }
    | { kind: 'objects' }
    | { kind: 'selectable'; star: boolean }
    | { kind: 'fields'; heads: string[] | undefined; numbers?: boolean }
    | { kind: 'condition'; heads: string[] | undefined }
    | { kind: 'condition-value'; heads: string[] | undefined; field: string }
    | { kind: 'condition-target'; heads: string[] | undefined; link: string };

export interface CompletionContextResult {
    site: Site;
    /** The partly typed name before the cursor ('' if none) and where it starts. */
    prefix: string;
    prefixStart: number;
}

export interface Token {
    kind: 'word' | 'string' | 'number' | 'date' | 'punct';
    text: string;
    start: number;
    /** The first token of its line, at column 0: a top-level keyword there ends any unclosed body above it. */
    lineStart: boolean;
}

const NONE: Site = { kind: 'none' };
const PREFIX = /[_a-zA-Z][\w-]*(?:\.(?:[_a-zA-Z][\w-]*)?)*$/;
const WORD = /[_a-zA-Z]\w*(?:-\w+)*(?:\.[_a-zA-Z]\w*(?:-\w+)*)*/y;
const PUNCT = /->|~>|<~|!=|<=|>=|\.\*\*|\.\*|[{}[\](),:=<>?*.]/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w-])/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const TOP_KEYWORDS = new Set(['package', 'import', 'type', 'enum', 'link', 'view', 'rule', 'query', 'settings']);
export const LINK_FLAGS = ['single', 'exclusive', 'acyclic', 'inherited', 'lineage', 'upstream'];
export const LEVELS = ['error', 'warning', 'info', 'off'];
export const DIRECTIONS = ['left-to-right', 'top-to-bottom', 'right-to-left', 'bottom-to-top'];
const OPERATORS = new Set(['=', '!=', '<=', '>=', '<', '>']);

/** The tokens of `text`, or undefined if it ends inside a comment or a string (nothing to complete there). */
export function tokenize(text: string): Token[] | undefined {
    const tokens: Token[] = [];
    let i = 0;
    const push = (kind: Token['kind'], end: number) => {
        const lineStart = i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
        tokens.push({ kind, text: text.slice(i, end), start: i, lineStart });
        i = end;
    };
    const match = (regex: RegExp) => {
        regex.lastIndex = i;
        return regex.exec(text)?.[0];
    };
    while (i < text.length) {
        const c = text[i];
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
            i++;
            continue;
        }
        if (c === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            if (end < 0) return undefined;
            i = end + 1;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0) return undefined;
            i = end + 2;
            continue;
        }
        if (c === '"') {
            if (text.startsWith('"""', i)) {
                const end = text.indexOf('"""', i + 3);
                if (end < 0) return undefined;
                push('string', end + 3);
                continue;
            }
            let j = i + 1;
            while (j < text.length && text[j] !== '"' && text[j] !== '\n' && text[j] !== '\r') j += text[j] === '\\' ? 2 : 1;
            if (j >= text.length) return undefined;
            push('string', text[j] === '"' ? j + 1 : j);
            continue;
        }
        const word = match(WORD);
        if (word) {
            push('word', i + word.length);
            continue;
        }
        const date = match(DATE);
        if (date) {
            push('date', i + date.length);
            continue;
        }
        if (!(c === '-' && text[i + 1] === '>')) {
            const number = match(NUMBER);
            if (number) {
                push('number', i + number.length);
                continue;
            }
        }
        const punct = match(PUNCT);
        push('punct', i + (punct ? punct.length : 1));
    }
    return tokens;
}

/** What may be written at `offset` in `text`. */
export function completionContext(text: string, offset: number): CompletionContextResult {
    const before = text.slice(0, offset);
    const typed = PREFIX.exec(before);
    // A name glued to a digit is part of a number or date being typed, not a name.
    const prefix = typed && !/[\d]$/.test(before.slice(0, typed.index)) ? typed[0] : '';
    const prefixStart = offset - prefix.length;
    const tokens = tokenize(text.slice(0, prefixStart));
    if (!tokens) return { site: NONE, prefix, prefixStart };
    return { site: new SiteReader(tokens).read(), prefix, prefixStart };
}

/** Thrown when the reader reaches the cursor: what it expected there. */
class AtCursor {
    constructor(readonly site: Site) {}
}

const all = (...sites: Site[]): Site => ({ kind: 'all', sites });
const keywords = (...words: string[]): Site => ({ kind: 'keywords', words });

class SiteReader {
    protected i = 0;

    constructor(protected readonly tokens: Token[]) {}

    read(): Site {
        try {
            this.file();
        } catch (error) {
            if (error instanceof AtCursor) return error.site;
            throw error;
        }
        return NONE;
    }

    /** The next token, or the cursor: then `site` is what could be written there. */
    protected at(site: Site): Token {
        const token = this.tokens[this.i];
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a control-flow signal, not an error
        if (!token) throw new AtCursor(site);
        return token;
    }

    protected take(site: Site): Token {
        const token = this.at(site);
        this.i++;
        return token;
    }

    /** Takes the next token if it is `text`; `site` is what could come at the cursor instead. */
    protected accept(text: string, site: Site): boolean {
        if (this.at(site).text !== text) return false;
        this.i++;
        return true;
    }

    protected peek(ahead = 0): Token | undefined {
        return this.tokens[this.i + ahead];
    }

    /** The token that starts a body's next member; undefined where the body ends, at its `}` (consumed) or at a top-level declaration. */
    protected memberAt(site: Site): Token | undefined {
        const token = this.at(site);
        if (token.text === '}') {
            this.i++;
            return undefined;
        }
        return this.startsTopLevel(token) ? undefined : token;
    }

    /** A top-level keyword at the start of a line: an unclosed body above has ended, as far as completion cares. */
    protected startsTopLevel(token: Token): boolean {
        return token.lineStart && TOP_KEYWORDS.has(token.text) && token.text !== 'type'
            ? true
            : token.lineStart && token.text === 'type' && this.peek(1)?.kind === 'word' && this.peek(2)?.text !== ':' && this.peek(2)?.text !== '->';
    }

    protected file(): void {
        let sawPackage = false;
        let sawElement = false;
        for (;;) {
            const token = this.at({ kind: 'top', package: !sawPackage && !sawElement, import: !sawElement });
            if (token.text === 'package' && !sawElement) {
                this.i++;
                sawPackage = true;
                this.take({ kind: 'package' });
            } else if (token.text === 'import' && !sawElement) {
                this.i++;
                this.take({ kind: 'import' });
            } else {
                sawElement = true;
                this.topElement();
            }
        }
    }

    protected topElement(): void {
        const token = this.take(NONE);
        switch (token.text) {
            case 'type':
                return this.typeDecl();
            case 'enum':
                return this.enumDecl();
            case 'link':
                return this.linkDecl();
            case 'view':
                return this.viewDecl();
            case 'rule':
                return this.ruleDecl();
            case 'query':
                return this.queryDecl();
            case 'settings':
                return this.settingsDecl();
        }
        if (token.kind === 'word') this.object(token, []);
        else if (token.text === '{') this.skipBlock();
    }

    /** Skips to the `}` closing a block whose `{` was just taken. */
    protected skipBlock(): void {
        let depth = 1;
        while (depth > 0) {
            const token = this.take(NONE);
            if (token.text === '{') depth++;
            else if (token.text === '}') depth--;
        }
    }

    protected title(site: Site): void {
        if (this.at(site).kind === 'string') this.i++;
    }

    // ---- Declarations -------------------------------------------------------------------------------

    protected typeDecl(): void {
        if (this.take(NONE).kind !== 'word') return;
        const after = keywords('extends');
        if (this.accept('extends', after)) this.take({ kind: 'types' });
        this.title(NONE);
        if (!this.accept('{', NONE)) return;
        for (;;) {
            const token = this.memberAt(keywords('inherited'));
            if (!token) return;
            if (token.text === 'inherited') {
                this.i++;
                continue;
            }
            if (token.kind === 'word' && (this.peek(1)?.text === ':' || this.peek(1)?.text === '?')) {
                this.fieldDecl();
                continue;
            }
            this.i++;
        }
    }

    /** `name?: type = default "title"` (the name is taken by the caller's look-ahead). */
    protected fieldDecl(): void {
        this.i++;
        this.accept('?', NONE);
        if (!this.accept(':', NONE)) return;
        const type = this.take({ kind: 'field-type' });
        if (type.kind !== 'word') return;
        if (this.accept('[', NONE)) this.accept(']', NONE);
        if (this.accept('=', NONE)) this.value({ kind: 'default-value', fieldType: type.text });
        this.title(NONE);
        this.accept(',', NONE);
    }

    protected enumDecl(): void {
        if (this.take(NONE).kind !== 'word') return;
        this.accept('ordered', keywords('ordered'));
        this.title(NONE);
        if (!this.accept('{', NONE)) return;
        for (;;) {
            const token = this.take(NONE);
            if (token.text === '}') return;
        }
    }

    protected linkDecl(): void {
        if (this.take(NONE).kind !== 'word') return;
        if (!this.accept('from', keywords('from'))) return;
        this.typeList(keywords('to'));
        if (!this.accept('to', keywords('to'))) return;
        this.typeList(NONE);
        this.title(NONE);
        if (!this.accept('{', NONE)) return;
        for (;;) {
            const token = this.memberAt(keywords('inverse', ...LINK_FLAGS));
            if (!token) return;
            if (token.text === 'inverse') {
                this.i++;
                this.take(NONE);
                this.title(NONE);
            } else if (token.kind === 'word' && (this.peek(1)?.text === ':' || this.peek(1)?.text === '?')) {
                this.fieldDecl();
            } else {
                this.i++;
            }
            this.accept(',', NONE);
        }
    }

    protected typeList(then: Site): void {
        this.take({ kind: 'types' });
        while (this.accept(',', then)) this.take({ kind: 'types' });
    }

    // ---- Objects --------------------------------------------------------------------------------------

    /** An object whose type was just taken. */
    protected object(type: Token, parents: ObjectFrame[]): void {
        const name = this.take(NONE);
        if (name.kind !== 'word') return;
        const after = parents.length > 0 ? this.memberSite(parents, []) : NONE;
        this.title(after);
        if (!this.accept('{', after)) return;
        this.objectBody([...parents, { type: type.text, name: name.text }]);
    }

    protected memberSite(objects: ObjectFrame[], present: string[]): Site {
        return { kind: 'member', objects, present: [...present] };
    }

    protected objectBody(objects: ObjectFrame[]): void {
        const present: string[] = [];
        for (;;) {
            const site = this.memberSite(objects, present);
            const token = this.memberAt(site);
            if (!token) return;
            if (token.kind !== 'word') {
                this.i++;
                continue;
            }
            const next = this.peek(1);
            if (token.text === 'allow' && next?.text !== ':' && next?.text !== '->') {
                this.i++;
                this.take({ kind: 'codes' });
                if (this.accept('because', keywords('because'))) this.title(NONE);
                continue;
            }
            // `status ` with the cursor after it: a `:`, `->` or a nested object's name comes next.
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- a control-flow signal, not an error
            if (!next) throw new AtCursor(NONE);
            if (next.text === ':') {
                this.i += 2;
                present.push(token.text);
                this.value({ kind: 'value', objects, field: token.text });
                this.accept(',', this.memberSite(objects, present));
            } else if (next.text === '->') {
                this.i += 2;
                present.push(token.text);
                this.linkTargets(objects, token.text);
            } else if (next.kind === 'word') {
                this.i++;
                this.object(token, objects);
            } else {
                this.i++;
            }
        }
    }

    protected linkTargets(objects: ObjectFrame[], link: string): void {
        const targets: string[] = [];
        for (;;) {
            const target = this.take({ kind: 'target', objects, link, present: targets });
            if (target.kind !== 'word') {
                this.i--;
                return;
            }
            targets.push(target.text);
            const after = this.memberSite(objects, []);
            if (this.accept('{', after)) this.metadata(objects, link);
            if (!this.accept(',', after)) return;
        }
    }

    protected metadata(objects: ObjectFrame[], link: string): void {
        const present: string[] = [];
        for (;;) {
            const token = this.at({ kind: 'meta-key', objects, link, present: [...present] });
            if (token.text === '}') {
                this.i++;
                return;
            }
            if (token.kind === 'word' && this.peek(1)?.text === ':') {
                this.i += 2;
                present.push(token.text);
                this.value({ kind: 'meta-value', objects, link, key: token.text });
                this.accept(',', { kind: 'meta-key', objects, link, present: [...present] });
            } else {
                this.i++;
            }
        }
    }

    /** A value, or a list of them; `site` is what a value could be at the cursor. */
    protected value(site: Site): void {
        const token = this.at(site);
        if (token.text === '[') {
            this.i++;
            for (;;) {
                const item = this.at(site);
                if (item.text === ']') {
                    this.i++;
                    return;
                }
                if (item.text === '}' || this.startsTopLevel(item)) return;
                this.i++;
            }
        }
        if (token.kind !== 'punct') this.i++;
    }

    // ---- Views, rules, queries, settings ------------------------------------------------------------

    protected viewDecl(): void {
        if (this.take(NONE).kind !== 'word') return;
        const header = keywords('extends');
        this.title(header);
        if (this.accept('extends', header)) this.take({ kind: 'views' });
        this.title(NONE);
        if (!this.accept('{', NONE)) return;
        const body = keywords('audience', 'layout', 'links', 'include', 'exclude');
        for (;;) {
            const token = this.memberAt(body);
            if (!token) return;
            this.i++;
            if (token.text === 'audience') {
                if (this.accept(':', NONE)) this.take(NONE);
            } else if (token.text === 'layout') {
                if (this.accept(':', NONE)) this.take(keywords(...DIRECTIONS));
            } else if (token.text === 'links') {
                if (this.accept(':', NONE)) {
                    this.take({ kind: 'link-kinds' });
                    while (this.accept(',', body)) this.take({ kind: 'link-kinds' });
                }
            } else if (token.text === 'include' || token.text === 'exclude') {
                this.selectors(body);
            }
        }
    }

    protected ruleDecl(): void {
        if (this.take(NONE).kind !== 'word') return;
        this.title(NONE);
        if (!this.accept('{', NONE)) return;
        const body = keywords('severity', 'for', 'require', 'message');
        let heads: string[] | undefined = [];
        for (;;) {
            const token = this.memberAt(body);
            if (!token) return;
            this.i++;
            if (token.text === 'severity') {
                if (this.accept(':', NONE)) this.take(keywords(...LEVELS));
            } else if (token.text === 'for') {
                const found = this.selectors(body);
                heads = heads && found ? [...heads, ...found] : undefined;
            } else if (token.text === 'require') {
                this.condition(heads && heads.length > 0 ? heads : undefined, body);
            } else if (token.text === 'message') {
                if (this.accept(':', NONE)) this.title(NONE);
            }
        }
    }

    protected queryDecl(): void {
        if (this.take(NONE).kind !== 'word') return;
        this.title(NONE);
        if (!this.accept('{', NONE)) return;
        const body = keywords('include', 'exclude', 'columns', 'group-by', 'sum');
        let heads: string[] | undefined = [];
        for (;;) {
            const token = this.memberAt(body);
            if (!token) return;
            this.i++;
            if (token.text === 'include' || token.text === 'exclude') {
                const found = this.selectors(body);
                if (token.text === 'include') heads = heads && found ? [...heads, ...found] : undefined;
            } else if (token.text === 'columns' || token.text === 'sum') {
                if (!this.accept(':', NONE)) continue;
                // `sum:` totals number fields only.
                const fields: Site = { kind: 'fields', heads: heads?.length ? heads : undefined, numbers: token.text === 'sum' };
                this.take(fields);
                while (this.accept(',', body)) this.take(fields);
            } else if (token.text === 'group-by') {
                if (this.accept(':', NONE)) this.take({ kind: 'fields', heads: heads?.length ? heads : undefined });
            }
        }
    }

    protected settingsDecl(): void {
        if (!this.accept('{', NONE)) return;
        const body = keywords('severity');
        for (;;) {
            const token = this.memberAt(body);
            if (!token) return;
            this.i++;
            if (token.text === 'severity') {
                this.take({ kind: 'codes' });
                if (this.accept(':', NONE)) this.take(keywords(...LEVELS));
                this.accept(',', body);
            }
        }
    }

    // ---- Selectors and conditions -------------------------------------------------------------------

    /** A comma-separated list of selectors; their heads (undefined if one is `*`). */
    protected selectors(body: Site): string[] | undefined {
        let heads: string[] | undefined = [];
        for (;;) {
            const head = this.selector(body);
            heads = heads && head ? [...heads, head] : undefined;
            if (!this.accept(',', body)) return heads;
        }
    }

    /** One selector; its head as written, undefined for `*`. */
    protected selector(body: Site): string | undefined {
        const first = this.at({ kind: 'selectable', star: true });
        let head: string | undefined;
        if (first.text === '*') this.i++;
        else if (first.kind === 'word') {
            this.i++;
            head = first.text;
        } else return undefined;
        const more = () => all(keywords('where', 'linked'), body);
        if (head && (this.at(more()).text === '.*' || this.at(more()).text === '.**')) this.i++;
        for (;;) {
            const token = this.at(more());
            if (token.text === 'linked') {
                this.i++;
                if (!this.accept('to', keywords('to'))) return head;
                this.take({ kind: 'objects' });
                const around = () => all(keywords('via', 'depth', 'where'), body);
                if (this.accept('via', around())) {
                    if (this.accept('[', { kind: 'all', sites: [{ kind: 'link-kinds' }, keywords('[')] })) {
                        while (!this.accept(']', { kind: 'link-kinds' })) this.i++;
                    } else {
                        this.take({ kind: 'link-kinds' });
                    }
                }
                if (this.accept('depth', around())) this.take(NONE);
            } else if (token.text === '~>') {
                this.i++;
                this.take({ kind: 'selectable', star: false });
            } else if (token.text === 'where') {
                this.i++;
                this.condition(head ? [head] : undefined, body);
            } else {
                return head;
            }
        }
    }

    protected condition(heads: string[] | undefined, body: Site): void {
        for (;;) {
            this.notCondition(heads, body);
            const token = this.at(all(keywords('and', 'or'), body));
            if (token.text !== 'and' && token.text !== 'or') return;
            this.i++;
        }
    }

    protected notCondition(heads: string[] | undefined, body: Site): void {
        const start: Site = { kind: 'condition', heads };
        const token = this.at(start);
        if (token.text === 'not') {
            this.i++;
            return this.notCondition(heads, body);
        }
        if (token.text === '(') {
            this.i++;
            this.condition(heads, body);
            this.accept(')', NONE);
            return;
        }
        if (token.text === 'has' && this.peek(1)?.text !== '=' && this.peek(1)?.text !== '->') {
            this.i++;
            this.take({ kind: 'fields', heads });
            return;
        }
        if (token.text === 'count' && this.peek(1)?.text === '(') {
            this.i += 2;
            const kind = this.take({ kind: 'link-kinds' });
            if (this.accept('->', NONE)) this.pathTarget({ kind: 'condition-target', heads, link: kind.text });
            this.accept(')', NONE);
            if (OPERATORS.has(this.at(NONE).text)) {
                this.i++;
                this.take(NONE);
            }
            return;
        }
        if (token.text === '~>' || token.text === '<~') {
            this.i++;
            this.pathTarget({ kind: 'selectable', star: true });
            return;
        }
        if (token.kind !== 'word') return;
        this.i++;
        const operator = this.at(NONE);
        if (operator.text === '->' || operator.text === '~>') {
            this.i++;
            this.pathTarget({ kind: 'condition-target', heads, link: token.text });
        } else if (OPERATORS.has(operator.text) || operator.text === 'in') {
            this.i++;
            this.value({ kind: 'condition-value', heads, field: token.text });
        }
    }

    protected pathTarget(site: Site): void {
        const token = this.take(site);
        if (token.text === '(') {
            this.selector(NONE);
            this.accept(')', NONE);
        }
    }
}
