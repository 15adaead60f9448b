import { Command } from 'commander';
import { loadConfig } from './platform/config.js';
import { openRuntime } from './platform/runtime.js';
import { migrateToLatest } from './db/migrate.js';
import { serve } from './serve.js';
import { verifyAuditChain } from './platform/audit.js';

const program = new Command('thidua').description('thidua — quản lý phong trào thi đua / emulation movements');

program
  .command('serve', { isDefault: true })
  .description('Start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('Bring the database schema up to date')
  .action(async () => {
    const rt = await openRuntime(loadConfig(), { migrate: false });
    try {
      const applied = await migrateToLatest(rt.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
    } finally {
      await rt.close();
    }
  });

const audit = program.command('audit').description('Audit log tools');
audit
  .command('verify')
  .description('Check the hash chain of the audit log; exits 1 if any row was edited or deleted')
  .action(async () => {
    const rt = await openRuntime(loadConfig());
    try {
      const r = await verifyAuditChain(rt.db);
      if (r.ok) console.log(`Audit log intact: ${r.checked} entries checked.`);
      else console.error(`Audit log BROKEN at entry ${r.firstBrokenId}: ${r.problem} (${r.checked} entries before it are intact).`);
      process.exitCode = r.ok ? 0 : 1;
    } finally {
      await rt.close();
    }
  });

await program.parseAsync(process.argv);
