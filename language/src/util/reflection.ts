import { GrammarAST, type AstReflection } from 'langium';
import { reflection as pomReflection } from '../generated/langium/ast.js';

/** The caches and metadata of Langium's AbstractAstReflection that isSubtype reads (protected in its declarations). */
interface SubtypeCaches {
    subtypes: Record<string, Record<string, boolean | undefined> | undefined>;
    types: Record<string, { superTypes: string[] } | undefined>;
    isSubtype(subtype: string, supertype: string): boolean;
}

/**
 * Langium's AbstractAstReflection.isSubtype (langium 4.4), with the same cache, but without the closure it hands to
 * `superTypes.some`: that closure shares the arguments with the function, so V8 made a context for them on every
 * call, cached or not. Every `isKeyword`, `isPomObject`, ... of a type that is not the one asked about is such a call:
 * the parser asks several per token, validation and the graph per node (37 MB of a 10k-object check's 290 MB).
 */
function isSubtype(this: SubtypeCaches, subtype: string, supertype: string): boolean {
    if (subtype === supertype) return true;
    let nested = this.subtypes[subtype];
    if (!nested) nested = this.subtypes[subtype] = {};
    const existing = nested[supertype];
    if (existing !== undefined) return existing;
    const superTypes = this.types[subtype]?.superTypes;
    let result = false;
    if (superTypes) for (let i = 0; i < superTypes.length && !result; i++) result = this.isSubtype(superTypes[i], supertype);
    nested[supertype] = result;
    return result;
}

/**
 * Gives the services' reflection, Langium's grammar reflection (`GrammarAST.isKeyword`, ...) and pom's generated one
 * (`isPomObject`, ...) the isSubtype above. The same answers: only how they are computed changes.
 */
export function answerSubtypesWithoutClosures(services: AstReflection): void {
    for (const reflection of [services, GrammarAST.reflection, pomReflection]) (reflection as unknown as SubtypeCaches).isSubtype = isSubtype;
}
