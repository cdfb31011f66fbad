#!/usr/bin/env bash
# cluster-io-integrity.sh: the cluster-io subsystem's check-integrity and purge from a shell, with a progress line.
set -uo pipefail

usage() {
    cat <<'HELP'
Usage: cluster-io-integrity.sh check [options]
       cluster-io-integrity.sh purge [options]

check walks a site's records and stored bytes on a running server, through its management interface, and reports
rows without bytes, bytes without a row, size mismatches, soft-deleted rows, temporary leftovers (and with --verify
checksum mismatches), each with a count and the first ids. It writes nothing.
purge removes orphan files, soft-deleted rows (rows before bytes, as eZ Publish legacy's clusterpurge.php) and
orphan rows older than a protect window. It is a dry run unless --no-dry-run is given.

Options of both:
  --site=<name>                            the site to walk (default: the subsystem's default-site)
  --metadata-and-binarydata=<meta>,<bin>   the handlers that hold it (default: the site's own)
  --bulk-count=<n>                         rows and files per page and lookup (default 100)
  --controller=<host:port>                 the server's management interface (default 127.0.0.1:9990)
  --user=<name> --password=<password>      management credentials, when the interface asks for them
  --raw                                    print the operation's reply as jboss-cli does, not the summary
  -h, --help                               this text
Options of check:
  --verify                                 compare stored bytes with the checksums the store keeps (S3 ETags)
Options of purge:
  --what=<target>[,<target>...]            orphan-files, soft-deleted, orphan-rows (default: all three)
  --older-than=<n>[s|m|h|d]                protect window: keep what was written less long ago (default 1d)
  --dry-run                                say what would be removed, remove nothing (the default)
  --no-dry-run                             remove it

Progress is drawn every few seconds (rows and files checked, findings, rate); the same counts are the subsystem's
runtime attribute "integrity-check" and lines CLUSTERIO0271 of the server log. Exit status: 0 when clean (check:
nothing found; purge: nothing failed, nothing kept, and in a dry run nothing to remove), 1 when damage was found or
left, or a removal failed, 2 on bad options or a refused operation (one already running, no permission).

Examples:
  cluster-io-integrity.sh check
  cluster-io-integrity.sh check --site=admin --bulk-count=1000 --verify
  cluster-io-integrity.sh purge --what=soft-deleted --older-than=30d
  cluster-io-integrity.sh purge --what=orphan-files,orphan-rows --no-dry-run
HELP
}

here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster-io-functions.sh"

bad() { # message
    echo "$1 (see --help)" >&2
    exit 2
}

seconds() { # <n>[s|m|h|d]
    local n=${1%[smhd]}
    [[ "$n" =~ ^[0-9]+$ ]] || bad "--older-than takes a number of seconds, minutes (m), hours (h) or days (d): $1"
    case "$1" in
        *m) echo $((n * 60)) ;;
        *h) echo $((n * 3600)) ;;
        *d) echo $((n * 86400)) ;;
        *) echo "$n" ;;
    esac
}

[ $# -gt 0 ] || { usage; exit 2; }
case "$1" in
    -h|--help) usage; exit 0 ;;
    check) operation=check-integrity ;;
    purge) operation=purge ;;
    *) bad "Unknown command: $1, expected check or purge" ;;
esac
shift
parameters=()
raw=false
for argument in "$@"; do
    case "$operation:$argument" in
        *:-h|*:--help) usage; exit 0 ;;
        *:--site=*) parameters+=("site=\"${argument#--site=}\"") ;;
        *:--metadata-and-binarydata=*) parameters+=("metadata-and-binarydata=\"${argument#--metadata-and-binarydata=}\"") ;;
        *:--bulk-count=*) parameters+=("bulk-count=${argument#--bulk-count=}") ;;
        *:--raw) raw=true ;;
        check-integrity:--verify) parameters+=("verify=true") ;;
        purge:--what=*) parameters+=("what=[${argument#--what=}]") ;;
        purge:--older-than=*) window=$(seconds "${argument#--older-than=}") || exit 2; parameters+=("older-than=$window") ;;
        purge:--dry-run) parameters+=("dry-run=true") ;;
        purge:--no-dry-run) parameters+=("dry-run=false") ;;
        *) management_option "$argument" && continue
           bad "Unknown option of ${operation%-integrity}: $argument" ;;
    esac
done

tick=0
draw() {
    local rows files found rate elapsed count
    grep -q '"running" => true' <<< "$status" && grep -q "\"operation\" => \"$operation\"" <<< "$status" || return 1
    rows=$(value rows-checked); files=$(value files-checked); rate=$(value rows-per-second); rate=${rate%.*}; elapsed=$(value elapsed-seconds)
    found=0
    for finding in rows-without-bytes bytes-without-row size-mismatches soft-deleted-rows temporary-leftovers checksum-mismatches; do
        count=$(value "$finding"); found=$((found + ${count:-0}))
    done
    tick=$((tick + 1))
    printf '\r[%s] rows %d, files %d  found %d  %s rows/s  %ss ' "$(bar "$tick" 0)" "${rows:-0}" "${files:-0}" "$found" "${rate:-0}" "${elapsed:-0}"
}

# The reply's result as lines "<name> <value>", and each item of a list on a line of its own, "<name>-item <id>"
# (ids may hold spaces).
fields() {
    awk '
        /^ *"[a-z-]+" => \[$/ { match($0, /"[a-z-]+"/); list = substr($0, RSTART + 1, RLENGTH - 2); next }
        list != "" && /^ *\],?$/ { list = ""; next }
        list != "" { item = $0; sub(/^ *"/, "", item); sub(/",?$/, "", item); print list "-item " item; next }
        /^ *"[a-z-]+" => \[".*"\],?$/ {
            match($0, /"[a-z-]+"/); name = substr($0, RSTART + 1, RLENGTH - 2)
            items = $0; sub(/^[^[]*\["/, "", items); sub(/"\],?$/, "", items)
            n = split(items, parts, /", "/); for (i = 1; i <= n; i++) print name "-item " parts[i]
            next
        }
        /^ *"[a-z-]+" => / {
            line = $0; sub(/^ *"/, "", line); name = line; sub(/".*/, "", name)
            sub(/^[a-z-]+" => /, "", line); sub(/,$/, "", line); sub(/L$/, "", line); gsub(/"/, "", line)
            if (line != "[]" && line != "{") print name " " line
        }' "$result"
}

field() { # name
    sed -n "s/^$1 //p" <<< "$report" | head -n 1
}

examples() { # name: its first ten example ids, indented
    local shown
    shown=$(sed -n "s/^$1-examples-item /      /p" <<< "$report")
    [ -n "$shown" ] || return 0
    head -n 10 <<< "$shown"
    [ "$(wc -l <<< "$shown")" -le 10 ] || echo "      ... (the reply has up to 100 of them: --raw)"
}

summary() {
    local count damage=0
    echo "$operation of $(field description)$( [ "$operation" = purge ] && { [ "$(field dry-run)" = true ] && echo ", dry run: nothing removed" || echo ", removing"; })"
    printf '  %d rows, %d files checked in %d s (%.0f rows/s)\n' "$(field rows-checked)" "$(field files-checked)" "$(field elapsed-seconds)" "$(field rows-per-second)"
    [ "$(field not-verifiable)" = 0 ] || echo "  $(field not-verifiable) files not verifiable (their store keeps no checksum of their bytes)"
    for finding in rows-without-bytes bytes-without-row size-mismatches soft-deleted-rows temporary-leftovers checksum-mismatches; do
        count=$(field "$finding")
        printf '  %-22s %d\n' "$finding" "$count"
        examples "$finding"
        damage=$((damage + count))
    done
    if [ "$operation" = purge ]; then
        damage=0
        for target in orphan-files soft-deleted orphan-rows; do
            count=$(field "purged-$target")
            printf '  %-22s %s %d, kept %d (too young or changed meanwhile), failed %d\n' "$target" \
                "$( [ "$(field dry-run)" = true ] && echo "would purge" || echo purged)" "$count" "$(field "kept-$target")" "$(field "failed-$target")"
            examples "purged-$target"
            examples "failed-$target"
            [ "$(field dry-run)" = true ] || count=0
            damage=$((damage + count + $(field "kept-$target") + $(field "failed-$target")))
        done
    fi
    [ "$damage" -eq 0 ]
}

joined=$(IFS=,; echo "${parameters[*]:-}")
run_with_progress "/subsystem=cluster-io:$operation($joined)" integrity-check draw
if ! grep -q '"outcome" => "success"' "$result"; then
    cat "$result" >&2
    exit 2
fi
report=$(fields)
if $raw; then
    cat "$result"
    summary > /dev/null
else
    summary
fi
