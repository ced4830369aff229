// Runs a WASI preview1 module under Node's node:wasi: the independent runtime the tests
// compare wasitrace's guest behaviour with.
// usage: node run-wasi.mjs MODULE [--dir HOST:GUEST]... [--env K=V]... -- [ARGS...]
import { WASI } from 'node:wasi';
import fs from 'node:fs';

const argv = process.argv.slice(2);
const file = argv.shift();
const env = {};
const preopens = {};
while (argv.length && argv[0] !== '--') {
  const option = argv.shift();
  if (option === '--dir') {
    const spec = argv.shift();
    const colon = spec.lastIndexOf(':');
    preopens[spec.slice(colon + 1)] = spec.slice(0, colon);
  } else if (option === '--env') {
    const [key, ...value] = argv.shift().split('=');
    env[key] = value.join('=');
  } else {
    throw new Error(`unknown option ${option}`);
  }
}
argv.shift();
const wasi = new WASI({ version: 'preview1', args: [file, ...argv], env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
