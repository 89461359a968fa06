#!/usr/bin/env node
// The pom command. Needs Node.js 22 or newer (the language toolkit uses ES2024 built-ins).
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
    process.stderr.write(
        `pom: error: pom needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n` +
            `In this repository, run it through npm scripts or npx (they use the Node 22 the project installs): npx pom --help\n`,
    );
    process.exit(2);
}
if (process.argv[2] === 'check') {
    // V8's optimising compiler works on a thread of its own, and by default inlines up to 920 bytes of bytecode into a
    // function. On a check of 10,000 objects that took about a second of CPU: on two cores it competed with the
    // garbage collector's helper threads, and hot functions waited their turn to be optimised. Smaller inlining budgets
    // halve that work. Servers (lsp, mcp, serve) keep V8's defaults, which suit code that runs for hours.
    process.getBuiltinModule('node:v8').setFlagsFromString('--max-inlined-bytecode-size=100 --max-inlined-bytecode-size-cumulative=200');
}
// V8's compile cache: runs after the first skip compiling pom's modules (Node 22.1+; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
// The bundled CLI (npm run build writes it; cli/scripts/bundle.mjs).
const { main, commandIsDone } = await import('../../out/bundle/main.js');
process.exitCode = await main(process.argv);
if (process.env.POM_STATS) {
    // For npm run bench: peak memory of this process.
    process.stderr.write(`pom-stats ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}
if (commandIsDone()) {
    // Exit once everything written has reached stdout and stderr, skipping the heap's tear-down (see commandIsDone).
    const written = stream => stream.writableLength === 0 || new Promise(resolve => stream.once('drain', resolve));
    await Promise.all([written(process.stdout), written(process.stderr)]);
    process.exit();
}
