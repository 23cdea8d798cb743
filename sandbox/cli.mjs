#!/usr/bin/env node
// `npm run sandbox [-- --port 8787 --solve-ms 4000 --balance 5 --fail-rate 0 --quiet]`: the local
// AnySolver-compatible API for manual testing and the demo. Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { startSandbox } from './server.mjs';

const DEMO_KEY = 'anysolver_sandbox_demo_key';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'solve-ms': { type: 'string', default: '4000' },
    balance: { type: 'string', default: '5' },
    'fail-rate': { type: 'string', default: '0' },
    quiet: { type: 'boolean', default: false },
  },
});
const numbers = {
  port: Number(values.port),
  solveMs: Number(values['solve-ms']),
  balance: Number(values.balance),
  failRate: Number(values['fail-rate']),
};
for (const [name, n] of Object.entries(numbers)) {
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number`);
    process.exit(2);
  }
}

const sandbox = await startSandbox({
  port: numbers.port,
  host: values.host,
  solveMs: numbers.solveMs,
  failRate: numbers.failRate,
  keys: { [DEMO_KEY]: numbers.balance },
  log: !values.quiet,
});
console.log(`AnySolver sandbox listening on ${sandbox.url}`);
console.log(`Demo client key: ${DEMO_KEY} (balance $${numbers.balance}, solve time ${numbers.solveMs} ms)`);
console.log(`Set the extension's API endpoint to ${sandbox.url}. Ctrl-C stops.`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
