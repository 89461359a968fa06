/**
 * Text from the user's files (or from whatever a data file turned out to be) quoted inside a message: at most
 * `max` characters, on one line, with control characters shown as escapes so that nothing in it can move the
 * cursor, recolour a terminal or forge another diagnostic line.
 */
export function excerpt(text: string, max = 60): string {
    const cut = text.length > max ? text.slice(0, max) : text;
    return escapeControls(cut) + (text.length > max ? '…' : '');
}

/** Control characters (C0, DEL, C1, line and paragraph separators, bidi overrides) as visible escapes: \n, \t, \x1b, \u202e. */
export function escapeControls(text: string): string {
    // Fast path: most messages hold none.
    if (!CONTROL.test(text)) return text;
    return text.replace(
        CONTROL_ALL,
        ch =>
            ESCAPES[ch] ??
            (ch.charCodeAt(0) <= 0xff ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
