#!/usr/bin/env bash
# Sums up runs/<target>.log (every section run.sh appended): executions, wall time, and the
# crash/OOM/timeout counts of the last status line of each run, as a Markdown table row.
cd "$(dirname "$0")"
printf '| target | runs | executions | seconds | exec/s | crashes | OOMs | timeouts |\n|---|---|---|---|---|---|---|---|\n'
for log in runs/*.log; do
    t=$(basename "$log" .log)
    awk -v t="$t" '
        /^== .* for [0-9]+s$/ { if (last != "") close_run(); runs++; last = ""; next }
        /^#[0-9]+: cov:/ { last = $0 }
        END { if (last != "") close_run(); if (execs > 0) printf "| %s | %d | %d | %d | %d | %d | %d | %d |\n", t, runs, execs, secs, execs / (secs ? secs : 1), crash, oom, tmo }
        function close_run(   n, s, c, a) {
            n = last; sub(/^#/, "", n); sub(/:.*/, "", n); execs += n
            s = last; sub(/.* time: /, "", s); sub(/s .*/, "", s); secs += s
            c = last; sub(/.*oom\/timeout\/crash: /, "", c); sub(/ .*/, "", c); split(c, a, "/")
            oom += a[1]; tmo += a[2]; crash += a[3]
        }' "$log"
done
