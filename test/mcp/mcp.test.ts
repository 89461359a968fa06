// Drives `pom mcp` with the MCP SDK's own client over stdio, as an assistant would, on a git copy of examples/acme.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, gitRepository, pom, POM, startPom } from '../cli-run.js';
import { ACME } from '../helpers.js';

const BET = 'acme.bets.one-click-checkout';
const BET_FILE = 'bets/commerce.pom';

/** A repository holding a copy of examples/acme (workspace at its top), with two commits: the example, then one edit. */
function acmeRepository(): string {
    const atRisk = readFileSync(join(ACME, BET_FILE), 'utf8').replace('  health: on-track\n  horizon: months', '  health: at-risk\n  horizon: months');
    return gitRepository('pom-mcp-', [
        { copy: ACME, message: 'acme' },
        { files: { [BET_FILE]: atRisk }, message: 'one-click is at risk' },
    ]);
}

type ToolResult = { content: Array<{ type: string; text: string }>; isError?: boolean };

describe('pom mcp over stdio', () => {
    const repo = acmeRepository();
    const client = new Client({ name: 'pom-test', version: '1.0.0' });

    beforeAll(async () => {
        await client.connect(new StdioClientTransport({ command: process.execPath, args: [POM, 'mcp', repo], stderr: 'pipe' }));
    }, 60_000);
    afterAll(async () => {
        await client.close();
    });

    const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolResult> =>
        (await client.callTool({ name, arguments: args })) as ToolResult;
    const callJson = async (name: string, args: Record<string, unknown> = {}) => {
        const result = await call(name, args);
        expect(result.isError, result.content[0]?.text).toBeFalsy();
        return JSON.parse(result.content[0].text);
    };
    const cliJson = async (args: string[]) => {
        const result = await pom(args, repo);
        expect(result.code, result.stderr).toBe(0);
        return JSON.parse(result.stdout);
    };

    it('lists its tools, every one annotated read-only, and its resources and prompts', async () => {
        const { tools } = await client.listTools();
        expect(tools.map(t => t.name).sort()).toEqual([
            'describe_view',
            'diagnostics',
            'diff',
            'history',
            'lineage',
            'list_queries',
            'list_views',
            'propose_change',
            'query',
            'read_object',
            'search_objects',
            'standard_question',
        ]);
        for (const tool of tools) expect([tool.name, tool.annotations?.readOnlyHint]).toEqual([tool.name, true]);
        const { resources } = await client.listResources();
        const uris = resources.map(r => r.uri);
        expect(uris).toEqual(expect.arrayContaining(['pom://stdlib/std.pom', 'pom://docs/language.md', 'pom://docs/llms.txt', `pom://object/${BET}`]));
        const { resourceTemplates } = await client.listResourceTemplates();
        expect(resourceTemplates.map(t => t.uriTemplate)).toEqual(['pom://object/{id}']);
        const { prompts } = await client.listPrompts();
        expect(prompts.map(p => p.name).sort()).toEqual(['quarterly-review-pack', 'what-changed-since', 'why-am-i-working-on']);
    }, 60_000);

    it('answers questions exactly as pom query --json does', async () => {
        const [selector, named, lineage, list] = await Promise.all([
            cliJson(['query', '.', 'bet where status = active and health in [at-risk, off-track]', '--json']),
            cliJson(['query', '.', 'delivery-risk', '--json']),
            cliJson(['query', '.', `lineage(${BET})`, '--json']),
            cliJson(['query', '--list', '.', '--json']),
        ]);
        expect(selector.map((o: { id: string }) => o.id)).toContain(BET);
        expect(await callJson('query', { question: 'bet where status = active and health in [at-risk, off-track]' })).toEqual(selector);
        expect(await callJson('standard_question', { name: 'delivery-risk' })).toEqual(named);
        expect(await callJson('query', { question: 'delivery-risk' })).toEqual(named);
        expect(await callJson('lineage', { id: BET })).toEqual(lineage);
        expect(lineage.upstream.length + lineage.downstream.length).toBeGreaterThan(0);
        expect(await callJson('list_queries')).toEqual(list);
    }, 180_000);

    it('answers at a git revision: the bet was on track one commit ago', async () => {
        const now = await callJson('read_object', { id: BET });
        expect(now.health.declared).toBe('at-risk');
        const before = await callJson('read_object', { id: BET, rev: 'HEAD~1' });
        expect(before.health.declared).toBe('on-track');
        expect(await callJson('query', { question: 'off-track', rev: 'HEAD~1' })).toEqual(
            await cliJson(['query', '.', 'off-track', '--json', '--rev', 'HEAD~1']),
        );
    }, 120_000);

    it('reads an object with its links both ways, their metadata and where it is written', async () => {
        const bet = await callJson('read_object', { id: BET });
        expect(bet.location).toMatch(/^bets\/commerce\.pom:\d+:\d+$/);
        expect(bet.type).toBe('experiment');
        expect(bet.links).toContainEqual(
            expect.objectContaining({ kind: 'targets', target: 'acme.strategy.checkout-completion', meta: expect.objectContaining({ expected: '+2pp' }) }),
        );
        expect(bet.backlinks).toContainEqual(expect.objectContaining({ kind: 'delivers', source: `${BET}.card-vault` }));
        const missing = await call('read_object', { id: 'acme.bets.one-click' });
        expect(missing.isError).toBe(true);
        expect(missing.content[0].text).toContain("Did you mean 'acme.bets.one-click-checkout'?");
        const search = await callJson('search_objects', { text: 'saved card', type: 'bet' });
        expect(search.objects[0]).toEqual(expect.objectContaining({ id: BET, type: 'experiment' }));
        const resource = await client.readResource({ uri: `pom://object/${BET}` });
        expect((resource.contents[0] as { text: string }).text).toMatch(/^# One-click checkout with saved cards\n/);
        const std = await client.readResource({ uri: 'pom://stdlib/std.pom' });
        expect((std.contents[0] as { text: string }).text).toContain('query off-track');
    }, 60_000);

    it("gives diagnostics, views, the diff and an object's history", async () => {
        const check = await pom(['check', '.', '--format', 'json'], repo);
        const diagnostics = await callJson('diagnostics');
        expect(diagnostics.map((d: { code: string }) => d.code)).toEqual(JSON.parse(check.stdout).map((d: { code: string }) => d.code));
        const views = await callJson('list_views');
        expect(views.map((v: { id: string }) => v.id)).toContain('strategy');
        const view = await call('describe_view', { view: 'strategy', svg: true });
        expect(JSON.parse(view.content[0].text).objects.length).toBeGreaterThan(3);
        expect(view.content[1].text).toMatch(/^<svg /);
        const diff = await callJson('diff', { from: 'HEAD~1', to: 'HEAD' });
        expect(diff.transitions).toEqual([{ id: BET, field: 'health', before: 'on-track', after: 'at-risk' }]);
        const history = await callJson('history', { id: BET });
        expect(history.entries.map((e: { revision: { subject: string } }) => e.revision.subject)).toEqual(['one-click is at risk', 'acme']);
    }, 120_000);

    it('proposes a change as a patch that applies and checks cleanly, and writes nothing', async () => {
        const original = readFileSync(join(repo, BET_FILE), 'utf8');
        // Unformatted on purpose: the patch carries the canonical layout.
        const edited =
            original.replace('  health: at-risk\n  horizon: months', '  health:   off-track\n  horizon: months') +
            'bet  gift-cards "Gift cards at checkout" { status: proposed\n owner -> checkout-team }\n';
        const result = await call('propose_change', { files: [{ path: BET_FILE, content: edited }] });
        expect(result.isError, result.content[0].text).toBeFalsy();
        const patch = result.content[0].text;
        expect(patch).toContain(`--- a/${BET_FILE}`);
        expect(patch).toContain('+  health: off-track');
        expect(result.content[1].text).toContain('1 added');
        expect(readFileSync(join(repo, BET_FILE), 'utf8')).toBe(original);
        expect(git(repo, 'status', '--porcelain')).toBe('');
        // Applied to a copy of the workspace, it checks cleanly and is already formatted.
        const copy = mkdtempSync(join(tmpdir(), 'pom-mcp-apply-'));
        cpSync(repo, copy, { recursive: true });
        execFileSync('git', ['apply', '--check', '-'], { cwd: copy, input: patch });
        execFileSync('patch', ['-p1', '--quiet'], { cwd: copy, input: patch });
        const [check, fmt] = await Promise.all([pom(['check', '.'], copy), pom(['fmt', '--check', BET_FILE], copy)]);
        expect(check.code, check.stdout).toBe(0);
        expect(fmt.code, fmt.stdout).toBe(0);
        // A change that breaks the model is refused with its errors.
        const broken = await call('propose_change', { files: [{ path: 'bets/new.pom', content: 'package acme.bets\nbet x { owner -> nobody }\n' }] });
        expect(broken.isError).toBe(true);
        expect(broken.content[0].text).toMatch(/does not pass pom check[\s\S]*bets\/new\.pom:\d+:\d+: error: .*nobody/);
        const outside = await call('propose_change', { files: [{ path: '../evil.pom', content: 'package x\n' }] });
        expect(outside.isError).toBe(true);
    }, 180_000);

    it("gives its prompts with the model's answers in them", async () => {
        const why = await client.getPrompt({ name: 'why-am-i-working-on', arguments: { id: BET } });
        expect((why.messages[0].content as { text: string }).text).toContain('acme.strategy.checkout-completion');
        const since = await client.getPrompt({ name: 'what-changed-since', arguments: { rev: 'HEAD~1' } });
        expect((since.messages[0].content as { text: string }).text).toContain('on-track | at-risk');
        const pack = await client.getPrompt({ name: 'quarterly-review-pack', arguments: {} });
        expect((pack.messages[0].content as { text: string }).text).toContain('(off-track)');
    }, 120_000);

    it('answers from the files as they change, without a restart', async () => {
        const file = join(repo, 'bets', 'later.pom');
        writeFileSync(file, 'package acme.bets\nimport acme.org\nbet later "Later" {\n  status: proposed\n  owner -> checkout-team\n}\n');
        let ids: string[] = [];
        for (let attempt = 0; attempt < 40 && !ids.includes('acme.bets.later'); attempt++) {
            await new Promise(done => setTimeout(done, 250));
            ids = (await callJson('query', { question: 'bet where status = proposed' })).map((o: { id: string }) => o.id);
            const read = await call('read_object', { id: 'acme.bets.later' });
            if (read.isError) ids = [];
        }
        expect(ids).toContain('acme.bets.later');
    }, 120_000);
});

describe('pom mcp --http', () => {
    it('serves Streamable HTTP on 127.0.0.1 at a free port', async () => {
        const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
        const { child: server, ready } = startPom(['mcp', resolve('examples/starter'), '--http'], /at (http:\/\/127\.0\.0\.1:\d+\/mcp)/);
        try {
            const url = await ready;
            const client = new Client({ name: 'pom-test', version: '1.0.0' });
            await client.connect(new StreamableHTTPClientTransport(new URL(url)));
            const { tools } = await client.listTools();
            expect(tools.length).toBe(12);
            const answer = (await client.callTool({ name: 'query', arguments: { question: 'team' } })) as ToolResult;
            expect(JSON.parse(answer.content[0].text).map((o: { id: string }) => o.id)).toEqual(['myorg.org.platform-team', 'myorg.org.shop-team']);
            await client.close();
        } finally {
            server.kill('SIGTERM');
        }
    }, 60_000);
});
