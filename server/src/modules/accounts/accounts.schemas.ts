import { createUserBody } from '@thidua/contracts';
import { z } from 'zod';

/**
 * The server accepts any password length here so that a short one answers WEAK_PASSWORD (the
 * same code as changing a password) instead of a generic validation error; the web client keeps
 * the contract's min(10) to warn early.
 */
export const createUserRequest = createUserBody.extend({ password: z.string().max(1000) });
export type CreateUserRequest = z.output<typeof createUserRequest>;
