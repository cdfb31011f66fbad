#!/usr/bin/env bash
# The hot spots of a JFR recording's execution samples, from `jfr print --stack-depth 64 --events jdk.ExecutionSample` (JDK 17's jfr
# has no `view hot-methods`): the methods on top of the stacks (where the CPU is), and the methods found anywhere in
# the stacks (what the time is spent under), each counted once per sample, with their share of the samples, and the
# threads sampled (numbers folded: "XNIO-N I/O-N" are Undertow's IO threads, "XNIO-N task-N" its workers).
#   bash benchmarks/wrk/top-frames.sh samples.txt [how many, 20 by default]
set -euo pipefail
top=${2:-20}
awk -v top="$top" '
    BEGIN { depth = -1 }
    /sampledThread = / { name = $0; sub(/^[^"]*"/, "", name); sub(/".*/, "", name); gsub(/[0-9]+/, "N", name); threads[name]++ }
    /stackTrace = \[/ { samples++; depth = 0; delete seen; next }
    /^[[:space:]]*\]/ { depth = -1; next }
    depth >= 0 && NF > 0 && !/^[[:space:]]*\.\.\.[[:space:]]*$/ {
        frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*/, "", frame)
        if (depth == 0) self[frame]++
        if (!(frame in seen)) { seen[frame] = 1; total[frame]++ }
        depth++
    }
    END {
        printf "%d samples\n-- top of stack (self) --\n", samples
        for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / samples, f | "sort -rn | head -" top
        close("sort -rn | head -" top)
        printf "-- threads --\n"
        for (t in threads) printf "%6.1f%%  %s\n", 100 * threads[t] / samples, t | "sort -rn | head -" top
        close("sort -rn | head -" top)
        printf "-- anywhere in the stack (total) --\n"
        for (f in total) printf "%6.1f%%  %s\n", 100 * total[f] / samples, f | "sort -rn | head -" top
        close("sort -rn | head -" top)
    }' "$1"
