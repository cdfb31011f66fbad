#!/usr/bin/env bash
# cluster-io-migrate-files.sh: the cluster-io subsystem's migrate-files from a shell, with a progress bar.
set -uo pipefail

usage() {
    cat <<'HELP'
Usage: cluster-io-migrate-files.sh [options]

Copies every file of a site from one pair of handlers (<metadata handler>,<binarydata handler>) to another, on a
running server, through its management interface (Ibexa DXP's ezplatform:io:migrate-files). Files already identical
at the destination are skipped, so a run that was interrupted resumes when run again. The source is never changed.

Options:
  --list-io-handlers        print the configured metadata and binarydata handlers, and exit
  --from=<meta>,<binary>    handlers to copy from (default: the site's own)
  --to=<meta>,<binary>      handlers to copy to (default: the first other handler of each kind)
  --site=<name>             the site whose files are copied (default: the subsystem's default-site)
  --dry-run                 list and compare, write nothing, report what would be copied
  --verify                  compare SHA-256 checksums, and read every copy back
  --bulk-count=<n>          files per page and batch (default 100)
  --parallelism=<n>         files copied at once (default 4)
  --controller=<host:port>  the server's management interface (default 127.0.0.1:9990)
  --user=<name> --password=<password>   management credentials, when the interface asks for them
  -h, --help                this text

Progress is drawn every few seconds (files done, rate, time left); the same counts are the subsystem's runtime
attribute "migration" and lines CLUSTERIO0009 of the server log. Exit status: 0 when every file was migrated (or,
with --dry-run, checked), 1 when some failed (their ids are printed), 2 on bad options or a refused operation.

Examples:
  cluster-io-migrate-files.sh --list-io-handlers
  cluster-io-migrate-files.sh --from=default,default --to=dfs,nfs --dry-run
  cluster-io-migrate-files.sh --from=dfs,nfs --to=dfs,aws_s3 --verify
HELP
}

here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster-io-functions.sh"
parameters=()
list=false
for argument in "$@"; do
    case "$argument" in
        -h|--help) usage; exit 0 ;;
        --list-io-handlers) list=true ;;
        --from=*) parameters+=("from=\"${argument#--from=}\"") ;;
        --to=*) parameters+=("to=\"${argument#--to=}\"") ;;
        --site=*) parameters+=("site=\"${argument#--site=}\"") ;;
        --dry-run) parameters+=("dry-run=true") ;;
        --verify) parameters+=("verify=true") ;;
        --bulk-count=*) parameters+=("bulk-count=${argument#--bulk-count=}") ;;
        --parallelism=*) parameters+=("parallelism=${argument#--parallelism=}") ;;
        *) management_option "$argument" && continue
           echo "Unknown option: $argument (see --help)" >&2; exit 2 ;;
    esac
done

if $list; then
    handlers=$(cli "/subsystem=cluster-io:list-io-handlers" | tr -d '\n ')
    grep -q '"outcome"=>"success"' <<< "$handlers" || { echo "$handlers" >&2; exit 2; }
    names() { sed -n "s/.*\"$1\"=>\[\([^]]*\)\].*/\1/p" <<< "$handlers" | tr -d '"' | sed 's/,/, /g'; }
    echo "Configured metadata handlers: $(names metadata-handlers)"
    echo "Configured binary data handlers: $(names binarydata-handlers)"
    exit 0
fi

draw() {
    local total copied skipped failed rate done eta
    total=$(value total); copied=$(value copied); skipped=$(value skipped); failed=$(value failed); rate=$(value files-per-second)
    grep -q '"running" => true' <<< "$status" && [ -n "$total" ] && [ "$total" -gt 0 ] 2>/dev/null || return 1
    done=$((copied + skipped + failed))
    rate=${rate%.*}
    eta="?"
    [ "${rate:-0}" -gt 0 ] && eta="$(( (total - done) / rate ))s"
    printf '\r[%s] %3d%% %d/%d  copied %d, already there %d, failed %d  %s files/s  ETA %s ' \
        "$(bar "$done" "$total")" $((done * 100 / total)) "$done" "$total" "$copied" "$skipped" "$failed" "${rate:-0}" "$eta"
}

joined=$(IFS=,; echo "${parameters[*]:-}")
run_with_progress "/subsystem=cluster-io:migrate-files($joined)" migration draw
cat "$result"
grep -q '"outcome" => "success"' "$result" || exit 2
grep -q '"failed" => 0L' "$result" || exit 1
exit 0
