#!/usr/bin/env bash
# Varnish with the shipped docs/varnish/cluster-io.vcl in front of the storage filter, against nginx serving the same
# files from the same directory, in one run: a 54 KB JPEG and a 5 MB file, each loaded with wrk (after an unmeasured
# WARMUP of the server, 3 s) through Varnish (hits, after a warm-up request), through nginx, through Varnish on the
# miss path (every request a URL never asked before, benchmarks/wrk/unique-query.lua: looked up, fetched from the
# node, stored) and on the storage filter directly, at each number of connections in CONNECTIONS. Varnish runs with
# its stock parameters, as docs/varnish/README.md recommends; with VARNISH_PARAMS (say "-p thread_pools=1") hits are
# also measured on a second instance with those, in the same run. Prints requests and megabytes per second, wrk's
# 99th percentile latency, and the ratios hit / nginx and miss / direct.
# Run by hand, never by the tests:
#   mvn -B install -DskipTests -pl demo -am && bash benchmarks/wrk/http-cache.sh
# DURATION=5s CONNECTIONS="16 64" WARMUP=3s CACHE_SIZE=8g (the malloc storage of the Varnish that takes the misses,
# allocated as objects come; the one with VARNISH_PARAMS serves hits only, in 1 GB) by default. PROFILE=1 adds a
# perf profile of Varnish's worker process on hits.
# Needs wrk, nginx, varnish and varnish-modules (Debian packages; installed here when missing and run as root).
# Everything listens on 127.0.0.1 only, on ports moved by PORT_OFFSET (700: WildFly 8780, its management 10690,
# nginx 8788, Varnish 6781 and, with VARNISH_PARAMS, 6782), so that it runs beside the testsuite's servers. The demo server's own configuration is
# left untouched: the benchmark runs on a copy of its base directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
top=$PWD
server=$top/demo/target/server
duration=${DURATION:-5s}
warmup=${WARMUP:-3s}
connection_counts=${CONNECTIONS:-16 64}
varnish_params=${VARNISH_PARAMS:-}
offset=${PORT_OFFSET:-700}
wildfly_port=$((8080 + offset)) management_port=$((9990 + offset)) nginx_port=$((8088 + offset)) varnish_port=$((6081 + offset)) tuned_port=$((6082 + offset))
[ -x "$server/bin/standalone.sh" ] || { echo "Build the demo server first: mvn -B install -DskipTests -pl demo -am" >&2; exit 1; }

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
compgen -G '/usr/lib/*/varnish/vmods/libvmod_xkey.so' >/dev/null || compgen -G '/usr/lib/varnish/vmods/libvmod_xkey.so' >/dev/null \
    || missing+=(varnish-modules)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -q >/dev/null
        # policy-rc.d answering 101 keeps the packages from starting system instances of nginx and Varnish
        policy_rc_d=false
        [ -e /usr/sbin/policy-rc.d ] || { policy_rc_d=true; printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
        [ "$policy_rc_d" = false ] || rm -f /usr/sbin/policy-rc.d
    else
        echo "Install ${missing[*]} first (apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi
PATH=$PATH:/usr/sbin
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in "$wildfly_port" "$management_port" "$nginx_port" "$varnish_port" "$tuned_port"; do
    if port_taken "$port"; then
        echo "Port $port is taken; choose another PORT_OFFSET" >&2
        exit 1
    fi
done

work=$(mktemp -d)
# shellcheck source=benchmarks/wrk/servers.sh
. benchmarks/wrk/servers.sh
copy_demo_base
images=$base/data/cluster-io/var/site/storage/images/bench
mkdir -p "$images"
# A JPEG's markers around random (incompressible) bytes: 54 KB, the size of a typical web image, and 5 MB.
jpeg_like() { # file size
    { printf '\377\330\377\340\000\020JFIF\000'; head -c $(($2 - 13)) /dev/urandom; printf '\377\331'; } > "$1"
}
jpeg_like "$images/f54k.jpg" 55296
jpeg_like "$images/f5m.jpg" 5242880
chmod -R a+rX "$work"   # nginx's workers and varnishd's compiler run as users of their own

cleanup() {
    stop_servers "$management_port"
    for pid in "$work"/varnishd*.pid; do
        if [ -f "$pid" ]; then kill "$(cat "$pid")" 2>/dev/null || true; fi
    done
    sleep 2
    rm -rf "$work"
}
trap cleanup EXIT

direct=http://127.0.0.1:$wildfly_port/var/site/storage/images/bench
configure_demo_base < /dev/null
start_demo_server "$offset" "$direct/f54k.jpg"
start_nginx "$nginx_port"

# The shipped VCL over the one node. Until the subsystem answers the probe URL, the node goes without a probe (a
# backend without one is always healthy), and the then unused probe must not fail the compilation.
mkdir -p "$work/vcl"
cp docs/varnish/cluster-io.vcl "$work/vcl/"
docs/varnish/generate-backends.sh - "127.0.0.1:$wildfly_port" > "$work/vcl/cluster-io-backends.vcl"
probe_options=()
if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$wildfly_port/.cluster-io/ready")" != 200 ]; then
    sed -i '/\.probe = cluster_io_ready;/d' "$work/vcl/cluster-io-backends.vcl"
    probe_options=(-p vcc_err_unref=off)
    echo "the node does not answer /.cluster-io/ready: Varnish runs without its probe"
fi
chmod -R a+rX "$work/vcl"
# Room for every object of the run (the misses of the 5 MB file at 16 and 64 connections store some 6 GB, allocated as
# they come), so that no miss waits for an eviction.
start_varnish() { # name, port, cache size, parameters...
    local name=$1 port=$2 size=$3
    shift 3
    varnishd -a "127.0.0.1:$port" -T 127.0.0.1:0 -f "$work/vcl/cluster-io.vcl" -n "$work/$name" -s "malloc,$size" \
        -P "$work/$name.pid" "${probe_options[@]}" "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
    for _ in $(seq 1 20); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/var/site/storage/images/bench/f54k.jpg?ready")" = 200 ] && break; sleep 0.5; done
}
start_varnish varnishd "$varnish_port" "${CACHE_SIZE:-8g}"
cached=http://127.0.0.1:$varnish_port/var/site/storage/images/bench
tuned=http://127.0.0.1:$tuned_port/var/site/storage/images/bench
instances=("$cached")
if [ -n "$varnish_params" ]; then
    # shellcheck disable=SC2086  # the parameters are words
    start_varnish varnishd-tuned "$tuned_port" 1g $varnish_params
    instances+=("$tuned")
fi

measure() { # what, url [wrk options...]; prints "requests/s MB/s", warns of errors
    local what=$1 url=$2 out
    shift 2
    out=$(wrk -t2 -c"$connections" -d"$duration" "$@" "$url")
    # wrk's latency distribution shows the tail (the 99th percentile) that the mean rate hides
    sed -n 's/^ *99% *//p' <<< "$out" | head -n 1 > "$work/p99"
    if grep -qE 'Non-2xx|Socket errors' <<< "$out"; then
        echo "wrk reported errors for $what, $url:" >&2
        grep -E 'Non-2xx|Socket errors' <<< "$out" >&2
    fi
    awk '/Requests\/sec/ { rate = $2 }
         /Transfer\/sec/ { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[A-Za-z]+$/, "", v)
                           mb = unit == "GB" ? v * 1024 : unit == "KB" ? v / 1024 : unit == "B" ? v / 1048576 : v }
         END { printf "%.0f %.1f\n", rate, mb }' <<< "$out"
}
x_cache() { # url
    curl -s -o /dev/null -D - "$1" | tr -d '\r' | sed -n 's/^X-Cache: //Ip'
}

echo "wrk -t2 -d$duration (--latency), $connection_counts connections, on $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), shared by wrk and the servers"
echo "Varnish $(varnishd -V 2>&1 | head -n 1 | sed 's/.*(varnish-\([^ ]*\).*/\1/') with its stock parameters${varnish_params:+, and a second instance with $varnish_params}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for file in f54k.jpg f5m.jpg; do
    connections=16
    wrk -t2 -c"$connections" -d"$warmup" "$direct/$file" > /dev/null   # the server's JIT, unmeasured
    for instance in "${instances[@]}"; do
        url=$instance/$file
        curl -sf -o /dev/null "$url"   # the cache's warm-up: a miss that stores it
        state=$(x_cache "$url")
        [ "$state" = HIT ] || echo "the second request through Varnish ($url) was not a hit but '$state'" >&2
    done
done
echo "a hit's answer:"
curl -s -o /dev/null -D - "$cached/f54k.jpg" | tr -d '\r' | sed -e '/^$/d' -e 's/^/    /'
printf '%-9s %5s %-24s %10s %10s %10s\n' file conns path "req/s" "MB/s" "p99"
for connections in $connection_counts; do
    for file in f54k.jpg f5m.jpg; do
        read -r hit hit_mb < <(measure "Varnish, hit" "$cached/$file" --latency); hit_p99=$(cat "$work/p99")
        read -r nginx_rate nginx_mb < <(measure nginx "http://127.0.0.1:$nginx_port/var/site/storage/images/bench/$file" --latency); nginx_p99=$(cat "$work/p99")
        tuned_row=() tuned_ratio=
        if [ -n "$varnish_params" ]; then
            read -r tuned_hit tuned_mb < <(measure "Varnish ($varnish_params), hit" "$tuned/$file" --latency)
            tuned_row=("$file" "$connections" "Varnish (tuned), hit" "$tuned_hit" "$tuned_mb" "$(cat "$work/p99")")
            tuned_ratio=$(printf ' (with %s %.2f)' "$varnish_params" "$(echo "$tuned_hit / $nginx_rate" | bc -l)")
        fi
        state=$(x_cache "$cached/$file?c$connections=probe")
        [ "$state" = MISS ] || echo "a new query through Varnish was not a miss but '$state'" >&2
        read -r miss miss_mb < <(measure "Varnish, miss" "$cached/$file?run=c$connections" -s benchmarks/wrk/unique-query.lua --latency); miss_p99=$(cat "$work/p99")
        read -r filter filter_mb < <(measure "storage filter, direct" "$direct/$file" --latency); filter_p99=$(cat "$work/p99")
        printf '%-9s %5s %-24s %10s %10s %10s\n' "$file" "$connections" "Varnish, hit" "$hit" "$hit_mb" "$hit_p99" "${tuned_row[@]}" \
            "$file" "$connections" nginx "$nginx_rate" "$nginx_mb" "$nginx_p99" \
            "$file" "$connections" "Varnish, miss" "$miss" "$miss_mb" "$miss_p99" \
            "$file" "$connections" "storage filter, direct" "$filter" "$filter_mb" "$filter_p99"
        printf '%-9s %5s hit / nginx %.2f%s, miss / direct %.2f\n' "$file" "$connections" \
            "$(echo "$hit / $nginx_rate" | bc -l)" "$tuned_ratio" "$(echo "$miss / $filter" | bc -l)"
    done
done
for name in varnishd varnishd-tuned; do
    [ -d "$work/$name" ] || continue
    echo "$name: $(varnishstat -1 -n "$work/$name" -f MAIN.cache_hit -f MAIN.cache_miss -f MAIN.n_lru_nuked -f MAIN.backend_req -f MAIN.threads \
        | awk '{ printf "%s %s  ", $1, $2 }')"
done
if [ -n "${PROFILE:-}" ] && command -v perf >/dev/null; then
    # where a hit's time goes: varnishd's worker process, sampled by perf during a hit load of the 54 KB file
    child=$(pgrep -P "$(cat "$work/varnishd.pid")" | head -n 1)
    wrk -t2 -c16 -d8s "$cached/f54k.jpg" > /dev/null &
    load=$!
    sleep 1
    timeout 5 perf record -F 499 -g -p "$child" -o "$work/perf.data" > /dev/null 2>&1 || true
    wait "$load"   # not a bare wait: the demo server is a background job too
    echo "perf, Varnish on hits of f54k.jpg, 16 connections (self time):"
    # sed reads to the end: head would end the pipeline with SIGPIPE, which pipefail makes fatal
    perf report -i "$work/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | sed -n '1,15p'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
