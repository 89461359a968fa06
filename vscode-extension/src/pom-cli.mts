// The entry of the bundled pom CLI (dist/pom.mjs): the same program as cli/bin/pom.js, in one file.
import { main } from '../../cli/src/main.js';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
    process.stderr.write(`pom: error: pom needs Node.js 22 or newer; this is Node.js ${process.versions.node}.\n`);
    process.exitCode = 2;
} else {
    process.exitCode = await main(process.argv);
}
