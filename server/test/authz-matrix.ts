import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit.js';
import type { Client, TestApp } from './app.js';
import { auditCount, type TestUnit } from './factories.js';

/** One request to a mutating route, arranged on fresh rows. */
export interface Arranged {
  /** The unit the route acts on: callers' roles are granted here. */
  unit: TestUnit;
  send(c: Client): Promise<LightMyRequestResponse>;
  /** Everything the route could change, read straight from the database. */
  snapshot(): Promise<unknown>;
}

export interface MatrixRoute {
  name: string;
  /** The status of a permitted call (200, 201…). */
  ok: number;
  arrange(): Promise<Arranged>;
}

export interface MatrixCaller {
  name: string;
  /** The status this caller gets, given the route's success status. */
  expect: (ok: number) => number;
  client(unit: TestUnit): Promise<Client>;
}

/**
 * The authorisation matrix (STYLE.md): every route against every caller. A refusal must leave the
 * rows and the audit log exactly as they were; a success must change the rows and add one audit
 * entry to a chain that still verifies.
 */
export function authorisationMatrix(t: () => TestApp, routes: MatrixRoute[], callers: MatrixCaller[]) {
  for (const route of routes) {
    describe(route.name, () => {
      for (const caller of callers) {
        const status = caller.expect(route.ok);
        it(`${caller.name} → ${status}`, async () => {
          const { db } = t().ctx;
          const arranged = await route.arrange();
          const c = await caller.client(arranged.unit);
          const before = await arranged.snapshot();
          const audits = await auditCount(db);
          const res = await arranged.send(c);
          expect(res.statusCode, res.body).toBe(status);
          if (status >= 400) {
            expect(res.json().error.code).toBe({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[status]);
            expect(await arranged.snapshot()).toEqual(before);
            expect(await auditCount(db)).toBe(audits);
            return;
          }
          expect(await arranged.snapshot()).not.toEqual(before);
          expect(await auditCount(db)).toBe(audits + 1);
          expect((await verifyAuditChain(db)).ok).toBe(true);
        });
      }
    });
  }
}
