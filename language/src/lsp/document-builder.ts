import {
    Cancellation,
    DefaultDocumentBuilder,
    DocumentState,
    isMultiReference,
    type AstNodeDescription,
    type BuildOptions,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    URI,
} from 'langium';
import { EnumDecl, LinkDecl, LinkInverse, TypeDecl, type PomFile } from '../generated/langium/ast.js';
import { STD_PACKAGE, normalizeReference, packageOf } from '../references/names.js';
import { importsOf } from '../references/resolver.js';
import { PomIndexManager } from '../workspace/pom-index-manager.js';

/** Declarations other files' links are read against (an object's fields, a value's enum, a link's metadata). */
const DECLARATION_TYPES: ReadonlySet<string> = new Set([TypeDecl.$type, EnumDecl.$type, LinkDecl.$type, LinkInverse.$type]);

/**
 * Decides which documents an edit relinks. Remembers which documents have linking errors between two linkings of
 * a document: Langium asks after every edit, for every document of the workspace, and answering it walks all of a
 * document's references. Documents a cancelled build left half built are asked by their references instead.
 *
 * Langium relinks a document when a reference of it points into a changed document. A definition that an edit
 * adds (or renames into place) can take over a name another document resolved elsewhere, though: a file's own
 * package wins over its imports, and a second import defining the name makes it ambiguous. So once the changed
 * documents are indexed again, the ids each of them gained or lost are compared, and the documents with a
 * reference that may resolve to one of them are relinked too. Most edits add or remove no id.
 */
export class PomDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * Per document, the answer and the references it was read from. Unlinking gives a document a new references
     * array, so a stale answer is recognised without a phase listener (a build cancelled by the next keystroke
     * may skip listeners).
     */
    protected readonly linkingErrors = new WeakMap<LangiumDocument, { references: LangiumDocument['references']; errors: boolean }>();

    /**
     * The exports of each document reset for parsing or deleted, as they were before, until a build has indexed it
     * again and compared. The first snapshot stays when a cancelled build leaves it pending: it is what the
     * document's references were last linked against.
     */
    protected readonly exportsBefore = new Map<string, readonly AstNodeDescription[] | undefined>();

    /** Per document, the texts its references write by their last segment, and the references they were read from. */
    protected readonly referencedNames = new WeakMap<
        LangiumDocument,
        { references: LangiumDocument['references']; length: number; names: Map<string, string[]> }
    >();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        // Reading the names every document's references write takes about 0.1 s at 10,000 objects: done once the
        // workspace has loaded, a document per task while the editor is idle, not on the first edit adding an id.
        const loaded = this.onBuildPhase(DocumentState.Validated, () => {
            loaded.dispose();
            for (const document of this.langiumDocuments.all) {
                setTimeout(() => document.state >= DocumentState.IndexedReferences && this.namesReferencedBy(document), 0);
            }
        });
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        // The reference index (isAffected) holds a document's references only from IndexedReferences on. A build
        // cancelled by the next keystroke after linking a document, or midway through it, leaves references to
        // nodes of the changed documents that the index does not know of: kept, they point into the replaced
        // syntax tree, and the links they make drop out of the model until the document is edited again. Such a
        // document is rebuilt anyway; its own references say whether it must be relinked.
        if (document.state < DocumentState.IndexedReferences) return document.references.some(ref => ref.error !== undefined || pointsInto(ref, changedUris));
        let known = this.linkingErrors.get(document);
        if (known?.references !== document.references) {
            known = { references: document.references, errors: document.references.some(ref => ref.error !== undefined) };
            this.linkingErrors.set(document, known);
        }
        return known.errors || this.indexManager.isAffected(document, changedUris);
    }

    override resetToState(document: LangiumDocument, state: DocumentState): void {
        // Parsing again drops the document's exports from the index.
        if (state <= DocumentState.Parsed) this.rememberExports(document.uri.toString());
        super.resetToState(document, state);
    }

    protected override cleanUpDeleted(document: LangiumDocument): void {
        this.rememberExports(document.uri.toString());
        super.cleanUpDeleted(document);
    }

    protected rememberExports(uri: string): void {
        if (this.exportsBefore.has(uri) || !(this.indexManager instanceof PomIndexManager)) return;
        this.exportsBefore.set(uri, this.indexManager.exportsByDocument.get(uri));
    }

    /**
     * Parses and indexes the documents as Langium's build does, then adds the documents whose links the changed
     * exports may change, and builds them all (phases already done are skipped, document by document).
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (this.exportsBefore.size === 0) return super.buildDocuments(documents, options, cancelToken);
        this.prepareBuild(documents, options);
        await this.runCancelable(documents, DocumentState.Parsed, cancelToken, document => this.langiumDocumentFactory.update(document, cancelToken));
        await this.runCancelable(documents, DocumentState.IndexedContent, cancelToken, document => this.indexManager.updateContent(document, cancelToken));
        const relinked = this.shadowedBy(this.changedExports());
        for (const document of relinked) this.resetToState(document, DocumentState.ComputedScopes);
        const building = new Set(documents);
        return super.buildDocuments([...documents, ...relinked.filter(document => !building.has(document))], options, cancelToken);
    }

    /** The ids the documents indexed again since their reset gained or lost, each with its node type. */
    protected changedExports(): Array<{ type: string; name: string }> {
        if (!(this.indexManager instanceof PomIndexManager)) return [];
        const changed: Array<{ type: string; name: string }> = [];
        for (const [uri, before] of this.exportsBefore) {
            const document = this.langiumDocuments.getDocument(URI.parse(uri));
            if (document && document.state < DocumentState.IndexedContent) continue;
            const after = (document && this.indexManager.exportsByDocument.get(uri)) ?? [];
            this.exportsBefore.delete(uri);
            const key = (d: AstNodeDescription) => `${d.type} ${d.name}`;
            const beforeKeys = new Set((before ?? []).map(key));
            const afterKeys = new Set(after.map(key));
            for (const d of after) if (!beforeKeys.has(key(d))) changed.push(d);
            for (const d of before ?? []) if (!afterKeys.has(key(d))) changed.push(d);
        }
        return changed;
    }

    /**
     * The linked documents a reference of which may resolve to a changed id: one whose text the id ends with, after
     * a prefix the document sees names under (see mayResolveTo). When a declaration changed, also the documents
     * linking into those: the fields and values they resolve are read against the declarations the relinked
     * documents' links pick.
     */
    protected shadowedBy(changed: ReadonlyArray<{ type: string; name: string }>): LangiumDocument[] {
        if (changed.length === 0) return [];
        const linked = this.langiumDocuments.all.filter(document => document.state > DocumentState.ComputedScopes).toArray();
        const relinked = new Set(
            linked.filter(document => {
                const written = this.namesReferencedBy(document);
                const file = document.parseResult.value as PomFile;
                return changed.some(({ name }) => written.get(name.slice(name.lastIndexOf('.') + 1))?.some(text => mayResolveTo(name, text, file)));
            }),
        );
        if (relinked.size > 0 && changed.some(({ type }) => DECLARATION_TYPES.has(type))) {
            const uris = new Set([...relinked].map(document => document.uri.toString()));
            for (const document of linked) if (this.indexManager.isAffected(document, uris)) relinked.add(document);
        }
        return [...relinked];
    }

    /** The texts the document's references write (without whitespace or comments), by their last segment. */
    protected namesReferencedBy(document: LangiumDocument): ReadonlyMap<string, readonly string[]> {
        const references = document.references;
        let known = this.referencedNames.get(document);
        // Linking adds to the array unlinking made, so its length tells a partial answer from a complete one.
        if (known?.references !== references || known.length !== references.length) {
            const names = new Map<string, string[]>();
            for (const reference of references) {
                const text = normalizeReference(reference.$refText);
                const last = text.slice(text.lastIndexOf('.') + 1);
                const texts = names.get(last);
                if (!texts) names.set(last, [text]);
                else if (!texts.includes(text)) texts.push(text);
            }
            known = { references, length: references.length, names };
            this.referencedNames.set(document, known);
        }
        return known.names;
    }
}

/**
 * Whether a reference written `text` in `file` may resolve to `id` (PomResolver.resolveId): every id it can
 * resolve to is the text itself or the text after a prefix, which is an enclosing object's id (under the file's
 * package), the file's package, an imported package, the package of an imported declaration, or std.
 */
function mayResolveTo(id: string, text: string, file: PomFile): boolean {
    if (id === text) return true;
    if (!id.endsWith(text) || id.charCodeAt(id.length - text.length - 1) !== DOT) return false;
    const prefix = id.slice(0, id.length - text.length - 1);
    const pkg = packageOf(file);
    // In the root package, enclosing objects' ids can be anything.
    if (pkg === '' || prefix === pkg || prefix.startsWith(`${pkg}.`) || prefix === STD_PACKAGE) return true;
    return importsOf(file).some(target => target === prefix || (target.lastIndexOf('.') >= 0 && target.slice(0, target.lastIndexOf('.')) === prefix));
}

const DOT = '.'.charCodeAt(0);

/** Whether a resolved reference targets one of the documents (by URI text), as the reference index would record it. */
function pointsInto(reference: LangiumDocument['references'][number], uris: Set<string>): boolean {
    if (isMultiReference(reference)) return reference.items.some(item => item.$nodeDescription && uris.has(item.$nodeDescription.documentUri.toString()));
    const target = reference.$nodeDescription?.documentUri;
    return target !== undefined && uris.has(target.toString());
}
