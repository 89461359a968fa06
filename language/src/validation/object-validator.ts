import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import { isEnumValue, isField, isPomObject, type EnumMember, type Field, type MetaEntry, type PomAstType, type PomObject } from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { containerObject } from '../references/names.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { checkValue } from './values.js';

/** Fields of objects: required ones present, none set twice, values of the declared type, horizons nested well. */
export class ObjectValidator {
    protected readonly types: PomTypeSystem;

    constructor(services: PomServices) {
        this.types = services.model.TypeSystem;
    }

    checks(): ValidationChecks<PomAstType> {
        return {
            PomObject: [this.checkFields, this.checkNestedHorizon],
            Field: this.checkFieldValue,
            MetaEntry: this.checkMetaValue,
        };
    }

    checkFields = (object: PomObject, accept: ValidationAcceptor): void => {
        const type = object.type?.ref;
        if (!type) return;
        const members = object.members;
        // Most objects set a few fields: a name is looked for among them, without a set made per object validated.
        const names = members.length > 16 ? new Set<string>() : undefined;
        for (let i = 0; i < members.length; i++) {
            const member = members[i];
            if (member.$type !== 'Field') continue;
            const name = member.field?.$refText;
            if (!name) continue;
            if (names ? names.has(name) : setsField(members, i, name)) {
                accept('error', `'${name}' is set twice on '${object.name}'; keep one.`, { node: member, property: 'field', code: IssueCodes.DuplicateField });
            } else {
                names?.add(name);
            }
        }
        // The declarations, each under its own name: no [name, field] pair is made per field of every object checked.
        for (const field of this.types.fieldList(type)) {
            const name = field.name;
            if (field.optional || field.default || (names ? names.has(name) : setsField(members, members.length, name))) continue;
            if (field.inherited && this.inheritedField(object, name)) continue;
            accept('error', `${type.name} '${object.name}' needs '${name}' (${this.types.describeType(field)}): add '${name}: …' to it.`, {
                node: object,
                property: 'name',
                code: IssueCodes.MissingField,
                data: { field: name },
            });
        }
    };

    /** A nested object should not outlast its container: an option of a quarterly opportunity is not a decade long. */
    checkNestedHorizon = (object: PomObject, accept: ValidationAcceptor): void => {
        // Most objects are not nested: their own horizon is not worked out.
        let parent = containerObject(object);
        if (!parent) return;
        const own = this.horizonOf(object);
        if (!own?.member) return;
        for (; parent; parent = containerObject(parent)) {
            const theirs = this.horizonOf(parent);
            if (!theirs?.member) continue;
            const [a, b] = [this.types.rank(own.member), this.types.rank(theirs.member)];
            if (a !== undefined && b !== undefined && a > b) {
                accept(
                    'warning',
                    `'${object.name}' has horizon ${own.member.name}, longer than its container '${parent.name}' (${theirs.member.name}). ` +
                        `A nested item should fit within its container's horizon.`,
                    { node: own.field ?? object, property: own.field ? 'value' : 'name', code: IssueCodes.HorizonInversion },
                );
            }
            return;
        }
    };

    checkFieldValue = (field: Field, accept: ValidationAcceptor): void => {
        const decl = field.field?.ref;
        if (decl) checkValue(field.value, decl, this.types, accept);
    };

    checkMetaValue = (entry: MetaEntry, accept: ValidationAcceptor): void => {
        const decl = entry.key?.ref;
        if (decl) checkValue(entry.value, decl, this.types, accept);
    };

    /** The object's horizon, set or defaulted, and the field that sets it. */
    horizonOf(object: PomObject): { member?: EnumMember; field?: Field } | undefined {
        const type = object.type?.ref;
        if (!type) return undefined;
        for (const decl of this.types.horizonFields(type)) {
            for (const member of object.members) {
                if (isField(member) && member.field?.ref === decl)
                    return { member: isEnumValue(member.value) ? member.value.member.ref : undefined, field: member };
            }
            if (isEnumValue(decl.default)) return { member: decl.default.member.ref };
        }
        return undefined;
    }

    protected inheritedField(object: PomObject, name: string): boolean {
        for (let parent = AstUtils.getContainerOfType(object.$container, isPomObject); parent; parent = containerObject(parent)) {
            if (parent.members.some(m => isField(m) && m.field?.$refText === name)) return true;
        }
        return false;
    }
}

/** Whether one of the first `end` members sets the field named `name` (a non-empty name). */
function setsField(members: PomObject['members'], end: number, name: string): boolean {
    for (let i = 0; i < end; i++) {
        const member = members[i];
        if (member.$type === 'Field' && member.field?.$refText === name) return true;
    }
    return false;
}
