// The process's heap, tuned for a run of many scripts (tools/heap.cpp).
#pragma once

namespace wasm::cli {

// A run parses, instantiates and frees thousands of modules, scripts and token buffers, and
// page faults were most of its system time. tune_heap() makes the heap keep what has been
// freed for reuse, and starts it with 64 MiB that the kernel may back with transparent huge
// pages. Called first thing by wasmref's main and by the front-end benchmark, which measures
// the front ends as the tool runs them.
void tune_heap();

}  // namespace wasm::cli
