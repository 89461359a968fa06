// The output formats of the commands, here rather than in the commands' modules: the command line lists them
// in its options, and main.ts imports a command's module only when that command runs.
export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export const DIAGRAM_FORMATS = ['svg', 'png', 'mermaid', 'drawio'] as const;
export const EXPORT_FORMATS = ['csv', 'graphml'] as const;
export const IMPORT_FORMATS = ['backstage', 'teamapi'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
