// vitest globalSetup of the unit tier, which runs from the sources (no build): refuse the wrong Node, and code
// generated from an older grammar or standard library, with a message that says what to do.
import { checkNode, staleGenerated } from './preflight.js';

export default function unitPreflight(): void {
    checkNode();
    const stale = staleGenerated();
    if (stale) {
        throw new Error(`${stale.output} was not generated from the current ${stale.source}: run \`npm run generate\` (or \`npm run build\`) first.`);
    }
}
