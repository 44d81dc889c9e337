#!/usr/bin/env bash
# `wasmref convert SCRIPT.wast -o OUT.json`: wast2json's format (docs/json-format.md). Checks
# the JSON of scripts/json.wast command by command, its module files, and, when wabt is
# installed, that spectest-interp passes every command of it.
# Usage: json_test.sh WASMREF SCRIPTS_DIR
source "$(dirname "$0")/check.sh"
wasmref=$1 dir=$2

check "convert to JSON" "$wasmref" convert "$dir/json.wast" -o "$tmp/out.json"
check "the JSON and its modules" python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
j = json.load(open(os.path.join(tmp, "out.json")))
c = j["commands"]
assert j["source_filename"] == "json.wast", j["source_filename"]
types = [x["type"] for x in c]
assert types == ["module", "register", "assert_return", "assert_return", "assert_return",
                 "assert_return", "assert_return", "assert_return", "action", "assert_trap",
                 "assert_malformed", "assert_malformed", "assert_invalid", "assert_unlinkable",
                 "assert_uninstantiable", "module", "assert_exhaustion", "module"], types
assert c[0] == {"type": "module", "line": 2, "name": "$M", "filename": "out.0.wasm"}, c[0]
assert c[1] == {"type": "register", "line": 9, "name": "$M", "as": "m"}, c[1]
assert c[2]["action"] == {"type": "invoke", "field": "add",
                          "args": [{"type": "i32", "value": "4294967295"},
                                   {"type": "i32", "value": "2"}]}, c[2]
assert c[2]["expected"] == [{"type": "i32", "value": "1"}]
assert c[3]["action"]["module"] == "$M"
assert c[3]["expected"] == [{"type": "f32", "value": "nan:canonical"},
                            {"type": "v128", "lane_type": "i16",
                             "value": ["1", "2", "3", "4", "5", "6", "7", "65535"]}], c[3]
assert c[4]["expected"] == [{"type": "externref", "value": "7"}], c[4]
assert c[5]["expected"] == [{"type": "externref", "value": "null"}], c[5]
assert c[6]["expected"] == [{"type": "funcref", "value": "0"}], c[6]  # as wast2json
assert c[7]["action"] == {"type": "get", "field": "g"}, c[7]
assert c[7]["expected"] == [{"type": "i64", "value": "18446744073709551615"}], c[7]
assert c[8]["expected"] == [{"type": "i32"}], c[8]
assert c[9]["text"] == "unreachable" and c[9]["expected"] == [], c[9]
assert c[10] == {"type": "assert_malformed", "line": 18, "filename": "out.1.wat",
                 "module_type": "text", "text": "unexpected end"}, c[10]
assert c[11]["filename"] == "out.2.wasm" and c[11]["module_type"] == "binary", c[11]
assert c[12]["filename"] == "out.3.wasm" and c[12]["text"] == "type mismatch", c[12]
assert c[14]["filename"] == "out.5.wasm" and c[14]["text"] == "unreachable", c[14]
assert c[16]["action"]["field"] == "loop" and c[16]["text"] == "call stack exhausted", c[16]
assert open(os.path.join(tmp, "out.1.wat")).read() == "(func"
assert open(os.path.join(tmp, "out.2.wasm"), "rb").read() == b"\0asm"
assert open(os.path.join(tmp, "out.7.wasm"), "rb").read() == b"\0asm\1\0\0\0"
PY
# The written modules are the script's: the first one runs with wasmref.
out=$("$wasmref" run "$tmp/out.0.wasm" --invoke add 2 3 --plain 2>&1)
check "out.0.wasm is the module: $out" test "$out" = 5
if command -v spectest-interp >/dev/null; then
  out=$(cd "$tmp" && spectest-interp out.json 2>&1 | tail -n1)
  check "spectest-interp passes it: $out" test "$out" = "17/17 tests passed."
fi
exit $status
