#!/usr/bin/env node
// The `thidua` command: runs the TypeScript server through tsx, no build step needed.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/main.ts');
