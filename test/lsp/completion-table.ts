/**
 * Cursor positions in a copy of examples/acme and what completion must and must not offer there. `edit` replaces the
 * first occurrence of its anchor in `file` by a text holding the cursor, ‸. Shared by the in-process and stdio runs.
 */
export interface CompletionRow {
    name: string;
    file: string;
    edit: [anchor: string, replacement: string];
    must: string[];
    not: string[];
    /** Nothing at all may be offered. */
    empty?: boolean;
}

export const CURSOR = '‸';
const END = '<end of file>';

const BETS = 'bets/commerce.pom';
const VIEWS = 'views/views.pom';
const OCC = 'person-weeks: 60\n  health: on-track\n';
const inBet = (text: string): [string, string] => [OCC, `${OCC}  ${text}\n`];
/** Appends to the file. */
const atEnd = (text: string): [string, string] => [END, `\n${text}`];
const newView = (body: string): [string, string] => ['\nview strategy-map ', `\nview scratch "Scratch" {\n  ${body}\n}\n\nview strategy-map `];

export const COMPLETION_TABLE: CompletionRow[] = [
    // Enum values
    { name: 'enum value, typed prefix', file: BETS, edit: inBet('status: a‸'), must: ['active'], not: ['true', 'false', 'proposed', 'paused'] },
    {
        name: 'enum value, at the start of an existing one',
        file: BETS,
        edit: ['status: active\n  person-weeks', 'status: ‸active\n  person-weeks'],
        must: ['active', 'proposed', 'paused', 'done', 'killed'],
        not: ['true', 'false', 'quarters'],
    },
    { name: 'enum value right after the colon', file: BETS, edit: inBet('horizon:‸'), must: ['quarters', 'months'], not: ['true', 'false', 'active'] },
    { name: 'enum value by a word start after -', file: BETS, edit: inBet('health: track‸'), must: ['on-track', 'off-track'], not: ['unknown', 'at-risk'] },
    { name: 'no values for a text field', file: BETS, edit: inBet('hypothesis: ‸'), must: [], not: ['true', 'false', 'active'], empty: true },
    { name: 'no values for a date field', file: BETS, edit: inBet('as-of: ‸'), must: [], not: ['true', 'false'], empty: true },
    { name: 'no values for a text list', file: BETS, edit: inBet('tags: [‸'), must: [], not: ['true', 'false'], empty: true },
    {
        name: 'metadata value',
        file: BETS,
        edit: ['targets -> checkout-completion { expected: "+2pp", confidence: medium', 'targets -> checkout-completion { expected: "+2pp", confidence: ‸'],
        must: ['low', 'medium', 'high'],
        not: ['true', 'false', 'active'],
    },
    // Fields and links
    {
        name: 'new line in a body with members',
        file: BETS,
        edit: inBet('‸'),
        must: ['doc', 'url', 'targets', 'depends-on', 'owner', 'allow'],
        not: ['drives', 'owns', 'funds', 'status', 'health', 'true'],
    },
    { name: 'field by typed prefix', file: BETS, edit: inBet('hor‸'), must: ['horizon'], not: ['owner', 'status'] },
    {
        name: 'field by prefix, set ones left out',
        file: BETS,
        edit: inBet('st‸'),
        must: ['start'],
        not: ['status', 'stage', 'stewards', 'true', 'std.depends-on', 'std.chosen-from'],
    },
    { name: 'link by typed prefix', file: BETS, edit: inBet('dep‸'), must: ['depends-on'], not: ['delivers', 'drives'] },
    {
        name: 'after a nested object, the outer object’s members',
        file: BETS,
        edit: ['    in-cycle -> q4-2026\n  }\n', '    in-cycle -> q4-2026\n  }\n  ‸\n'],
        must: ['doc', 'targets', 'chosen-from'],
        not: ['delivers', 'drives', 'kill-criteria'],
    },
    {
        name: 'members of a nested object',
        file: BETS,
        edit: inBet('work w "W" {\n    ‸\n  }'),
        must: ['delivers', 'kind'],
        not: ['hypothesis', 'kill-criteria'],
    },
    {
        name: 'metadata key by prefix',
        file: BETS,
        edit: ['targets -> checkout-completion { expected', 'targets -> checkout-completion { ex‸ expected'],
        must: ['expected'],
        not: ['status', 'confidence'],
    },
    {
        name: 'allow offers warning codes',
        file: BETS,
        edit: inBet('allow ‸'),
        must: ['wip-limit-exceeded', 'bet-without-target', 'acme.views.active-bets-have-targets'],
        not: ['syntax-error', 'unknown-object', 'bet', 'status'],
    },
    { name: 'nothing in a line comment', file: BETS, edit: inBet('// status: a‸'), must: [], not: ['active'], empty: true },
    { name: 'nothing in a block comment', file: BETS, edit: inBet('/* owner -> ‸ */'), must: [], not: ['checkout-team'], empty: true },
    { name: 'nothing in a string', file: BETS, edit: inBet('doc: "st‸"'), must: [], not: ['status', 'start'], empty: true },
    // Link targets
    {
        name: 'target labels as short as resolves, with a prefix',
        file: BETS,
        edit: inBet('targets -> check‸'),
        must: ['checkout-completion'],
        not: ['strategy.checkout-completion', 'acme.strategy.checkout-completion', 'checkout-4-2', 'checkout-team'],
    },
    {
        name: 'targets keep the type filter',
        file: BETS,
        edit: inBet('targets -> ‸'),
        must: ['checkout-completion', 'card-authorisation'],
        not: ['checkout-team', 'one-click-checkout', 'payments-2026-08'],
    },
    {
        name: 'owner with a prefix keeps the type filter',
        file: BETS,
        edit: inBet('owner -> pay‸'),
        must: ['payments-core', 'payouts-team'],
        not: ['payout-speed', 'payments-2026-08', 'pay-later-flat'],
    },
    { name: 'owner by a word start', file: BETS, edit: inBet('owner -> team‸'), must: ['checkout-team', 'growth-team'], not: ['payments-core'] },
    {
        name: 'qualified prefix after a dot',
        file: BETS,
        edit: inBet('in-scope -> commerce.‸'),
        must: ['commerce.checkout', 'commerce.payments'],
        not: ['type', 'view', 'bet', 'platform'],
    },
    {
        name: 'at the start of an existing target',
        file: BETS,
        edit: ['targets -> checkout-completion {', 'targets -> ‸checkout-completion {'],
        must: ['checkout-completion', 'false-declines'],
        not: ['checkout-team', 'one-click-checkout', 'commerce.checkout'],
    },
    {
        name: 'chosen-from offers options only',
        file: BETS,
        edit: inBet('chosen-from -> ‸'),
        must: ['abandonment.one-click'],
        not: ['checkout-completion', 'checkout-team'],
    },
    {
        name: 'sibling nested objects by their own name',
        file: BETS,
        edit: ['    kind: experiment\n    status: in-progress\n', '    kind: experiment\n    status: in-progress\n    depends-on -> card‸\n'],
        must: ['card-vault'],
        not: ['one-click-checkout.card-vault'],
    },
    {
        name: 'the second target of a list',
        file: BETS,
        edit: inBet('targets -> checkout-completion, ‸'),
        must: ['false-declines'],
        not: ['checkout-completion', 'checkout-team'],
    },
    // New blocks
    {
        name: 'top level after elements',
        file: BETS,
        edit: atEnd('‸'),
        must: ['view', 'rule', 'query', 'settings', 'bet', 'team', 'type'],
        not: ['status', 'targets', 'import', 'package'],
    },
    { name: 'the name of a new object', file: BETS, edit: atEnd('bet ‸'), must: [], not: ['view', 'bet', 'status'], empty: true },
    { name: 'the name of a new type', file: BETS, edit: atEnd('type ‸'), must: [], not: ['bet'], empty: true },
    {
        name: 'import offers packages not yet imported',
        file: BETS,
        edit: ['import acme.cadence    // cycles\n', 'import acme.cadence    // cycles\nimport ‸\n'],
        must: ['acme.views'],
        not: ['acme.strategy', 'acme.bets', 'bet', 'type', 'std'],
    },
    { name: 'package offers packages', file: 'scratch.pom', edit: ['', 'package ‸'], must: ['acme.bets', 'acme'], not: ['type', 'bet', 'std'] },
    { name: 'view members', file: VIEWS, edit: newView('‸'), must: ['include', 'exclude', 'audience', 'layout', 'links'], not: ['bet', 'status', 'targets'] },
    {
        name: 'view extends offers views',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nview scratch "S" extends strat‸\n\nview strategy-map '],
        must: ['strategy-map', 'strategy-map-eng'],
        not: ['bet', 'driver'],
    },
    {
        name: 'include offers types, objects and *',
        file: VIEWS,
        edit: newView('include ‸'),
        must: ['bet', 'team', '*', 'checkout-completion'],
        not: ['include', 'audience'],
    },
    { name: 'selector keywords after a head', file: VIEWS, edit: newView('include bet w‸'), must: ['where'], not: ['bet'] },
    {
        name: 'where offers the head type’s fields and links',
        file: VIEWS,
        edit: newView('include bet where ‸'),
        must: ['status', 'horizon', 'targets', 'has', 'not'],
        not: ['drives', 'topology'],
    },
    { name: 'comparison value', file: VIEWS, edit: newView('include bet where status = ‸'), must: ['active', 'done'], not: ['true', 'false', 'quarters'] },
    { name: 'and/or after a condition', file: VIEWS, edit: newView('include bet where status = active ‸'), must: ['and', 'or', 'include'], not: ['active'] },
    {
        name: 'link condition target',
        file: VIEWS,
        edit: newView('include bet where targets -> ‸'),
        must: ['checkout-completion', 'input', '*'],
        not: ['checkout-team', 'team'],
    },
    {
        name: 'linked to offers objects',
        file: VIEWS,
        edit: newView('include * linked to ‸'),
        must: ['checkout-completion', 'checkout-team'],
        not: ['bet', 'include'],
    },
    {
        name: 'via offers link kinds',
        file: VIEWS,
        edit: newView('include * linked to checkout-completion via [targets, ‸'),
        must: ['drives', 'owner'],
        not: ['bet', 'status'],
    },
    { name: 'layout directions', file: VIEWS, edit: newView('layout: ‸'), must: ['left-to-right', 'top-to-bottom'], not: ['include', 'true'] },
    { name: 'links offers link kinds', file: VIEWS, edit: newView('links: drives, ‸'), must: ['targets', 'owner'], not: ['bet'] },
    {
        name: 'rule members',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nrule scratch "S" {\n  ‸\n}\n\nview strategy-map '],
        must: ['for', 'require', 'severity', 'message'],
        not: ['bet', 'include'],
    },
    {
        name: 'rule require sees the for types',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nrule scratch "S" {\n  for bet\n  require ‸\n}\n\nview strategy-map '],
        must: ['owner', 'status', 'has', 'count'],
        not: ['drives', 'topology'],
    },
    {
        name: 'rule for offers selectors, not keywords',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nrule scratch "S" {\n  for ‸\n}\n\nview strategy-map '],
        must: ['bet', 'team'],
        not: ['for', 'severity', 'require'],
    },
    {
        name: 'rule severity levels',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nrule scratch "S" {\n  severity: ‸\n}\n\nview strategy-map '],
        must: ['error', 'warning', 'info', 'off'],
        not: ['bet'],
    },
    {
        name: 'query members',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nquery scratch "S" {\n  ‸\n}\n\nview strategy-map '],
        must: ['include', 'exclude', 'columns', 'group-by', 'sum'],
        not: ['severity', 'bet'],
    },
    {
        name: 'query columns are fields, not keywords',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nquery scratch "S" {\n  include bet\n  columns: ‸\n}\n\nview strategy-map '],
        must: ['status', 'horizon'],
        not: ['topology', 'include', 'columns'],
    },
    {
        name: 'query group-by names fields',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nquery scratch "S" {\n  include bet\n  group-by: ‸\n}\n\nview strategy-map '],
        must: ['status', 'horizon'],
        not: ['topology', 'include', 'sum'],
    },
    {
        name: 'query sum names number fields',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nquery scratch "S" {\n  include bet\n  sum: ‸\n}\n\nview strategy-map '],
        must: ['person-weeks'],
        not: ['status', 'horizon', 'include'],
    },
    {
        name: 'settings members',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nsettings {\n  ‸\n}\n\nview strategy-map '],
        must: ['severity'],
        not: ['bet', 'include'],
    },
    {
        name: 'settings codes',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nsettings {\n  severity wip‸\n}\n\nview strategy-map '],
        must: ['wip-limit-exceeded'],
        not: ['unknown-object'],
    },
    {
        name: 'settings levels',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nsettings {\n  severity wip-limit-exceeded: ‸\n}\n\nview strategy-map '],
        must: ['error', 'warning', 'info', 'off'],
        not: ['bet'],
    },
    {
        name: 'type extends offers types',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\ntype scratch extends ‸\n\nview strategy-map '],
        must: ['bet', 'team', 'object'],
        not: ['strategy-map', 'view'],
    },
    {
        name: 'field declaration types',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\ntype scratch {\n  f: ‸\n}\n\nview strategy-map '],
        must: ['text', 'number', 'date', 'boolean', 'horizon', 'confidence'],
        not: ['bet', 'team'],
    },
    {
        name: 'link declaration ends',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nlink scratch from bet to ‸\n\nview strategy-map '],
        must: ['bet', 'team'],
        not: ['strategy-map', 'from'],
    },
    {
        name: 'an unclosed body above keeps views views',
        file: VIEWS,
        edit: ['\nview strategy-map ', '\nbet tmp "T" {\n\nview scratch "S" {\n  ‸\n}\n\nview strategy-map '],
        must: ['include', 'layout'],
        not: ['status', 'targets'],
    },
];

/** The file's text after the row's edit, with the cursor's offset. */
export function applyRow(original: string, row: CompletionRow): { text: string; offset: number } {
    const [anchor, replacement] = row.edit;
    const at = anchor === END ? original.length : original.indexOf(anchor);
    if (at < 0) throw new Error(`${row.name}: '${anchor}' is not in ${row.file}`);
    const edited = original.slice(0, at) + replacement + original.slice(at + (anchor === END ? 0 : anchor.length));
    const offset = edited.indexOf(CURSOR);
    return { text: edited.slice(0, offset) + edited.slice(offset + CURSOR.length), offset };
}
