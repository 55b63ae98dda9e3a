#!/usr/bin/env bash
# Runs each fuzz target in turn for SECONDS (default 480), one process at a time at the lowest
# priority, continuing past crashes (each one saved under artifacts/<target>/), and logs to
# runs/<target>.log. Build first: cargo +nightly fuzz build -s none -a
#   fuzz/run.sh [SECONDS] [TARGET...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
seconds=${1:-480}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(report arm_expr hcl terraform_eval arm_json bicep bicepparam plan_json config baseline)
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p runs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t $(date -u +%FT%TZ) for ${seconds}s" >> "runs/$t.log"
    # Fork mode checks the time only between its jobs: the hard stop is timeout's (SIGINT,
    # so that libFuzzer still prints its final statistics).
    timeout -s INT -k 30 $((seconds + 30)) nice -n 19 "$bin/$t" "corpus/$t" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
        -rss_limit_mb=2048 -timeout=10 -max_len=65536 -max_total_time="$seconds" \
        -print_final_stats=1 -artifact_prefix="artifacts/$t/" >> "runs/$t.log" 2>&1
    rc=$?
    echo "== $t done $(date -u +%FT%TZ) rc=$rc" >> "runs/$t.log"
done
