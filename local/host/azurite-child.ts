/**
 * Runs Azurite in this process and exits when the parent host goes away (its stdin pipe
 * closes), so even a host killed with SIGKILL leaves no storage emulator behind.
 * Arguments are Azurite's own.
 */
import { createRequire } from 'node:module';

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

const require = createRequire(import.meta.url);
require('azurite/dist/src/azurite.js');
