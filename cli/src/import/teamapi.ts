// Team API files (the Team Topologies "Team API": who the team is, what it does, how to reach it, how it works with
// other teams) as pom objects. A file holds one team, or a list under `teams:`. Fields read:
//   name (required), id, type (stream-aligned, platform, enabling, complicated-subsystem), focus or mission,
//   size, wip-limit, channels (a list, or a map of medium → address), members (name, id, email, role),
//   part-of (the group it belongs to), owns (scopes or services), interactions (team, mode, purpose, until).
import { parse } from 'yaml';
import { WorkspaceError } from '../../../language/src/index.js';
import { pomName, quote, textList, type ImportedObject } from './model.js';

const TOPOLOGIES = new Set(['stream-aligned', 'platform', 'enabling', 'complicated-subsystem', 'functional', 'undefined']);
const MODES = new Set(['collaboration', 'x-as-a-service', 'facilitating']);

interface TeamApiTeam {
    name?: string;
    id?: string;
    type?: string;
    focus?: string;
    mission?: string;
    size?: number;
    'wip-limit'?: number;
    channels?: string[] | Record<string, string>;
    members?: Array<{ name?: string; id?: string; email?: string; role?: string } | string>;
    'part-of'?: string;
    owns?: string[];
    interactions?: Array<{ team?: string; mode?: string; purpose?: string; until?: string }>;
}

function normalised(value: string | undefined): string {
    return (value ?? '').toLowerCase().replace(/[\s_]+/g, '-');
}

export function readTeamApi(files: Map<string, string>): ImportedObject[] {
    const objects: ImportedObject[] = [];
    for (const [path, text] of files) {
        let data: unknown;
        try {
            data = parse(text);
        } catch (error) {
            const e = error as { linePos?: Array<{ line: number; col: number }>; message: string };
            throw new WorkspaceError(`${path}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}: not valid YAML: ${e.message.split('\n')[0]}`);
        }
        const teams = (
            data && typeof data === 'object' && Array.isArray((data as { teams?: unknown }).teams) ? (data as { teams: unknown[] }).teams : [data]
        ) as TeamApiTeam[];
        for (const [index, team] of teams.entries()) {
            const where = `${path}${teams.length > 1 ? ` (team ${index + 1})` : ''}`;
            if (!team || typeof team !== 'object' || !team.name) throw new WorkspaceError(`${where}: a Team API entry needs a name`);
            const name = pomName(team.id ?? team.name);
            const fields: Record<string, string> = {};
            const topology = normalised(team.type);
            if (team.type && !TOPOLOGIES.has(topology)) {
                throw new WorkspaceError(
                    `${where}: type '${team.type}' is not a team topology: use stream-aligned, platform, enabling or complicated-subsystem`,
                );
            }
            if (team.type) fields.topology = topology;
            const focus = team.focus ?? team.mission;
            if (focus) fields.focus = quote(focus);
            if (typeof team.size === 'number') fields.size = String(team.size);
            if (typeof team['wip-limit'] === 'number') fields['wip-limit'] = String(team['wip-limit']);
            const channels = Array.isArray(team.channels)
                ? team.channels
                : Object.entries(team.channels ?? {}).map(([medium, address]) => `${medium}: ${address}`);
            if (channels.length > 0) fields.channels = textList(channels.map(String));
            const links: ImportedObject['links'] = [];
            if (team['part-of']) {
                const group = pomName(team['part-of']);
                links.push({ kind: 'member-of', target: group });
                objects.push({ type: 'group', name: group, title: team['part-of'], fields: {}, links: [], source: where });
            }
            for (const scope of team.owns ?? []) {
                objects.push({ type: 'scope', name: pomName(scope), title: scope, fields: {}, links: [], source: where });
                links.push({ kind: 'owns', target: pomName(scope) });
            }
            for (const interaction of team.interactions ?? []) {
                if (!interaction.team) continue;
                const mode = normalised(interaction.mode);
                if (!MODES.has(mode)) {
                    throw new WorkspaceError(
                        `${where}: interaction with '${interaction.team}' has mode '${interaction.mode ?? ''}': use collaboration, x-as-a-service or facilitating`,
                    );
                }
                const meta: Record<string, string> = { mode };
                if (interaction.purpose) meta.purpose = quote(interaction.purpose);
                if (interaction.until) {
                    const until = interaction.until;
                    if (!/^\d{4}-\d\d-\d\d$/.test(until))
                        throw new WorkspaceError(`${where}: interaction with '${interaction.team}' has until '${until}': write a date as YYYY-MM-DD`);
                    meta.until = until;
                }
                links.push({ kind: 'interacts', target: pomName(interaction.team), meta });
            }
            objects.push({ type: 'team', name, title: team.name, fields, links, source: where });
            for (const member of team.members ?? []) {
                const person = typeof member === 'string' ? { name: member } : member;
                if (!person.name && !person.id) continue;
                const personFields: Record<string, string> = {};
                if (person.email) personFields.email = quote(person.email);
                if (person.role) personFields.roles = textList([person.role]);
                objects.push({
                    type: 'person',
                    name: pomName(person.id ?? person.name!),
                    title: person.name,
                    fields: personFields,
                    links: [{ kind: 'member-of', target: name }],
                    source: where,
                });
            }
        }
    }
    return objects;
}
