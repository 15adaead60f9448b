export * from './enums.js';
export * from './errors.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/org.js';
export * from './schemas/audit.js';
export * from './schemas/imports.js';
export * from './schemas/plans.js';
