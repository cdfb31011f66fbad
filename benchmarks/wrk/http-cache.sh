#!/usr/bin/env bash
# Varnish with the shipped docs/varnish/cluster-io.vcl in front of the storage filter, against nginx serving the same
# files from the same directory, in one run: a 54 KB JPEG and a 5 MB file, each loaded with wrk (after an unmeasured
# WARMUP of the server, 3 s) through Varnish (hits, after a warm-up request), through nginx, through Varnish on the
# miss path (every request a URL never asked before, benchmarks/wrk/unique-query.lua: looked up, fetched from the
# node, stored) and on the storage filter directly. Prints requests and megabytes per second, and the ratios
# hit / nginx and miss / direct.
# Run by hand, never by the tests:
#   mvn -B install -DskipTests -pl demo -am && bash benchmarks/wrk/http-cache.sh
# DURATION=5s CONNECTIONS=16 WARMUP=3s CACHE_SIZE=4g (Varnish's malloc storage) by default.
# Needs wrk, nginx, varnish and varnish-modules (Debian packages; installed here when missing and run as root).
# Everything listens on 127.0.0.1 only, on ports moved by PORT_OFFSET (700: WildFly 8780, its management 10690,
# nginx 8788, Varnish 6781), so that it runs beside the testsuite's servers. The demo server's own configuration is
# left untouched: the benchmark runs on a copy of its base directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
top=$PWD
server=$top/demo/target/server
duration=${DURATION:-5s}
warmup=${WARMUP:-3s}
connections=${CONNECTIONS:-16}
offset=${PORT_OFFSET:-700}
wildfly_port=$((8080 + offset)) management_port=$((9990 + offset)) nginx_port=$((8088 + offset)) varnish_port=$((6081 + offset))
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
for port in "$wildfly_port" "$management_port" "$nginx_port" "$varnish_port"; do
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
    if [ -f "$work/varnishd.pid" ]; then kill "$(cat "$work/varnishd.pid")" 2>/dev/null || true; fi
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
# Room for every object of the run (the misses store some 2 GB), so that no miss waits for an eviction.
varnishd -a "127.0.0.1:$varnish_port" -T 127.0.0.1:0 -f "$work/vcl/cluster-io.vcl" -n "$work/varnish" -s "malloc,${CACHE_SIZE:-4g}" \
    -P "$work/varnishd.pid" "${probe_options[@]}" > "$work/varnishd.log" 2>&1 || { cat "$work/varnishd.log"; exit 1; }
cached=http://127.0.0.1:$varnish_port/var/site/storage/images/bench
for _ in $(seq 1 20); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$cached/f54k.jpg?ready")" = 200 ] && break; sleep 0.5; done

measure() { # what, url [wrk options...]; prints "requests/s MB/s", warns of errors
    local what=$1 url=$2 out
    shift 2
    out=$(wrk -t2 -c"$connections" -d"$duration" "$@" "$url")
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

echo "wrk -t2 -c$connections -d$duration on $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), shared by wrk and the servers"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %-24s %10s %10s\n' file path "req/s" "MB/s"
for file in f54k.jpg f5m.jpg; do
    wrk -t2 -c"$connections" -d"$warmup" "$direct/$file" > /dev/null   # the server's JIT, unmeasured
    curl -sf -o /dev/null "$cached/$file"   # the cache's warm-up: a miss that stores it
    state=$(x_cache "$cached/$file")
    [ "$state" = HIT ] || echo "the second request through Varnish was not a hit but '$state'" >&2
    read -r hit hit_mb < <(measure "Varnish, hit" "$cached/$file")
    read -r nginx_rate nginx_mb < <(measure nginx "http://127.0.0.1:$nginx_port/var/site/storage/images/bench/$file")
    state=$(x_cache "$cached/$file?miss=probe")
    [ "$state" = MISS ] || echo "a new query through Varnish was not a miss but '$state'" >&2
    read -r miss miss_mb < <(measure "Varnish, miss" "$cached/$file" -s benchmarks/wrk/unique-query.lua)
    read -r filter filter_mb < <(measure "storage filter, direct" "$direct/$file")
    printf '%-9s %-24s %10s %10s\n' "$file" "Varnish, hit" "$hit" "$hit_mb" "$file" nginx "$nginx_rate" "$nginx_mb" \
        "$file" "Varnish, miss" "$miss" "$miss_mb" "$file" "storage filter, direct" "$filter" "$filter_mb"
    printf '%-9s hit / nginx %.2f, miss / direct %.2f\n' "$file" "$(echo "$hit / $nginx_rate" | bc -l)" "$(echo "$miss / $filter" | bc -l)"
done
echo "Varnish: $(varnishstat -1 -n "$work/varnish" -f MAIN.cache_hit -f MAIN.cache_miss -f MAIN.n_lru_nuked | awk '{ printf "%s %s  ", $1, $2 }')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
