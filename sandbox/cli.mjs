#!/usr/bin/env node
// `npm run sandbox`: the local AnySolver-compatible API for manual testing and the demo.
import { parseArgs } from 'node:util';
import { startSandbox } from './server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'solve-ms': { type: 'string', default: '4000' },
    balance: { type: 'string', default: '5' },
    quiet: { type: 'boolean', default: false },
  },
});
const key = 'anysolver_sandbox_demo_key';
const sandbox = await startSandbox({
  port: Number(values.port),
  solveMs: Number(values['solve-ms']),
  keys: { [key]: Number(values.balance) },
  log: !values.quiet,
});
console.log(`AnySolver sandbox listening on ${sandbox.url}`);
console.log(`Demo client key: ${key} (balance $${values.balance}); set the extension's API endpoint to ${sandbox.url}`);
process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
