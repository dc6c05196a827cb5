#!/usr/bin/env bash
# Runs each fuzz target of a fuzz build for SECONDS seconds, one after the
# other (libFuzzer on one core each), and fails if any of them crashes.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]   (default: every target)
#
# New inputs accumulate in BUILD_DIR/corpus/<target> (the checked-in seeds in
# tests/fuzz/corpus/<target> are read, never written); a crashing input is
# saved as BUILD_DIR/artifacts/<target>-crash-*; each run's log is
# BUILD_DIR/logs/<target>.log.
set -uo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(loads import_text roundtrip annotate binary transforms)

# Every sanitizer report is fatal, with a stack; leaks are reported too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$build/artifacts" "$build/logs"
failed=()
for target in "${targets[@]}"; do
  binary=$build/tests/fuzz/fuzz_$target
  if [ ! -x "$binary" ]; then
    echo "fuzz: $binary is not built" >&2
    failed+=("$target")
    continue
  fi
  case $target in
    loads|roundtrip|transforms) dict=(-dict="$here/json.dict") ;;
    binary) dict=() ;;  # bytes, not words
    *) dict=(-dict="$here/text.dict") ;;
  esac
  mkdir -p "$build/corpus/$target"
  log=$build/logs/$target.log
  echo "fuzz: $target for ${seconds}s (log: $log)"
  # -max_len 16384: room for the 9.7 KB annotated seed article; -timeout 10:
  # an input that takes 10 s is a hang worth a report.
  if "$binary" -max_total_time="$seconds" -max_len=16384 -timeout=10 -print_final_stats=1 \
      "${dict[@]}" -artifact_prefix="$build/artifacts/$target-" \
      "$build/corpus/$target" "$here/corpus/$target" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | tr '\n' ' '
    echo
  else
    echo "fuzz: $target FAILED; the end of its log:" >&2
    tail -n 60 "$log" >&2
    echo "fuzz: copy the crashing input into tests/fuzz/regressions/$target-<name> (see its README.md)" >&2
    failed+=("$target")
  fi
done
# The closing line in the form CI's log reader counts.
echo "fuzz: $((${#targets[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
