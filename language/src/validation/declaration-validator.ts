import { AstUtils, type AstNode, type AstNodeDescription, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { type EnumDecl, type FieldDecl, type Import, type LinkDecl, type PomAstType, type PomFile, type TypeDecl } from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomTypeSystem } from '../model/type-system.js';
import type { Namespace, PomIndexProvider } from '../references/pom-index.js';
import { STD_PACKAGE, normalizeReference, qualifiedName, type Identified } from '../references/names.js';
import { isStdlibUri } from '../workspace/stdlib.js';
import type { PomPaths } from '../workspace/paths.js';
import { didYouMean } from '../util/suggest.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { checkValue } from './values.js';

/** How many other places a duplicate-id diagnostic names; the rest are counted. */
export const MAX_RELATED_LOCATIONS = 3;

/** Declarations (types, enums, links, fields), imports, packages, and ids unique across the workspace. */
export class DeclarationValidator {
    protected readonly types: PomTypeSystem;
    protected readonly indexProvider: PomIndexProvider;
    protected readonly paths: PomPaths;

    constructor(services: PomServices) {
        this.types = services.model.TypeSystem;
        this.indexProvider = services.references.PomIndex;
        this.paths = services.workspace.Paths;
    }

    checks(): ValidationChecks<PomAstType> {
        return {
            PomFile: this.checkPackage,
            Import: this.checkImport,
            TypeDecl: [this.checkTypeCycle, this.checkTypeFields, this.checkUniqueId],
            EnumDecl: [this.checkEnumMembers, this.checkUniqueId],
            LinkDecl: [this.checkLinkDecl, this.checkUniqueId],
            LinkInverse: this.checkUniqueId,
            PomObject: this.checkUniqueId,
            ViewDecl: this.checkUniqueId,
            RuleDecl: this.checkUniqueId,
            QueryDecl: this.checkUniqueId,
            FieldDecl: this.checkDefault,
        };
    }

    checkPackage = (file: PomFile, accept: ValidationAcceptor): void => {
        const pkg = normalizeReference(file.package ?? '');
        if ((pkg === STD_PACKAGE || pkg.startsWith(STD_PACKAGE + '.')) && !isStdlibUri(AstUtils.getDocument(file).uri)) {
            accept('error', `The package '${STD_PACKAGE}' is the standard library's; choose another package name (your organisation's, say).`, {
                node: file,
                property: 'package',
                code: IssueCodes.ReservedPackage,
            });
        }
    };

    checkImport = (declaration: Import, accept: ValidationAcceptor): void => {
        const target = normalizeReference(declaration.target ?? '');
        if (!target) return;
        const index = this.indexProvider.index;
        const known = index.packages.has(target) || (['object', 'type', 'enum', 'link'] as Namespace[]).some(ns => index.get(ns, target));
        if (!known) {
            accept('error', `No package or object '${target}' to import.${didYouMean(target, index.packages)}`, {
                node: declaration,
                property: 'target',
                code: IssueCodes.UnknownImport,
            });
        }
    };

    checkUniqueId = (node: Identified, accept: ValidationAcceptor): void => {
        const namespace: Namespace =
            node.$type === 'PomObject'
                ? 'object'
                : node.$type === 'TypeDecl'
                  ? 'type'
                  : node.$type === 'EnumDecl'
                    ? 'enum'
                    : node.$type === 'ViewDecl'
                      ? 'view'
                      : node.$type === 'RuleDecl'
                        ? 'rule'
                        : node.$type === 'QueryDecl'
                          ? 'query'
                          : 'link';
        // Most workspaces define every id once: then no object's or declaration's id is worked out and looked up.
        const index = this.indexProvider.index;
        if (!index.hasDuplicates(namespace)) return;
        const id = qualifiedName(node);
        if (!id) return;
        const all = index.all(namespace, id);
        if (all.length >= 2) this.reportDuplicate(node, id, all, accept);
    };

    /** The diagnostic of a duplicate id. Apart from checkUniqueId: its closures would make every call allocate. */
    protected reportDuplicate(node: Identified, id: string, all: readonly AstNodeDescription[], accept: ValidationAcceptor): void {
        // Not the node itself, nor its container or a child of it (reported on their own).
        const isOther = (d: AstNodeDescription) => d.node !== node && d.node?.$container !== node && node.$container !== d.node;
        // Thousands of duplicates must not make each diagnostic list all the others (quadratic in time and size):
        // name the first few and count the rest.
        const shown: AstNodeDescription[] = [];
        for (const d of all) {
            if (isOther(d)) shown.push(d);
            if (shown.length === MAX_RELATED_LOCATIONS) break;
        }
        if (shown.length === 0) return;
        // Every declaration of this id in this namespace is in `all`: count the excluded ones without a pass over it.
        const sameId = (other: AstNode | undefined) => other !== undefined && other.$type === node.$type && qualifiedName(other as Identified) === id;
        let excluded = 1;
        if (sameId(node.$container)) excluded++;
        for (const child of AstUtils.streamContents(node)) if (sameId(child)) excluded++;
        const more = all.length - excluded - shown.length;
        const where = shown.map(d => {
            const start = d.nameSegment?.range.start;
            return `${this.paths.display(d.documentUri)}:${(start?.line ?? 0) + 1}:${(start?.character ?? 0) + 1}`;
        });
        const rest = more > 0 ? ` and ${more} more place${more === 1 ? '' : 's'}` : '';
        accept('error', `Duplicate id '${id}': also defined at ${where.join(', ')}${rest}. Rename one of them.`, {
            node,
            property: 'name',
            code: IssueCodes.DuplicateId,
            relatedInformation: shown
                .filter(d => d.nameSegment)
                .map(d => ({
                    location: { uri: d.documentUri.toString(), range: d.nameSegment!.range },
                    message: `'${id}' is also defined here`,
                })),
        });
    }

    checkTypeCycle = (type: TypeDecl, accept: ValidationAcceptor): void => {
        const seen: TypeDecl[] = [type];
        for (let current = type.superType?.ref; current; current = current.superType?.ref) {
            if (current === type) {
                accept('error', `Type '${type.name}' extends itself: ${[...seen, type].map(t => t.name).join(' → ')}.`, {
                    node: type,
                    property: 'superType',
                    code: IssueCodes.TypeCycle,
                });
                return;
            }
            if (seen.includes(current)) return; // a cycle further up, reported on its own members
            seen.push(current);
        }
    };

    checkTypeFields = (type: TypeDecl, accept: ValidationAcceptor): void => {
        this.checkUniqueNames(type.fields, 'field', accept);
        const parent = this.types.superType(type);
        if (!parent || this.types.ancestors(parent).includes(type)) return;
        const inherited = this.types.fields(parent);
        for (const field of type.fields) {
            const original = inherited.get(field.name);
            if (original && !original.optional && field.optional && !field.default) {
                accept(
                    'error',
                    `'${field.name}' is a required field of ${original.$container.name}; a subtype may not make it optional (give it a default instead).`,
                    { node: field, property: 'name', code: IssueCodes.FieldRedeclared },
                );
            } else if (original && !sameFieldType(original, field)) {
                accept(
                    'error',
                    `'${field.name}' is already a field of ${original.$container.name} with type ${this.types.describeType(original)}; ` +
                        `a subtype may make it required or give it a default, but not change its type.`,
                    { node: field, property: 'type', code: IssueCodes.FieldRedeclared },
                );
            }
        }
    };

    checkEnumMembers = (enumDecl: EnumDecl, accept: ValidationAcceptor): void => {
        this.checkUniqueNames(enumDecl.members, 'member', accept);
    };

    checkLinkDecl = (link: LinkDecl, accept: ValidationAcceptor): void => {
        this.checkUniqueNames(link.metadata, 'metadata field', accept);
        for (const extra of link.inverses.slice(1)) {
            accept('error', `A link has one inverse name; '${link.name}' already has '${link.inverses[0].name}'.`, {
                node: extra,
                property: 'name',
                code: IssueCodes.DuplicateDeclaration,
            });
        }
        for (const inverse of link.inverses) {
            if (inverse.name === link.name) {
                accept('error', `The inverse name must differ from the link's name '${link.name}'.`, {
                    node: inverse,
                    property: 'name',
                    code: IssueCodes.DuplicateDeclaration,
                });
            }
        }
    };

    checkDefault = (field: FieldDecl, accept: ValidationAcceptor): void => {
        if (field.default) checkValue(field.default, field, this.types, accept);
    };

    protected checkUniqueNames(nodes: Array<AstNode & { name: string }>, what: string, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const node of nodes) {
            if (seen.has(node.name)) {
                accept('error', `The ${what} '${node.name}' is declared twice.`, { node, property: 'name', code: IssueCodes.DuplicateDeclaration });
            }
            seen.add(node.name);
        }
    }
}

function sameFieldType(a: FieldDecl, b: FieldDecl): boolean {
    return a.type?.primitive === b.type?.primitive && a.type?.enumType?.ref === b.type?.enumType?.ref && a.type?.list === b.type?.list;
}
