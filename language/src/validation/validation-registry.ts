import { ValidationRegistry, isOperationCancelled, type AstNode, type ValidationAcceptor, type ValidationCheck } from 'langium';
import type { PomServices } from '../pom-module.js';
import { DeclarationValidator } from './declaration-validator.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { LinkValidator } from './link-validator.js';
import { ModelValidator } from './model-validator.js';
import { ObjectValidator } from './object-validator.js';
import { SelectorValidator } from './selector-validator.js';

/** Registers one validator per concern; a check that throws becomes an internal-error diagnostic, not a crash. */
export class PomValidationRegistry extends ValidationRegistry {
    constructor(services: PomServices) {
        super(services);
        for (const validator of [
            new DeclarationValidator(services),
            new ObjectValidator(services),
            new LinkValidator(services),
            new ModelValidator(services),
            new SelectorValidator(services),
        ]) {
            this.register(validator.checks(), validator);
        }
    }

    /**
     * pom's checks are synchronous: run them without wrapping every call in two promises (validation visits
     * every node of every document), and turn a throw into an internal-error diagnostic.
     */
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                if (result instanceof Promise) return this.handleException(() => result, 'An error occurred during validation', accept, node);
            } catch (error) {
                this.reportException(error, 'An error occurred during validation', accept, node);
            }
            return undefined;
        };
    }

    protected override async handleException(functionality: () => unknown, messageContext: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            this.reportException(error, messageContext, accept, node);
        }
    }

    protected reportException(error: unknown, messageContext: string, accept: ValidationAcceptor, node: AstNode): void {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- re-throws Langium's cancellation as it came
        if (isOperationCancelled(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        if (process.env.POM_DEBUG) console.error(error);
        accept('error', `${messageContext} (${reason}). This is a bug in pom; the rest of the model was still checked.`, {
            node,
            code: IssueCodes.InternalError,
        });
    }
}
