import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (about 20 ms a hash on the reference machine).
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check so that unknown accounts cannot be told apart.
    await hash(password, { algorithm: ARGON2ID });
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
