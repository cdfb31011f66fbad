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
base=$work/base
cp -r "$server/standalone" "$base"
rm -rf "$base/data/cluster-io" "$base/log" "$base/tmp"
images=$base/data/cluster-io/var/site/storage/images/bench
mkdir -p "$images"
head -c 102400 /dev/urandom > "$images/f100k.jpg"
head -c 5242880 /dev/urandom > "$images/f5m.jpg"
chmod -R a+rX "$work"   # nginx workers run as nobody

cleanup() {
    "$server/bin/jboss-cli.sh" --connect --command=':shutdown' >/dev/null 2>&1 || true
    [ -f "$work/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
    sleep 2
    rm -rf "$work"
}
trap cleanup EXIT

# Metadata from the file system (one stat per request: warm metadata), and an Undertow file handler on the same files.
cat > "$work/configure.cli" <<CLI
embed-server --std-out=discard
/subsystem=cluster-io/site=site:write-attribute(name=metadata-handler, value=default)
/subsystem=undertow/configuration=handler/file=bench:add(path=$images)
/subsystem=undertow/server=default-server/host=default-host/location=\/bench:add(handler=bench)
stop-embedded-server
CLI
JAVA_OPTS="-Djboss.server.base.dir=$base" "$server/bin/jboss-cli.sh" --file="$work/configure.cli" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log"; exit 1; }

LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/standalone.sh" -Djboss.server.base.dir="$base" > "$work/server.log" 2>&1 &
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:8080/var/site/storage/images/bench/f100k.jpg && break; sleep 1; done
curl -sf -o /dev/null http://127.0.0.1:8080/var/site/storage/images/bench/f100k.jpg || { tail -20 "$work/server.log"; exit 1; }

cat > "$work/nginx.conf" <<NGINX
worker_processes auto; pid $work/nginx.pid; error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; tcp_nodelay on; keepalive_requests 100000; open_file_cache max=1000 inactive=60s;
  client_body_temp_path $work/nginx-tmp; proxy_temp_path $work/nginx-tmp; fastcgi_temp_path $work/nginx-tmp; uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
  types { image/jpeg jpg; }
  server { listen 127.0.0.1:8088; root $base/data/cluster-io; } }
NGINX
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf"

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
