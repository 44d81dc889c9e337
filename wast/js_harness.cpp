// The JavaScript harness of the JS export (js_harness.h). Its spectest follows wasmref's
// wast/spectest.cpp (itself the reference's host/spectest.ml): the same exports, and tables,
// memories and globals made afresh for each import, as the reference's lookup does.
#include "wast/js_harness.h"

namespace wasm::wast {

std::string_view js_harness() {
  return R"JS('use strict';
// ---- wasmref JS harness (docs/js-format.md) ----

let script = '';  // the .wast file's name, for failure lines
let passed = 0, failed = 0;
const skips = new Map();  // reason -> count

function bytes(base64) { return Uint8Array.from(atob(base64), c => c.charCodeAt(0)); }
function compile(base64) { return new WebAssembly.Module(bytes(base64)); }

// (ref.extern n) and (ref.host n): one JS object per n.
const hostrefs = new Map();
function hostref(n) {
  if (!hostrefs.has(n)) hostrefs.set(n, {hostref: n});
  return hostrefs.get(n);
}

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (Object.is(v, -0)) return '-0';
  if (v === null) return 'null';
  if (typeof v === 'object' && 'hostref' in v) return `hostref(${v.hostref})`;
  if (typeof v === 'object' || typeof v === 'function') return typeof v;
  return String(v);
}

function describe(e) {
  if (typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception)
    return 'a Wasm exception';
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return `thrown ${show(e)}`;
}

// spectest: the print functions print each argument as "value : type".
function printer(types) {
  return (...args) => args.forEach((v, i) => console.log(`${v} : ${types[i]}`));
}
const spectest = {
  print: printer([]),
  print_i32: printer(['i32']),
  print_i64: printer(['i64']),
  print_f32: printer(['f32']),
  print_f64: printer(['f64']),
  print_i32_f32: printer(['i32', 'f32']),
  print_f64_f64: printer(['f64', 'f64']),
  get global_i32() { return new WebAssembly.Global({value: 'i32'}, 666); },
  get global_i64() { return new WebAssembly.Global({value: 'i64'}, 666n); },
  get global_f32() { return new WebAssembly.Global({value: 'f32'}, 666.6); },
  get global_f64() { return new WebAssembly.Global({value: 'f64'}, 666.6); },
  get table() { return new WebAssembly.Table({initial: 10, maximum: 20, element: 'anyfunc'}); },
  get table64() {
    return new WebAssembly.Table(
        {initial: 10n, maximum: 20n, element: 'anyfunc', address: 'i64'});
  },
  get memory() { return new WebAssembly.Memory({initial: 1, maximum: 2}); },
  get shared_memory() { return new WebAssembly.Memory({initial: 1, maximum: 2, shared: true}); },
};

// Instances by the script's names ("$M") or, unnamed, by their module's number ("#3"); a
// module that failed leaves an Error saying so.
const registered = {spectest};
const registry = new Proxy(registered, {
  // An unknown module name is an object without the import: a LinkError, not a TypeError.
  get: (target, name) => (name in target ? target[name] : {}),
});
const instances = new Map();
const definitions = new Map();

function instance_of(key) {
  const i = instances.get(key);
  if (i === undefined) throw new Error(key ? `no instance ${key}` : 'no module instantiated');
  if (i instanceof Error) throw new Error(`no instance ${key}: ${i.message}`);
  return i;
}

function instantiate(key, mod, line) {
  try {
    instances.set(key, new WebAssembly.Instance(mod, registry));
  } catch (e) {
    instances.set(key, new Error(`its module (line ${line}) failed`));
    throw e;
  }
}
function module(key, base64, line) {
  let mod;
  try {
    mod = compile(base64);
  } catch (e) {
    instances.set(key, new Error(`its module (line ${line}) failed`));
    throw e;
  }
  instantiate(key, mod, line);
}
function module_failed(key, line, message) {
  instances.set(key, new Error(`its module (line ${line}) failed`));
  throw new Error(message);
}
function definition(key, base64) { definitions.set(key, compile(base64)); }
function instance(key, definition_key, line) {
  const mod = definitions.get(definition_key);
  if (mod === undefined) {
    instances.set(key, new Error(`its module definition ${definition_key} is missing`));
    throw new Error(`no module definition ${definition_key}`);
  }
  instantiate(key, mod, line);
}
function register(name, key) { registered[name] = instance_of(key).exports; }

function results(r) { return r === undefined ? [] : Array.isArray(r) ? r : [r]; }
function invoke(key, name, args) {
  const f = instance_of(key).exports[name];
  if (typeof f !== 'function') throw new Error(`no function export "${name}"`);
  return results(f(...args));
}
function get(key, name) {
  const g = instance_of(key).exports[name];
  if (!(g instanceof WebAssembly.Global)) throw new Error(`no global export "${name}"`);
  return [g.value];
}

// What checker modules import besides the export under test (js_checker.h).
class Mismatch extends Error {
  constructor(index) {
    super(`result ${index + 1} does not match`);
    this.index = index;
  }
}
const checker_imports = {
  mismatch: index => { throw new Mismatch(index); },
  hostref_extern: hostref,
  eq_extern: (a, b) => (a === b ? 1 : 0),
  hostref_any: hostref,
  eq_any: (a, b) => (a === b ? 1 : 0),
};
// Runs a checker module against the instance's exports; `expected` describes the results.
function check(key, base64, expected) {
  const exports = instance_of(key).exports;
  const checker =
      new WebAssembly.Instance(compile(base64), {module: exports, wasmref: checker_imports});
  try {
    checker.exports.run();
  } catch (e) {
    if (!(e instanceof Mismatch)) throw e;
    throw new Error(`result ${e.index + 1}: expected ${expected[e.index]} (compared in Wasm)`);
  }
}

function assert_return(actual, expected) {
  if (actual.length !== expected.length)
    throw new Error(`${expected.length} result(s) expected, got ${actual.length}`);
  actual.forEach((v, i) => {
    if (!Object.is(v, expected[i]))
      throw new Error(`result ${i + 1}: expected ${show(expected[i])}, got ${show(v)}`);
  });
}

function expect_error(thunk, type, what) {
  let r;
  try {
    r = thunk();
  } catch (e) {
    if (e instanceof type) return;
    throw new Error(`${what} expected, got ${describe(e)}`);
  }
  const got = Array.isArray(r) ? `results [${r.map(show).join(', ')}]` : 'no error';
  throw new Error(`${what} expected, got ${got}`);
}
function assert_trap(thunk) { expect_error(thunk, WebAssembly.RuntimeError, 'a trap'); }
function assert_exhaustion(thunk) { expect_error(thunk, RangeError, 'stack exhaustion'); }
function assert_exception(thunk) {
  const type = typeof WebAssembly.Exception === 'function' ? WebAssembly.Exception : Error;
  expect_error(thunk, type, 'a Wasm exception');
}
function assert_malformed(base64) {
  expect_error(() => compile(base64), WebAssembly.CompileError, 'a decoding error');
}
function assert_invalid(base64) {
  expect_error(() => compile(base64), WebAssembly.CompileError, 'a validation error');
}
function assert_unlinkable(base64) {
  const mod = compile(base64);
  expect_error(() => new WebAssembly.Instance(mod, registry), WebAssembly.LinkError,
               'a link error');
}
function assert_uninstantiable(base64) {
  const mod = compile(base64);
  expect_error(() => new WebAssembly.Instance(mod, registry), WebAssembly.RuntimeError,
               'a trap in the start function');
}

// One script command: counted as passed, or as failed with the script's line; an exception
// never stops the commands after it.
function step(line, what, thunk) {
  try {
    thunk();
    ++passed;
  } catch (e) {
    ++failed;
    console.log(`${script}:${line}: ${what}: ${describe(e)}`);
  }
}
function skip(line, what, reason) { skips.set(reason, (skips.get(reason) ?? 0) + 1); }
function finish() {
  let skipped = 0;
  for (const n of skips.values()) skipped += n;
  console.log(`${script}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  for (const [reason, n] of skips) console.log(`  skipped ${n}: ${reason}`);
  if (typeof process !== 'undefined') process.exitCode = failed ? 1 : 0;
}
// ---- end of the harness; the script's commands follow ----
)JS";
}

}  // namespace wasm::wast
