/** The Onyx stand-in as a library; the CLI is src/cli.ts. */
export { runOnyx, type OnyxRun } from './run.js';
export { ONYX_EXIT, type OnyxExitCode } from './exit-codes.js';
export { ONYX_HELP } from './help.js';
