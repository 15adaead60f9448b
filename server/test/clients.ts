import type { Role } from '@thidua/contracts';
import { Client, type TestApp } from './app.js';
import { newSystemAdmin, newUser, type TestUnit } from './factories.js';

/** A client signed in as a new user holding these roles (each granted at a unit, for its subtree). */
export async function clientWith(t: TestApp, roles: [Role, TestUnit][]): Promise<Client> {
  const user = await newUser(t.ctx.db, { roles });
  const c = new Client(t.app);
  await c.signIn(user.username);
  return c;
}

/** A client signed in as a new system administrator at `unit`, with the second factor they must have. */
export async function adminAt(t: TestApp, unit: TestUnit): Promise<Client> {
  const admin = await newSystemAdmin(t.ctx.db, unit);
  const c = new Client(t.app);
  await c.signIn(admin.username, undefined, admin.totp());
  return c;
}
