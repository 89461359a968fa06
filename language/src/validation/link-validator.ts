import { WorkspaceCache, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isLinkInverse,
    type FieldDecl,
    type LinkDecl,
    type LinkStatement,
    type LinkTarget,
    type MetaEntry,
    type PomAstType,
    type TypeDecl,
} from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { listWords } from '../util/suggest.js';
import { IssueCodes } from '../diagnostics/codes.js';

interface LinkEnds {
    sources: Array<TypeDecl | undefined>;
    targets: Array<TypeDecl | undefined>;
    /** The metadata each link must give (neither optional nor defaulted). */
    required: FieldDecl[];
    acyclic: boolean;
    /** accepts' answers per type, for the sources and the targets: most links join the same few types. */
    sourceTypes: Map<TypeDecl, boolean>;
    targetTypes: Map<TypeDecl, boolean>;
}

/** Links: the ends the declaration allows, required metadata, no repeats within a statement. */
export class LinkValidator {
    protected readonly types: PomTypeSystem;
    /** Per workspace state: a relinked declaration may name other types. */
    protected readonly endsByDecl: WorkspaceCache<LinkDecl, LinkEnds>;

    constructor(services: PomServices) {
        this.types = services.model.TypeSystem;
        this.endsByDecl = new WorkspaceCache(services.shared);
    }

    checks(): ValidationChecks<PomAstType> {
        return { LinkStatement: this.checkLinkStatement };
    }

    checkLinkStatement = (statement: LinkStatement, accept: ValidationAcceptor): void => {
        const kind = statement.kind?.ref;
        const decl = this.types.linkDecl(kind);
        const here = statement.$container;
        const hereType = here.type?.ref;
        if (!kind || !decl || !hereType) return;
        const inverse = isLinkInverse(kind);
        const written = kind.name;
        const ends = this.ends(decl);
        const { sources, targets, required } = ends;
        const hereAllowed = inverse ? targets : sources;
        const thereAllowed = inverse ? sources : targets;
        const hereAccepted = inverse ? ends.targetTypes : ends.sourceTypes;
        const thereAccepted = inverse ? ends.sourceTypes : ends.targetTypes;

        if (!this.acceptsCached(hereAllowed, hereType, hereAccepted)) {
            accept('error', `'${written}' links ${inverse ? 'to' : 'from'} ${this.names(hereAllowed)}; '${here.name}' is ${article(hereType.name)}.`, {
                node: statement,
                property: 'kind',
                code: IssueCodes.LinkNotAllowed,
            });
        }
        const statementTargets = statement.targets;
        for (let i = 0; i < statementTargets.length; i++) {
            const target = statementTargets[i];
            const object = target.target?.ref;
            if (!object) continue;
            const key = target.target.$refText;
            // A self-link of an acyclic kind is reported as a cycle.
            if (object === here && !ends.acyclic) {
                accept('warning', `'${here.name}' links to itself with '${written}'.`, { node: target, property: 'target', code: IssueCodes.SelfLink });
            }
            const targetType = object.type?.ref;
            if (targetType && !this.acceptsCached(thereAllowed, targetType, thereAccepted)) {
                accept('error', `'${written}' links ${inverse ? 'from' : 'to'} ${this.names(thereAllowed)}; '${key}' is ${article(targetType.name)}.`, {
                    node: target,
                    property: 'target',
                    code: IssueCodes.LinkNotAllowed,
                });
            }
            // Most links carry no metadata, and most kinds require none: then nothing is made for them.
            if (target.entries.length === 0 && required.length === 0) continue;
            // Entries are few: a repeat is looked for among the earlier ones, and a required field among all, without a set.
            const entries = target.entries;
            for (let i = 1; i < entries.length; i++) {
                const name = entries[i].key?.$refText;
                if (givesKey(entries, i, name)) {
                    accept('error', `Metadata '${name}' is given twice; keep one.`, { node: entries[i], property: 'key', code: IssueCodes.DuplicateField });
                }
            }
            if (required.length > 0) this.checkRequired(target, required, written, key, accept);
        }
    };

    /**
     * The metadata the link must give and does not. Apart from checkLinkStatement: closures in its loop would make it
     * allocate, for every link written, the variables they share.
     */
    protected checkRequired(target: LinkTarget, required: readonly FieldDecl[], written: string, key: string, accept: ValidationAcceptor): void {
        const entries = target.entries;
        const missing = required.filter(m => !givesKey(entries, entries.length, m.name));
        if (missing.length > 0) {
            const example = missing.map(m => `${m.name}: …`).join(', ');
            accept(
                'error',
                `'${written}' needs ${listWords(
                    missing.map(m => `'${m.name}' (${this.types.describeType(m)})`),
                    'and',
                )}: ` + `write ${written} -> ${key} { ${example} }.`,
                { node: target, property: 'target', code: IssueCodes.MissingMetadata, data: { fields: missing.map(m => m.name) } },
            );
        }
    }

    /** The declaration's ends and the metadata a link must give, read once per declaration rather than once per link written. */
    protected ends(decl: LinkDecl): LinkEnds {
        let ends = this.endsByDecl.get(decl);
        if (ends === undefined) {
            ends = {
                sources: decl.sources.map(s => s.ref),
                targets: decl.targets.map(t => t.ref),
                required: decl.metadata.filter(m => !m.optional && !m.default && m.name),
                acyclic: decl.flags.includes('acyclic'),
                sourceTypes: new Map(),
                targetTypes: new Map(),
            };
            this.endsByDecl.set(decl, ends);
        }
        return ends;
    }

    /** accepts, remembered per declaration end (the cache lives as long as the ends, one workspace state). */
    protected acceptsCached(allowed: Array<TypeDecl | undefined>, type: TypeDecl, answers: Map<TypeDecl, boolean>): boolean {
        let answer = answers.get(type);
        if (answer === undefined) answers.set(type, (answer = this.accepts(allowed, type)));
        return answer;
    }

    protected accepts(allowed: Array<TypeDecl | undefined>, type: TypeDecl): boolean {
        // A declaration with an unresolved end is reported there; do not pile errors on its uses.
        if (allowed.some(a => a === undefined)) return true;
        if (this.types.ancestors(type).at(-1) !== this.types.rootType()) return true;
        return allowed.some(a => this.types.isSubtype(type, a!));
    }

    protected names(allowed: Array<TypeDecl | undefined>): string {
        return listWords(allowed.map(a => a?.name ?? '?'));
    }
}

/** Whether one of the first `end` entries gives the key written `name` (compared as the set of names did). */
function givesKey(entries: readonly MetaEntry[], end: number, name: string): boolean {
    for (let i = 0; i < end; i++) if (entries[i].key?.$refText === name) return true;
    return false;
}

export function article(word: string): string {
    return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
