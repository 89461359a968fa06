import { execFile, spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, errors } from '../helpers.js';
import { readZip } from './zip.js';

const run = promisify(execFile);
const ARTIFACTS = resolve('test-artifacts/ext');
const VSIX = join(ARTIFACTS, 'pom-vscode.vsix');
const POM = resolve('cli/bin/pom.js');

let files: Map<string, Buffer>;
/** The packaged extension, unpacked outside the repository: its bundles cannot lean on node_modules. */
let unpacked: string;

function text(name: string): string {
    const entry = files.get(name);
    if (!entry) throw new Error(`${name} is not in the .vsix; it holds: ${[...files.keys()].join(', ')}`);
    return entry.toString('utf8');
}

async function node(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
}

beforeAll(async () => {
    // What `npm run package` does after `npm run build` (which npm test has run): vsce, whose vscode:prepublish
    // bundles (no bundle is left from before, so the package shows that it did).
    mkdirSync(ARTIFACTS, { recursive: true });
    rmSync('vscode-extension/dist', { recursive: true, force: true });
    await run(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', VSIX], { cwd: resolve('vscode-extension') });
    files = readZip(readFileSync(VSIX));
    unpacked = mkdtempSync(join(tmpdir(), 'pom-vsix-'));
    for (const [name, content] of files) {
        if (!name.startsWith('extension/') || name.endsWith('/')) continue;
        const path = join(unpacked, name.slice('extension/'.length));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
    }
}, 180_000);

describe('the .vsix', () => {
    it('holds the client, server and CLI bundles, the grammar, language configuration, icon and snippets, and no sources', () => {
        const names = [...files.keys()];
        for (const expected of [
            'extension/package.json',
            'extension/dist/extension.cjs',
            'extension/dist/server.mjs',
            'extension/dist/pom.mjs',
            'extension/syntaxes/pom.tmLanguage.json',
            'extension/language-configuration.json',
            'extension/icons/pom-file.svg',
            'extension/snippets/pom.json',
            'extension/readme.md',
            'extension/changelog.md',
            'extension/LICENSE.md',
            'extension/icons/pom.png',
            'extension/dist/assets/language/schema/graph.schema.json',
        ]) {
            expect(names, expected).toContain(expected);
        }
        expect(names.filter(name => /\.(ts|mts|map)$|tsconfig|\.gitignore/.test(name) || name.includes('/src/') || name.includes('node_modules'))).toEqual([]);
    });

    it('declares the language, grammar, snippets and commands, for a VS Code that runs Node 22', () => {
        const manifest = JSON.parse(text('extension/package.json'));
        expect(manifest.name).toBe('pom-vscode');
        expect(manifest.publisher).toBeTruthy();
        expect(manifest.engines.vscode).toBe('^1.101.0');
        expect(manifest.main).toBe('./dist/extension.cjs');
        expect(manifest.activationEvents).toContain('workspaceContains:**/*.pom');
        const { languages, grammars, snippets, commands } = manifest.contributes;
        expect(languages[0]).toMatchObject({ id: 'pom', extensions: ['.pom'], configuration: './language-configuration.json' });
        expect(files.has(`extension/${languages[0].icon.light.replace('./', '')}`)).toBe(true);
        expect(grammars[0]).toMatchObject({ language: 'pom', scopeName: 'source.pom' });
        expect(files.has(`extension/${grammars[0].path.replace('./', '')}`)).toBe(true);
        expect(files.has(`extension/${snippets[0].path.replace('./', '')}`)).toBe(true);
        expect(commands.map((c: { command: string; title: string; category: string }) => `${c.category}: ${c.title}`).sort()).toEqual([
            'pom: Build site',
            'pom: Preview view',
            'pom: Restart language server',
            'pom: Show diagram',
        ]);
    });

    it('is ready for the Marketplace and Open VSX: icon, changelog, trust, settings, and a README whose links work', () => {
        const manifest = JSON.parse(text('extension/package.json'));
        // The icon: a 128×128 PNG (the width and height of a PNG's IHDR chunk).
        const icon = files.get(`extension/${manifest.icon}`)!;
        expect(icon.subarray(1, 4).toString()).toBe('PNG');
        expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
        expect(manifest.scripts['vscode:prepublish']).toBeTruthy();
        expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
        expect(manifest.capabilities.virtualWorkspaces.supported).toBe(false);
        const buildSite = manifest.contributes.menus.commandPalette.find((entry: { command: string }) => entry.command === 'pom.buildSite');
        expect(buildSite.when).toContain('isWorkspaceTrusted');
        expect(manifest.contributes.configuration.properties['pom.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
        expect(text('extension/changelog.md')).toMatch(/^# Changelog\n[\s\S]*## 0\.1\.0/);
        // Links are absolute (vsce would rewrite relative ones against the repository into broken URLs) and each
        // names a file of this repository.
        const readme = text('extension/readme.md');
        const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map(match => match[1]);
        expect(links.length).toBeGreaterThan(3);
        for (const link of links) {
            expect(link, link).toMatch(/^https:\/\//);
            const inRepository = /^https:\/\/github\.com\/pom-lang\/pom\/blob\/main\/([^#]+)/.exec(link)?.[1];
            if (inRepository) expect(existsSync(inRepository), link).toBe(true);
        }
        expect(readme).not.toMatch(/npm run|vsce|esbuild/); // it speaks to users, not to whoever builds it
    });

    it('ships the grammar generated from the language, and a language configuration for its comments and brackets', () => {
        expect(text('extension/syntaxes/pom.tmLanguage.json')).toBe(readFileSync('language/src/generated/syntaxes/pom.tmLanguage.json', 'utf8'));
        const configuration = JSON.parse(text('extension/language-configuration.json'));
        expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(configuration.autoClosingPairs.map((pair: { open: string }) => pair.open)).toEqual(expect.arrayContaining(['{', '[', '"']));
        expect(new RegExp(configuration.folding.markers.start).test('  // #region Checkout')).toBe(true);
        expect(new RegExp(configuration.indentationRules.increaseIndentPattern).test('bet b "B" {')).toBe(true);
    });

    it('has a client bundle that needs nothing but VS Code and Node', () => {
        const client = text('extension/dist/extension.cjs');
        const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map(match => match[1]));
        const builtins = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`)]);
        expect([...required].filter(name => name !== 'vscode' && !builtins.has(name))).toEqual([]);
        expect(required.has('vscode')).toBe(true);
        // Every command the manifest contributes is registered by the client.
        for (const { command } of JSON.parse(text('extension/package.json')).contributes.commands) {
            expect(client, command).toContain(`"${command}"`);
        }
    });

    it('has snippets for the common objects that compile once their placeholders are filled', async () => {
        const snippets = JSON.parse(text('extension/snippets/pom.json')) as Record<string, { prefix: string; body: string[] }>;
        expect(
            Object.values(snippets)
                .map(s => s.prefix)
                .sort(),
        ).toEqual(['bet', 'driver', 'impact', 'input', 'insight', 'opportunity', 'option', 'team', 'view']);
        // What the snippets' default placeholders refer to.
        const fixture = `package demo
team my-team "T"
scope my-scope "S"
north-star my-north-star "N"
driver my-driver "D"
input my-input "I"
opportunity my-opportunity "O"
option my-option "O"
bet my-bet "B"
metric my-metric "M"
`;
        for (const [name, snippet] of Object.entries(snippets)) {
            const expanded = snippet.body
                .join('\n')
                .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1') // a choice: its first option
                .replace(/\$\{\d+:([^}]*)\}/g, '$1') // a placeholder: its default
                .replace(/\$\d+/g, ''); // tab stops
            const result = await compile({ 'fixture.pom': fixture, 'snippet.pom': `package demo\n${expanded.replace(/\bname\b/, 'snippet')}\n` });
            expect(errors(result), `${name}:\n${expanded}`).toEqual([]);
        }
    });
});

describe('the bundled pom CLI', () => {
    it('checks and builds examples/acme exactly as the unbundled CLI does', async () => {
        const acme = resolve('examples/acme');
        const bundled = await node([join(unpacked, 'dist/pom.mjs'), 'check', acme], unpacked);
        const plain = await node([POM, 'check', acme], unpacked);
        expect(bundled).toEqual(plain);
        const out = mkdtempSync(join(tmpdir(), 'pom-vsix-build-'));
        expect((await node([join(unpacked, 'dist/pom.mjs'), 'build', acme, '--out', join(out, 'bundled')], unpacked)).code).toBe(0);
        expect((await node([POM, 'build', acme, '--out', join(out, 'plain')], unpacked)).code).toBe(0);
        for (const file of ['graph.json', 'graph.schema.json']) {
            expect(readFileSync(join(out, 'bundled', file), 'utf8'), file).toBe(readFileSync(join(out, 'plain', file), 'utf8'));
        }
    });

    it('knows its version and writes the starter workspace', async () => {
        const version = await node([join(unpacked, 'dist/pom.mjs'), '--version'], unpacked);
        expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
        const dir = mkdtempSync(join(tmpdir(), 'pom-vsix-init-'));
        expect((await node([join(unpacked, 'dist/pom.mjs'), 'init', dir], dir)).code).toBe(0);
        expect((await node([join(unpacked, 'dist/pom.mjs'), 'check', dir], dir)).code).toBe(0);
    });
});

describe('the bundled language server', () => {
    it('answers initialize over stdio', async () => {
        const server = spawn(process.execPath, [join(unpacked, 'dist/server.mjs'), '--stdio'], { cwd: unpacked, stdio: ['pipe', 'pipe', 'pipe'] });
        const send = (message: object) => {
            const body = JSON.stringify({ jsonrpc: '2.0', ...message });
            server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        };
        const responses = new Map<number, { result?: { capabilities: Record<string, unknown> } }>();
        let buffer = Buffer.alloc(0);
        const answered = (id: number) =>
            new Promise<void>((resolvePromise, reject) => {
                const timer = setTimeout(() => reject(new Error(`no answer to request ${id}; stderr: ${stderr}`)), 30_000);
                const poll = () => (responses.has(id) ? (clearTimeout(timer), resolvePromise()) : setTimeout(poll, 20));
                poll();
            });
        let stderr = '';
        server.stderr.on('data', chunk => {
            stderr += chunk;
        });
        server.stdout.on('data', (chunk: Buffer) => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                const headerEnd = buffer.indexOf('\r\n\r\n');
                if (headerEnd < 0) return;
                const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
                if (buffer.length < headerEnd + 4 + length) return;
                const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
                buffer = buffer.subarray(headerEnd + 4 + length);
                if (typeof message.id === 'number' && !message.method) responses.set(message.id, message);
            }
        });
        const exited = new Promise<number | null>(resolvePromise => server.on('exit', code => resolvePromise(code)));

        send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
        await answered(1);
        const capabilities = responses.get(1)!.result!.capabilities;
        expect(capabilities.textDocumentSync).toBeDefined();
        expect(capabilities.completionProvider).toBeDefined();
        // What the extension itself relies on: Format Document, and the Preview lens on views.
        expect(capabilities.documentFormattingProvider).toBeTruthy();
        expect(capabilities.codeLensProvider).toBeTruthy();
        send({ method: 'initialized', params: {} });
        const uri = 'file:///virtual/smoke.pom';
        const messy = 'package demo\nteam   t "T" {   topology: platform\n}\n';
        send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'pom', version: 1, text: messy } } });
        send({ id: 2, method: 'textDocument/formatting', params: { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } } });
        await answered(2);
        const edits = (responses.get(2) as unknown as { result: Array<{ newText: string }> }).result;
        expect(edits.length).toBeGreaterThan(0);
        // The live preview: the bundled server lays the diagram out in its worker threads (elkjs from a file).
        const withView = `${messy}view platform "Platform" {\n  include team\n}\n`;
        send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: withView }] } });
        send({ id: 4, method: 'pom/diagram', params: { view: 'demo.platform' } });
        await answered(4);
        expect((responses.get(4) as unknown as { result: { svg: string } }).result.svg).toContain('data-id="demo.t"');
        send({ id: 3, method: 'shutdown' });
        await answered(3);
        send({ method: 'exit' });
        expect(await exited).toBe(0);
    });
});
