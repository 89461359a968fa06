import type { ValidationAcceptor } from 'langium';
import { isBooleanValue, isDateValue, isEnumValue, isListValue, isNumberValue, isTextValue, type FieldDecl, type Value } from '../generated/langium/ast.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { IssueCodes } from '../diagnostics/codes.js';

/**
 * What a wrong-value-type diagnostic carries for its quick fix: the kind of value the field takes, and for an enum
 * its members.
 */
export interface WrongValueData {
    expected: 'list' | 'single' | 'text' | 'number' | 'boolean' | 'date' | 'enum' | 'scalar-items';
    members?: string[];
}

/** Checks a field, metadata or default value against its declaration. */
export function checkValue(value: Value | undefined, field: FieldDecl, types: PomTypeSystem, accept: ValidationAcceptor): void {
    if (!value || !field.type) return;
    const name = field.name;
    if (field.type.list) {
        if (!isListValue(value)) {
            accept('error', `'${name}' takes a list of ${types.describeType(field).slice(0, -2)}: write [ … ].`, {
                node: value,
                code: IssueCodes.WrongValueType,
                data: { expected: 'list' } satisfies WrongValueData,
            });
            return;
        }
        for (const item of value.items) checkScalar(item, field, types, accept);
    } else if (isListValue(value)) {
        accept('error', `'${name}' takes a single ${types.describeType(field)}, not a list.`, {
            node: value,
            code: IssueCodes.WrongValueType,
            data: { expected: 'single' } satisfies WrongValueData,
        });
    } else {
        checkScalar(value, field, types, accept);
    }
}

function checkScalar(value: Value, field: FieldDecl, types: PomTypeSystem, accept: ValidationAcceptor): void {
    // A bare name where something else is expected was already reported by the linker.
    if (isEnumValue(value) && field.type.primitive) return;
    if (isListValue(value))
        return reportWrongValue(
            value,
            field,
            `a single ${types.describeType(field).replace(/\[\]$/, '')} per item, not a nested list`,
            { expected: 'scalar-items' },
            accept,
        );
    switch (field.type.primitive) {
        case 'text':
            if (!isTextValue(value)) reportWrongValue(value, field, `text: write it in quotes, "…"`, { expected: 'text' }, accept);
            return;
        case 'number':
            if (!isNumberValue(value)) reportWrongValue(value, field, 'a number, such as 3 or 2.5', { expected: 'number' }, accept);
            return;
        case 'boolean':
            if (!isBooleanValue(value)) reportWrongValue(value, field, 'true or false', { expected: 'boolean' }, accept);
            return;
        case 'date':
            if (!isDateValue(value)) reportWrongValue(value, field, 'a date, written YYYY-MM-DD', { expected: 'date' }, accept);
            else if (!isValidDate(value.value)) {
                accept('error', `'${value.value}' is not a calendar date (YYYY-MM-DD).`, { node: value, code: IssueCodes.InvalidDate });
            }
            return;
    }
    const enumDecl = types.enumOf(field);
    if (enumDecl && !isEnumValue(value)) {
        const members = enumDecl.members.map(m => m.name);
        reportWrongValue(value, field, `one of ${members.join(', ')} (without quotes)`, { expected: 'enum', members }, accept);
    }
}

/** A wrong value's diagnostic. A function of its own, not a closure in checkScalar, which runs for every value written. */
function reportWrongValue(value: Value, field: FieldDecl, expected: string, data: WrongValueData, accept: ValidationAcceptor): void {
    accept('error', `'${field.name}' takes ${expected}.`, { node: value, code: IssueCodes.WrongValueType, data });
}

/** Whether the text is a calendar date written YYYY-MM-DD. Read character by character: asked for every date value, twice. */
export function isValidDate(text: string): boolean {
    if (text.length !== 10 || text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45) return false;
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1) return false;
    return day <= daysIn(year, month);
}

/** The number the ASCII digits from `start` to `end` write, or -1 if one is not a digit. */
function digits(text: string, start: number, end: number): number {
    let value = 0;
    for (let i = start; i < end; i++) {
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) return -1;
        value = value * 10 + digit;
    }
    return value;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in the month, as Date.UTC counts them (it reads years 0 to 99 as 1900 to 1999). */
function daysIn(year: number, month: number): number {
    if (month !== 2) return MONTH_DAYS[month - 1];
    const y = year <= 99 ? 1900 + year : year;
    return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}
