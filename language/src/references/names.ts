import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import {
    isEnumDecl,
    isLinkDecl,
    isLinkInverse,
    isPomFile,
    isPomObject,
    isQueryDecl,
    isRuleDecl,
    isTypeDecl,
    isViewDecl,
    type EnumDecl,
    type LinkDecl,
    type LinkInverse,
    type PomFile,
    type PomObject,
    type QueryDecl,
    type RuleDecl,
    type TypeDecl,
    type ViewDecl,
} from '../generated/langium/ast.js';

/** The package every file sees without importing it. */
export const STD_PACKAGE = 'std';

/** A declaration or object that has a workspace-wide id. */
export type Identified = PomObject | TypeDecl | EnumDecl | LinkDecl | LinkInverse | ViewDecl | RuleDecl | QueryDecl;

export function joinName(prefix: string, name: string): string {
    return prefix ? `${prefix}.${name}` : name;
}

/** The text of a (possibly qualified) reference, without whitespace or comments between its segments. */
export function normalizeReference(text: string): string {
    if (isPlainName(text) || !/[\s/]/.test(text)) return text;
    return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n\r]*|\s+/g, '');
}

/**
 * Whether `text` has only letters, digits, dots, dashes and underscores, as almost every reference has: then it has
 * no white space or comment to remove. A loop over its characters, as the regular expression's test allocated on
 * every call (6 MB for the 100k references of a 10k-object workspace).
 */
function isPlainName(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const plain =
            (c >= 97 && c <= 122) /* a-z */ ||
            (c >= 65 && c <= 90) /* A-Z */ ||
            (c >= 48 && c <= 57) /* 0-9 */ ||
            c === 45 /* - */ ||
            c === 46 /* . */ ||
            c === 95; /* _ */
        if (!plain) return false;
    }
    return true;
}

const packageCache = new WeakMap<PomFile, string>();

export function packageOf(node: AstNode): string {
    const root = AstUtils.findRootNode(node);
    if (!isPomFile(root)) return '';
    let pkg = packageCache.get(root);
    if (pkg === undefined) packageCache.set(root, (pkg = normalizeReference(root.package ?? '')));
    return pkg;
}

/** The object that contains this node, if it is nested in one. */
export function containerObject(node: AstNode): PomObject | undefined {
    return AstUtils.getContainerOfType(node.$container, isPomObject);
}

/**
 * The id of an object or declaration: `package.path.name`. Nested objects include the names of their
 * containers; a link's inverse name is an id of its own in the link's package.
 */
const idCache = new WeakMap<Identified, string | null>();

export function qualifiedName(node: Identified): string | undefined {
    // One look-up per call (null remembers "no id"): the graph builder and the checks ask for ids often.
    const cached = idCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const id = computeQualifiedName(node);
    idCache.set(node, id ?? null);
    return id;
}

/**
 * Tells qualifiedName the id of a node whose id was just worked out the same way (the exports, one string per id
 * instead of two, and no second concatenation).
 */
export function knownQualifiedName(node: Identified, id: string): void {
    idCache.set(node, id);
}

function computeQualifiedName(node: Identified): string | undefined {
    if (!node.name) return undefined;
    if (isPomObject(node)) {
        const parent = containerObject(node);
        if (parent) {
            const parentName = qualifiedName(parent);
            return parentName === undefined ? undefined : `${parentName}.${node.name}`;
        }
    }
    return joinName(packageOf(node), node.name);
}

export function isIdentified(node: AstNode): node is Identified {
    return (
        isPomObject(node) ||
        isTypeDecl(node) ||
        isEnumDecl(node) ||
        isLinkDecl(node) ||
        isLinkInverse(node) ||
        isViewDecl(node) ||
        isRuleDecl(node) ||
        isQueryDecl(node)
    );
}

export function fileOf(node: AstNode): PomFile | undefined {
    const root = AstUtils.findRootNode(node);
    return isPomFile(root) ? root : undefined;
}
