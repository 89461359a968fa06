/**
 * The one ordering of ids, names, titles and paths: by UTF-16 code unit, like `Array.prototype.sort()` without a
 * comparator. Never `localeCompare`, whose answer depends on the machine's locale: output must not.
 */
export function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
