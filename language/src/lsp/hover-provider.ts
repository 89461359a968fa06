import type { AstNode } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import {
    isEnumDecl,
    isEnumMember,
    isFieldDecl,
    isLinkDecl,
    isLinkInverse,
    isPomObject,
    isTypeDecl,
    type EnumDecl,
    type EnumMember,
    type FieldDecl,
    type LinkDecl,
    type PomObject,
    type TypeDecl,
} from '../generated/langium/ast.js';
import type { FieldValue, GraphObject } from '../graph/model.js';
import { effectiveHealth, healthByData } from '../graph/derived/index.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { qualifiedName } from '../references/names.js';
import { count, type PomGraphLookup } from './graph-lookup.js';
import type { PomLspServices } from './pom-lsp-module.js';

/** How many backlink sources a hover names before it says `and N more`. */
const NAMED_SOURCES = 5;

/**
 * Hover on an object: its type, title, horizon, owner, doc and its backlinks grouped by link kind.
 * On a type: its fields and the links it may have. On a link kind: its declaration. On a field or enum member:
 * its type and description.
 */
export class PomHoverProvider extends AstNodeHoverProvider {
    protected readonly graph: PomGraphLookup;
    protected readonly types: PomTypeSystem;

    constructor(services: PomLspServices) {
        super(services);
        this.graph = services.lsp.GraphLookup;
        this.types = services.model.TypeSystem;
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        if (isPomObject(node)) return this.objectHover(node);
        if (isTypeDecl(node)) return this.typeHover(node);
        if (isLinkDecl(node)) return this.linkHover(node);
        if (isLinkInverse(node)) return this.linkHover(node.$container, node.name);
        if (isEnumDecl(node)) return this.enumHover(node);
        if (isEnumMember(node)) return this.enumMemberHover(node);
        if (isFieldDecl(node)) return this.fieldHover(node);
        return undefined;
    }

    protected objectHover(node: PomObject): string | undefined {
        const id = qualifiedName(node);
        const object = this.graph.object(id);
        const typeName = node.type?.ref?.name ?? node.type?.$refText ?? 'object';
        const lines = [`**${typeName}** \`${id ?? node.name}\`${node.title ? ` — ${unquote(node.title)}` : ''}`];
        if (!object) return lines.join('\n\n');
        const facts: string[] = [];
        const horizon = object.fields['horizon'];
        if (horizon !== undefined) facts.push(`horizon: ${show(horizon)}`);
        const status = object.fields['status'];
        if (status !== undefined) facts.push(`status: ${show(status)}`);
        const health = healthLine(object);
        if (health) facts.push(health);
        const owners = object.links.filter(link => link.kind === 'std.owner').map(link => link.target);
        const inheritedOwner = object.inherited.find(value => value.link === 'std.owner');
        if (owners.length > 0) facts.push(`owner: ${owners.map(code).join(', ')}`);
        else if (inheritedOwner?.targets) facts.push(`owner: ${inheritedOwner.targets.map(code).join(', ')} (from ${code(inheritedOwner.from)})`);
        if (facts.length > 0) lines.push(facts.join(' · '));
        const doc = object.fields['doc'];
        if (typeof doc === 'string') lines.push(doc.trim());
        const groups = this.graph.backlinkGroups(object);
        if (groups.length > 0) {
            lines.push(
                groups
                    .map(group => {
                        const named = group.sources.slice(0, NAMED_SOURCES).map(code).join(', ');
                        const more = group.sources.length > NAMED_SOURCES ? ` and ${group.sources.length - NAMED_SOURCES} more` : '';
                        return `- ${group.label} ${count(group.sources.length, group.sourceType)}: ${named}${more}`;
                    })
                    .join('\n'),
            );
        }
        return lines.join('\n\n');
    }

    protected typeHover(node: TypeDecl): string {
        const id = qualifiedName(node) ?? node.name;
        const superType = this.types.superType(node);
        const lines = [`**type** \`${id}\`${superType ? ` extends \`${qualifiedName(superType)}\`` : ''}${node.title ? ` — ${unquote(node.title)}` : ''}`];
        const fields = [...this.types.fields(node).values()];
        if (fields.length > 0) {
            lines.push('Fields:\n' + fields.map(field => `- ${this.fieldLine(field)}`).join('\n'));
        }
        const links = this.graph.index.graph.linkKinds.filter(kind => {
            return kind.from.some(from => this.types.typeIds(node).includes(from));
        });
        if (links.length > 0) {
            lines.push(
                'Links:\n' + links.map(kind => `- \`${kind.name}\` → ${kind.to.map(shortId).join(', ')}${kind.title ? ` — ${kind.title}` : ''}`).join('\n'),
            );
        }
        return lines.join('\n\n');
    }

    protected linkHover(node: LinkDecl, inverse?: string): string {
        const id = qualifiedName(node) ?? node.name;
        const from = node.sources.map(ref => ref.$refText).join(', ');
        const to = node.targets.map(ref => ref.$refText).join(', ');
        const header = inverse
            ? `**link** \`${inverse}\` — the inverse of \`${id}\` (${to} → ${from})`
            : `**link** \`${id}\` from ${from} to ${to}${node.title ? ` — ${unquote(node.title)}` : ''}`;
        const lines = [header];
        const flags: string[] = [...node.flags];
        if (node.inverses.length > 0 && !inverse) flags.push(`inverse ${node.inverses.map(i => i.name).join(', ')}`);
        if (flags.length > 0) lines.push(flags.join(' · '));
        if (node.metadata.length > 0) lines.push('Metadata:\n' + node.metadata.map(field => `- ${this.fieldLine(field)}`).join('\n'));
        return lines.join('\n\n');
    }

    protected enumHover(node: EnumDecl): string {
        const lines = [`**enum** \`${qualifiedName(node) ?? node.name}\`${node.ordered ? ' (ordered)' : ''}${node.title ? ` — ${unquote(node.title)}` : ''}`];
        lines.push(node.members.map(member => `- \`${member.name}\`${member.title ? ` — ${unquote(member.title)}` : ''}`).join('\n'));
        return lines.join('\n\n');
    }

    protected enumMemberHover(node: EnumMember): string {
        const owner = node.$container;
        return `**${owner.name}** \`${node.name}\`${node.title ? ` — ${unquote(node.title)}` : ''}\n\nOne of ${owner.members.map(m => `\`${m.name}\``).join(', ')}`;
    }

    protected fieldHover(node: FieldDecl): string {
        const owner = node.$container;
        const where = isTypeDecl(owner) ? `field of \`${qualifiedName(owner)}\`` : `metadata of \`${qualifiedName(owner)}\``;
        return `**${where}**\n\n${this.fieldLine(node)}`;
    }

    protected fieldLine(field: FieldDecl): string {
        const type = this.types.describeType(field);
        const modifiers = [field.optional ? 'optional' : 'required', ...(field.inherited ? ['inherited'] : [])].join(', ');
        const defaultValue = field.default?.$cstNode ? ` = ${field.default.$cstNode.text}` : '';
        return `\`${field.name}: ${type}${defaultValue}\` (${modifiers})${field.title ? ` — ${unquote(field.title)}` : ''}`;
    }
}

function unquote(text: string): string {
    return text.startsWith('"') ? text.slice(1, -1) : text;
}

function code(id: string): string {
    return `\`${id}\``;
}

function shortId(id: string): string {
    return id.startsWith('std.') ? id.slice(4) : id;
}

function show(value: FieldValue): string {
    return Array.isArray(value) ? value.map(show).join(', ') : String(value);
}

/** `health: off-track (by data: … since …; declared on-track)`: the derived effective health, and why. */
function healthLine(object: GraphObject): string | undefined {
    const health = effectiveHealth(object);
    if (!health) return undefined;
    const facts = object.facts ?? {};
    if (!healthByData(object)) return `health: ${health}`;
    const declared = typeof object.fields['health'] === 'string' ? `declared ${object.fields['health']}` : 'none declared';
    return `health: ${health} (by the data of \`${String(facts['data-metric'])}\` since ${String(facts['data-since'])}; ${declared})`;
}
