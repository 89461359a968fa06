// A Backstage software catalog (catalog-info.yaml, any number of YAML documents per file) as pom objects:
// Group → team (spec.type team or squad) or group, with its parent as member-of; User → person, member-of its groups;
// Domain, System and Component → scopes nested as in the catalog, owned by their owner; a component that consumes
// an API another team's component provides makes the consuming team interact with the providing one (x-as-a-service).
import { parseAllDocuments } from 'yaml';
import { WorkspaceError } from '../../../language/src/index.js';
import { pomName, quote, type ImportedObject } from './model.js';

interface Entity {
    kind?: string;
    metadata?: { name?: string; title?: string; description?: string; tags?: string[]; links?: Array<{ url?: string }> };
    spec?: Record<string, unknown>;
}

const TEAM_TYPES = new Set(['team', 'squad']);
const SCOPE_KINDS: Record<string, string> = { domain: 'domain', system: 'product', component: 'capability' };

/** `[kind:][namespace/]name` → the name, as pom writes it. */
function refName(ref: unknown): string | undefined {
    if (typeof ref !== 'string' || !ref.trim()) return undefined;
    const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
    return pomName(withoutKind.slice(withoutKind.lastIndexOf('/') + 1));
}

function refs(value: unknown): string[] {
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(refName).filter((r): r is string => r !== undefined);
}

/** Reads the entities of catalog files: `files` maps a display path to its YAML text. */
export function readBackstage(files: Map<string, string>): ImportedObject[] {
    const entities: Array<{ entity: Entity; source: string }> = [];
    for (const [path, text] of files) {
        for (const document of parseAllDocuments(text)) {
            if (document.errors.length > 0) {
                const error = document.errors[0];
                const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
                throw new WorkspaceError(`${path}:${line}:${column}: not valid YAML: ${error.message.split('\n')[0]}`);
            }
            const entity = document.toJS() as Entity | null;
            if (!entity || typeof entity !== 'object') continue;
            const line = document.contents?.range ? text.slice(0, document.contents.range[0]).split('\n').length : 1;
            if (!entity.kind || !entity.metadata?.name) {
                throw new WorkspaceError(
                    `${path}:${line}: a catalog entity needs kind and metadata.name (see backstage.io/docs/features/software-catalog/descriptor-format)`,
                );
            }
            entities.push({ entity, source: `${path}:${line} (${entity.kind} ${entity.metadata.name})` });
        }
    }
    const objects: ImportedObject[] = [];
    const ownerOf = new Map<string, string>();
    const providers = new Map<string, string>();
    for (const { entity, source } of entities) {
        const spec = entity.spec ?? {};
        const kind = entity.kind!.toLowerCase();
        const name = pomName(entity.metadata!.name!);
        const fields: Record<string, string> = {};
        if (entity.metadata?.description) fields.doc = quote(entity.metadata.description);
        if (entity.metadata?.tags?.length) fields.tags = `[${entity.metadata.tags.map(quote).join(', ')}]`;
        const profile = (spec.profile ?? {}) as { displayName?: string; email?: string };
        const title = profile.displayName ?? entity.metadata?.title;
        if (kind === 'group') {
            const team = TEAM_TYPES.has((typeof spec.type === 'string' ? spec.type : '').toLowerCase());
            objects.push({
                type: team ? 'team' : 'group',
                name,
                title,
                fields,
                source,
                links: refs(spec.parent).map(target => ({ kind: 'member-of', target })),
            });
        } else if (kind === 'user') {
            if (profile.email) fields.email = quote(profile.email);
            objects.push({ type: 'person', name, title, fields, source, links: refs(spec.memberOf).map(target => ({ kind: 'member-of', target })) });
        } else if (kind in SCOPE_KINDS) {
            fields.kind = SCOPE_KINDS[kind];
            const parents = [...refs(spec.domain), ...refs(spec.system), ...refs(spec.subcomponentOf)];
            objects.push({ type: 'scope', name, title, fields, source, links: parents.map(target => ({ kind: 'nested-in', target })) });
            const owner = refName(spec.owner);
            if (owner) ownerOf.set(name, owner);
            for (const api of refs(spec.providesApis)) if (owner) providers.set(api, owner);
        } else if (kind === 'api') {
            const owner = refName(spec.owner);
            if (owner) providers.set(name, providers.get(name) ?? owner);
        }
    }
    const byName = new Map(objects.map(o => [o.name, o]));
    // Ownership: a team or group owns its scopes; a person is the owner of theirs.
    for (const [scope, owner] of ownerOf) {
        const holder = byName.get(owner);
        if (holder?.type === 'team' || holder?.type === 'group') holder.links.push({ kind: 'owns', target: scope });
        else if (holder?.type === 'person') byName.get(scope)?.links.push({ kind: 'owner', target: owner });
    }
    // Interactions: the team of a consuming component uses the providing team's API as a service.
    for (const { entity } of entities) {
        if (entity.kind!.toLowerCase() !== 'component') continue;
        const consumer = byName.get(ownerOf.get(pomName(entity.metadata!.name!)) ?? '');
        if (consumer?.type !== 'team') continue;
        for (const api of refs(entity.spec?.consumesApis)) {
            const provider = providers.get(api);
            if (provider && provider !== consumer.name && byName.get(provider)?.type === 'team') {
                consumer.links.push({ kind: 'interacts', target: provider, meta: { mode: 'x-as-a-service', purpose: quote(`uses the ${api} API`) } });
            }
        }
    }
    return objects;
}
