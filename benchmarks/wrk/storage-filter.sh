#!/usr/bin/env bash
# Serves a 100 KB and a 5 MB image through the storage filter, through Undertow's own file handler and through nginx,
# all on the same files, loads each with wrk, and prints requests per second and the ratios.
# Run by hand, never by the tests:
#   mvn -B install -DskipTests -pl demo -am && bash benchmarks/wrk/storage-filter.sh
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light). Everything listens on 127.0.0.1 only.
# The demo server's own configuration is left untouched: the benchmark runs on a copy of its base directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
server=$PWD/demo/target/server
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
[ -x "$server/bin/standalone.sh" ] || { echo "Build the demo server first: mvn -B install -DskipTests -pl demo -am" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "Install wrk and nginx first (apt-get install wrk nginx-light)" >&2; exit 1; }

work=$(mktemp -d)
# shellcheck source=benchmarks/wrk/servers.sh
. benchmarks/wrk/servers.sh
copy_demo_base
images=$base/data/cluster-io/var/site/storage/images/bench
mkdir -p "$images"
head -c 102400 /dev/urandom > "$images/f100k.jpg"
head -c 5242880 /dev/urandom > "$images/f5m.jpg"
chmod -R a+rX "$work"   # nginx workers run as nobody

cleanup() {
    stop_servers 9990
    sleep 2
    rm -rf "$work"
}
trap cleanup EXIT

# An Undertow file handler on the same files.
configure_demo_base <<CLI
/subsystem=undertow/configuration=handler/file=bench:add(path=$images)
/subsystem=undertow/server=default-server/host=default-host/location=\/bench:add(handler=bench)
CLI
start_demo_server 0 http://127.0.0.1:8080/var/site/storage/images/bench/f100k.jpg
start_nginx 8088

rate() { # url
    wrk -t2 -c"$connections" -d"$duration" "$1" | awk '/Requests\/sec/ { print $2 }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %14s %14s %14s %10s %10s\n' file "filter req/s" "undertow req/s" "nginx req/s" "f/undertow" "f/nginx"
for file in f100k.jpg f5m.jpg; do
    filter=$(rate "http://127.0.0.1:8080/var/site/storage/images/bench/$file")
    undertow=$(rate "http://127.0.0.1:8080/bench/$file")
    nginx_rate=$(rate "http://127.0.0.1:8088/var/site/storage/images/bench/$file")
    printf '%-8s %14s %14s %14s %10.2f %10.2f\n' "$file" "$filter" "$undertow" "$nginx_rate" \
        "$(echo "$filter / $undertow" | bc -l)" "$(echo "$filter / $nginx_rate" | bc -l)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
