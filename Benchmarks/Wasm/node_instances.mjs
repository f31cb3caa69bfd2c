// The V8 side of `instances`: N live instances of one module, each with its own memory, timed one
// by one, and the resident set they add. Function imports are linked to stubs that throw (they are
// never called). If one cannot be made, prints how many are live and the error instead. Usage: node --expose-gc node_instances.mjs <module.wasm> <N>
import { readFileSync } from 'node:fs';

const [path, countText] = process.argv.slice(2);
const count = Number(countText);
const module = new WebAssembly.Module(readFileSync(path));
const imports = {};
for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
  if (kind !== 'function') throw new Error(`import ${from}.${name} is a ${kind}; only functions are stubbed`);
  (imports[from] ??= {})[name] = () => { throw new Error(`${from}.${name} is not linked`); };
}
for (let i = 0; i < 100; i++) new WebAssembly.Instance(module, imports);
globalThis.gc();
const before = process.memoryUsage().rss;
const live = [];
const times = new Float64Array(count);
for (let i = 0; i < count; i++) {
  const start = process.hrtime.bigint();
  try {
    live.push(new WebAssembly.Instance(module, imports));
  } catch (e) {
    console.log(JSON.stringify({ live: live.length, error: String(e) }));
    process.exit(0);
  }
  times[i] = Number(process.hrtime.bigint() - start) / 1000;
}
globalThis.gc();
const after = process.memoryUsage().rss;
times.sort();
const mean = times.reduce((a, b) => a + b, 0) / count;
console.log(JSON.stringify({
  live: live.length,
  rss_per_instance: (after - before) / count,
  mean_us: mean,
  p50_us: times[Math.floor(count * 0.5)],
  p99_us: times[Math.floor(count * 0.99)],
}));
