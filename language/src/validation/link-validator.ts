import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isLinkInverse, type LinkStatement, type PomAstType, type TypeDecl } from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { listWords } from '../util/suggest.js';
import { IssueCodes } from '../diagnostics/codes.js';

/** Links: the ends the declaration allows, required metadata, no repeats within a statement. */
export class LinkValidator {
    protected readonly types: PomTypeSystem;

    constructor(services: PomServices) {
        this.types = services.model.TypeSystem;
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
        const sources = decl.sources.map(s => s.ref);
        const targets = decl.targets.map(t => t.ref);
        const hereAllowed = inverse ? targets : sources;
        const thereAllowed = inverse ? sources : targets;

        if (!this.accepts(hereAllowed, hereType)) {
            accept('error', `'${written}' links ${inverse ? 'to' : 'from'} ${this.names(hereAllowed)}; '${here.name}' is ${article(hereType.name)}.`, {
                node: statement,
                property: 'kind',
                code: IssueCodes.LinkNotAllowed,
            });
        }
        for (const target of statement.targets) {
            const object = target.target?.ref;
            if (!object) continue;
            const key = target.target.$refText;
            // A self-link of an acyclic kind is reported as a cycle.
            if (object === here && !decl.flags.includes('acyclic')) {
                accept('warning', `'${here.name}' links to itself with '${written}'.`, { node: target, property: 'target', code: IssueCodes.SelfLink });
            }
            const targetType = object.type?.ref;
            if (targetType && !this.accepts(thereAllowed, targetType)) {
                accept('error', `'${written}' links ${inverse ? 'from' : 'to'} ${this.names(thereAllowed)}; '${key}' is ${article(targetType.name)}.`, {
                    node: target,
                    property: 'target',
                    code: IssueCodes.LinkNotAllowed,
                });
            }
            const given = new Set<string>();
            for (const entry of target.entries) {
                const name = entry.key?.$refText;
                if (given.has(name)) {
                    accept('error', `Metadata '${name}' is given twice; keep one.`, { node: entry, property: 'key', code: IssueCodes.DuplicateField });
                }
                given.add(name);
            }
            const missing = decl.metadata.filter(m => !m.optional && !m.default && m.name && !given.has(m.name));
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
    };

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

export function article(word: string): string {
    return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
