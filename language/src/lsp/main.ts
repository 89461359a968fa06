// The language server's entry point: `node out/language/src/lsp/main.js --stdio` (also what editors bundle).
import { startPomLanguageServer } from './server.js';

startPomLanguageServer();
