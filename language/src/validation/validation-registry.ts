import { ValidationRegistry, type AstNode, type ValidationAcceptor } from 'langium';
import type { PomServices } from '../pom-module.js';
import { DeclarationValidator } from './declaration-validator.js';
import { IssueCodes } from './issue-codes.js';
import { LinkValidator } from './link-validator.js';
import { ModelValidator } from './model-validator.js';
import { ObjectValidator } from './object-validator.js';

/** Registers one validator per concern; a check that throws becomes an internal-error diagnostic, not a crash. */
export class PomValidationRegistry extends ValidationRegistry {
    constructor(services: PomServices) {
        super(services);
        for (const validator of [
            new DeclarationValidator(services),
            new ObjectValidator(services),
            new LinkValidator(services),
            new ModelValidator(services),
        ]) {
            this.register(validator.checks(), validator);
        }
    }

    protected override async handleException(functionality: () => unknown, messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            if (error && typeof error === 'object' && 'name' in error && (error as Error).message === 'OperationCancelled') throw error;
            const reason = error instanceof Error ? error.message : String(error);
            if (process.env.POM_DEBUG) console.error(error);
            accept('error', `${messageContext} (${reason}). This is a bug in pom; the rest of the model was still checked.`,
                { node, code: IssueCodes.InternalError });
        }
    }
}
