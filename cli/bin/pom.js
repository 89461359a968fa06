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
