// npm run bench (editor): what typing costs in `pom lsp --stdio`.
//   1. Keystroke CPU with an unclosed brace: a file whose first object is left open (`bet tmp "T" {`) above ten
//      views; each keystroke edits the file, and the server's CPU time (user + system, from /proc) per keystroke
//      is compared with the same file closed. Target: under 50 ms.
//   2. Completion latency at 10k objects: a link target (`targets -> `) and a field value (`status: `), median
//      request time once the workspace is built.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { generateOrganisation } from './generate.mjs';
import { startServer } from './lsp-server.mjs';

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function viewsFile(unclosed) {
    const views = Array.from(
        { length: 10 },
        (_, i) =>
            `view v${i} "View ${i}" {\n  audience: exec\n  include north-star, driver, input\n  include bet where status = active and targets -> input\n  include * linked to b1 via [targets, drives] depth 2\n  layout: left-to-right\n  links: drives, targets\n}\n`,
    ).join('\n');
    const bets = Array.from({ length: 10 }, (_, i) => `bet b${i} "Bet ${i}" {\n  status: active\n  owner -> t\n}\n`).join('\n');
    return `package acme\n\nteam t "T"\n\n${unclosed ? 'bet tmp "T" {\n  status: active\n\n' : ''}${bets}\n${views}`;
}

/** Server CPU per keystroke while typing a title into the file, with its first body closed and left open. */
export async function benchKeystrokes(keystrokes = Number(process.env.BENCH_KEYSTROKES ?? 20)) {
    const scratch = mkdtempSync(join(tmpdir(), 'pom-bench-keys-'));
    const dir = join(scratch, 'ws');
    mkdirSync(dir);
    const result = {};
    try {
        for (const unclosed of [false, true]) {
            const text = viewsFile(unclosed);
            writeFileSync(join(dir, 'views.pom'), text);
            const server = await startServer(dir, { env: { POM_CACHE_DIR: join(dir, '..', 'cache') } });
            const uri = pathToFileURL(join(dir, 'views.pom')).toString();
            await server.until(() => server.published.has(uri), 'the first diagnostics');
            await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'pom', version: 1, text } });
            await new Promise(done => setTimeout(done, 500));
            const before = server.cpu();
            const start = performance.now();
            let typed = text;
            for (let i = 0; i < keystrokes; i++) {
                typed = typed.replace('"Bet 9', `"Bet 9${'x'}`);
                const version = i + 2;
                const sent = process.hrtime.bigint();
                await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
                    textDocument: { uri, version },
                    contentChanges: [{ text: typed }],
                });
                await server.until(() => (server.published.get(uri)?.at ?? 0n) > sent, 'diagnostics after a keystroke');
            }
            const cpuPerKey = (server.cpu() - before) / keystrokes;
            result[unclosed ? 'unclosed' : 'closed'] = { cpuMsPerKeystroke: cpuPerKey, wallMsPerKeystroke: (performance.now() - start) / keystrokes };
            await server.stop();
        }
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    console.log(`\nKeystroke cost in pom lsp --stdio (a file with ten views, ${keystrokes} keystrokes, server CPU from /proc; target < 50 ms):`);
    console.log('| first object | server CPU / keystroke | wall / keystroke (to diagnostics) |');
    console.log('| --- | ---: | ---: |');
    for (const [name, r] of Object.entries(result))
        console.log(
            `| ${name === 'closed' ? 'closed' : 'left open: `bet tmp "T" {`'} | ${r.cpuMsPerKeystroke.toFixed(0)} ms | ${r.wallMsPerKeystroke.toFixed(0)} ms |`,
        );
    return result;
}

/** Completion request time at a link target and a field value in a built workspace of `size` objects. */
export async function benchCompletion(
    size = Number(process.env.BENCH_COMPLETION_SIZE ?? 10000),
    requests = Number(process.env.BENCH_COMPLETION_REQUESTS ?? 15),
) {
    const scratch = mkdtempSync(join(tmpdir(), 'pom-bench-completion-'));
    const dir = join(scratch, 'ws');
    const result = {};
    try {
        const org = generateOrganisation(dir, size);
        const server = await startServer(dir, { env: { POM_CACHE_DIR: join(dir, '..', 'cache') } });
        await server.until(() => server.published.size >= org.files, 'the diagnostics of every file');
        const file = join(dir, 'p3', 'unit-0003.pom');
        const uri = pathToFileURL(file).toString();
        const original = readFileSync(file, 'utf8');
        const typed = original.replace(/\n}/, '\n  targets -> \n  status: \n}');
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'pom', version: 1, text: typed } });
        const lines = typed.split('\n');
        const at = needle => {
            const line = lines.findIndex(l => l === needle);
            return { line, character: needle.length };
        };
        for (const [name, position] of [
            ['link target (`targets -> `)', at('  targets -> ')],
            ['field value (`status: `)', at('  status: ')],
        ]) {
            const samples = [];
            let items = 0;
            for (let i = 0; i < requests; i++) {
                const start = performance.now();
                const list = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
                samples.push(performance.now() - start);
                items = (list?.items ?? list ?? []).length;
            }
            result[name] = { medianMs: median(samples), items };
        }
        await server.stop();
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    console.log(`\nCompletion latency in pom lsp --stdio at ${size.toLocaleString('en')} objects (median of ${requests} requests):`);
    console.log('| position | median | items |');
    console.log('| --- | ---: | ---: |');
    for (const [name, r] of Object.entries(result)) console.log(`| ${name} | ${r.medianMs.toFixed(0)} ms | ${r.items} |`);
    return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    await benchKeystrokes();
    await benchCompletion();
}
