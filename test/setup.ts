import fc from 'fast-check';

/**
 * Property-based tests draw new random cases on every run on a developer's machine (that is how
 * they find bugs). In CI (CI=true) they use a fixed seed so that a landing is reproducible; set
 * FC_SEED to replay a seed that a failure printed.
 */
const seed = process.env['FC_SEED'] ?? (process.env['CI'] ? '20261127' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
