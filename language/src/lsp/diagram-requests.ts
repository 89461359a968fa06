import { AstUtils, CstUtils, DocumentState, URI, type LangiumDocument } from 'langium';
import { join } from 'node:path';
import { RequestType, type Connection } from 'vscode-languageserver';
import type { Range } from 'vscode-languageserver-types';
import { isPomObject, isViewDecl, type PomObject } from '../generated/langium/ast.js';
import { GraphIndex } from '../graph/graph-index.js';
import type { PomGraph, SourceLocation } from '../graph/model.js';
import { Std } from '../graph/std-ids.js';
import { ElkPool } from '../layout/elk-pool.js';
import { renderDiagram, UnknownViewError } from '../emitters/svg/render-diagram.js';
import { LINEAGE_VIEW_PREFIX, STRATEGY_VIEW_ID, TEAM_VIEW_PREFIX } from '../views/resolve-views.js';
import { qualifiedName } from '../references/names.js';
import { STDLIB_URI } from '../workspace/stdlib.js';
import { STDLIB_DISPLAY_PATH } from '../workspace/paths.js';
import type { PomLspServices } from './pom-lsp-module.js';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * Custom requests for the editor's diagram preview. The server draws a view from its in-memory model, so the
 * preview follows unsaved edits, and says where each drawn object is written, so a click opens its source.
 */

export interface DiagramParams {
    /** A declared view's id, `strategy`, `team:<team id>`, `lineage:<object id>` or a roll-up's drill-down. */
    view: string;
}

export interface DiagramAnswer {
    view: string;
    title: string;
    /** The SVG, themed by the reader's preference or by `data-theme` on an ancestor. Absent when there is an error. */
    svg?: string;
    /** Why there is no diagram: an unknown view (with suggestions), or one too large to draw. */
    error?: string;
    /** Where each drawn object is written. */
    objects: Record<string, { uri: string; range: Range }>;
    /** The drill-down view of each roll-up group drawn, by the group box's id. */
    drillDowns: Record<string, string>;
}

export interface ViewsParams {
    textDocument: { uri: string };
    position?: { line: number; character: number };
}

export interface ViewChoice {
    id: string;
    title: string;
}

export const DiagramRequest = new RequestType<DiagramParams, DiagramAnswer, void>('pom/diagram');

/** The views to offer at a position: those of the object or view under the cursor first, then the declared views and the strategy. */
export interface ViewsAnswer {
    atCursor: ViewChoice[];
    views: ViewChoice[];
}

export const ViewsRequest = new RequestType<ViewsParams, ViewsAnswer, void>('pom/views');

export function addDiagramRequests(connection: Connection, shared: LangiumSharedServices, pom: PomLspServices): void {
    let pool: ElkPool | undefined;
    const model = () => pom.model.WorkspaceModel.model.graph;
    const root = () => pom.workspace.Paths.root;

    connection.onRequest(DiagramRequest, async (params, token) => {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        const graph = model();
        const drillDowns: Record<string, string> = {};
        try {
            const diagram = await renderDiagram(graph, params.view, { pool: (pool ??= new ElkPool()), viewLinkFor: id => `#view=${encodeURIComponent(id)}` });
            for (const group of diagram.view.rollup?.groups ?? []) drillDowns[group.id] = group.drillDown;
            const title = diagram.view.title || params.view;
            if (diagram.tooLarge) return { view: params.view, title, error: diagram.tooLarge.message, objects: {}, drillDowns };
            return {
                view: diagram.view.id,
                title,
                svg: diagram.svg,
                objects: locations(
                    graph,
                    diagram.view.nodes.map(node => node.id),
                    root(),
                ),
                drillDowns,
            };
        } catch (error) {
            if (error instanceof UnknownViewError)
                return { view: params.view, title: params.view, error: `There is ${error.message.replace(/^there is /, '')}`, objects: {}, drillDowns };
            throw error;
        }
    });

    connection.onRequest(ViewsRequest, async (params, token) => {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        const graph = model();
        const index = GraphIndex.of(graph);
        const atCursor: ViewChoice[] = [];
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(params.textDocument.uri));
        if (document && params.position) {
            const under = underCursor(document, params.position, pom);
            if (under?.view) {
                const view = graph.views.find(candidate => candidate.id === under.view);
                if (view) atCursor.push({ id: view.id, title: view.title ?? view.id });
            }
            const object = under?.object ? index.get(under.object) : undefined;
            if (object) {
                const name = object.title ?? object.id;
                if (index.isA(object, Std.team)) atCursor.push({ id: TEAM_VIEW_PREFIX + object.id, title: `Team: ${name}` });
                atCursor.push({ id: LINEAGE_VIEW_PREFIX + object.id, title: `Lineage of ${name}` });
            }
        }
        const views = [...graph.views.map(view => ({ id: view.id, title: view.title ?? view.id })), { id: STRATEGY_VIEW_ID, title: 'Strategy' }];
        return { atCursor, views };
    });

    connection.onShutdown(async () => {
        await pool?.close();
        pool = undefined;
    });
}

/** The object (by id) and the declared view (by id) at a position: a name or a reference under the cursor, else what encloses it. */
function underCursor(
    document: LangiumDocument,
    position: { line: number; character: number },
    pom: PomLspServices,
): { object?: string; view?: string } | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    if (!leaf) return undefined;
    const declared = pom.references.References.findDeclarations(leaf)[0];
    const object: PomObject | undefined = declared && isPomObject(declared) ? declared : AstUtils.getContainerOfType(leaf.astNode, isPomObject);
    const view = declared && isViewDecl(declared) ? declared : AstUtils.getContainerOfType(leaf.astNode, isViewDecl);
    return { object: object && qualifiedName(object), view: view && qualifiedName(view) };
}

/** Where each object is written, as LSP locations (0-based). */
function locations(graph: PomGraph, ids: readonly string[], root: string | undefined): Record<string, { uri: string; range: Range }> {
    const index = GraphIndex.of(graph);
    const result: Record<string, { uri: string; range: Range }> = {};
    for (const id of ids) {
        const object = index.get(id);
        if (object) result[id] = { uri: uriOf(object.location, root), range: rangeOf(object.location) };
    }
    return result;
}

function uriOf(location: SourceLocation, root: string | undefined): string {
    if (location.file === STDLIB_DISPLAY_PATH) return STDLIB_URI;
    if (/^[a-z][\w+.-]*:/i.test(location.file)) return location.file;
    return URI.file(root && !location.file.startsWith('/') ? join(root, ...location.file.split('/')) : location.file).toString();
}

function rangeOf(location: SourceLocation): Range {
    return { start: { line: location.line - 1, character: location.column - 1 }, end: { line: location.endLine - 1, character: location.endColumn - 1 } };
}
