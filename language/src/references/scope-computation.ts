import { DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import {
    isEnumDecl,
    isLinkDecl,
    isPomObject,
    isQueryDecl,
    isRuleDecl,
    isTypeDecl,
    isViewDecl,
    type PomFile,
    type PomObject,
} from '../generated/langium/ast.js';
import { joinName, knownQualifiedName, normalizeReference, type Identified } from './names.js';

/**
 * Exports every object (nested ones too) and every declaration under its fully qualified id.
 * Resolution then is a hash look-up in the PomIndex instead of Langium's linear scope search.
 */
export class PomScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as PomFile;
        const pkg = normalizeReference(root.package ?? '');
        const exports: AstNodeDescription[] = [];
        // Each id is the one qualifiedName gives (the package, then the names of the enclosing objects): it is told so.
        const add = (node: Identified, id: string) => {
            knownQualifiedName(node, id);
            exports.push(this.descriptions.createDescription(node, id, document));
        };
        const addObject = (object: PomObject, prefix: string) => {
            if (!object.name) return;
            const id = joinName(prefix, object.name);
            add(object, id);
            // Indexed: a for...of made an iterator result per member until optimised (this runs per object).
            const members = object.members;
            for (let i = 0; i < members.length; i++) {
                const member = members[i];
                if (isPomObject(member)) addObject(member, id);
            }
        };
        for (const element of root.elements) {
            if (isPomObject(element)) {
                addObject(element, pkg);
            } else if (
                (isTypeDecl(element) || isEnumDecl(element) || isLinkDecl(element) || isViewDecl(element) || isRuleDecl(element) || isQueryDecl(element)) &&
                element.name
            ) {
                add(element, joinName(pkg, element.name));
                if (isLinkDecl(element)) {
                    for (const inverse of element.inverses) {
                        if (inverse.name) add(inverse, joinName(pkg, inverse.name));
                    }
                }
            }
        }
        return exports;
    }

    /** Nothing is resolved through local symbol tables: the PomIndex answers every look-up. */
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
