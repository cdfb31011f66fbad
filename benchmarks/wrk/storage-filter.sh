#!/usr/bin/env bash
# The storage filter in the production configuration (the site's metadata on a dfs-metadata-handler over
# PostgreSQL with the persistence cache on, its bytes on a filesystem-binarydata-handler), Undertow's own file
# handler and nginx, all on the same 50 KB and 5 MB files, loaded with wrk at 16 and 64 connections: requests per
# second and the ratios filter/Undertow and filter/nginx, with the load average before and after.
# Run by hand, never by the tests:
#   mvn -B install -DskipTests -pl demo -am && bash benchmarks/wrk/storage-filter.sh
#   PROFILE=/tmp/profile bash benchmarks/wrk/storage-filter.sh   # also a JFR profile of the filter and its top frames
# Needs wrk, nginx (Debian: apt-get install wrk nginx-light) and a PostgreSQL on 127.0.0.1:5432 where the user
# postgres may create a database (PGHOST, PGUSER, PGPASSWORD to change); the database clusterio_bench is created and dropped.
# Everything listens on 127.0.0.1 only. The demo server's own configuration is left untouched: the benchmark runs on
# a copy of its base directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
server=$PWD/demo/target/server
duration=${DURATION:-10s}
pghost=${PGHOST:-127.0.0.1}
pguser=${PGUSER:-postgres}
database=clusterio_bench
[ -x "$server/bin/standalone.sh" ] || { echo "Build the demo server first: mvn -B install -DskipTests -pl demo -am" >&2; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "Install wrk and nginx first (apt-get install wrk nginx-light)" >&2; exit 1; }
PGOPTIONS="-c client_min_messages=warning" psql -h "$pghost" -U "$pguser" -d postgres -qc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null

work=$(mktemp -d)
# shellcheck source=benchmarks/wrk/servers.sh
. benchmarks/wrk/servers.sh
copy_demo_base
# The files start in the site's default store (file system metadata); migrate-files then writes them and their DFS
# rows through the IO service, as a production move does, so that the filter finds real rows.
staged=$base/data/cluster-io/var/site/storage/images/bench
mkdir -p "$staged"
head -c 51200 /dev/urandom > "$staged/f50k.jpg"
head -c 5242880 /dev/urandom > "$staged/f5m.jpg"
store=$work/store
images=$store/var/site/storage/images/bench
mkdir -p "$store"

cleanup() {
    stop_servers 9990
    sleep 2
    rm -rf "$work"
    psql -h "$pghost" -U "$pguser" -d postgres -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# docs/cli/dfs-on-postgresql.cli's datasource and handlers, a filesystem store below the work directory, and an
# Undertow file handler on the same directory.
configure_demo_base <<CLI
/subsystem=datasources/data-source=DfsDS:add(jndi-name=java:jboss/datasources/DfsDS, driver-name=postgresql, connection-url="jdbc:postgresql://$pghost:5432/$database", user-name=$pguser, password="${PGPASSWORD:-postgres}", jta=false, min-pool-size=2, max-pool-size=40, valid-connection-checker-class-name=org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker, exception-sorter-class-name=org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLExceptionSorter, background-validation=true, background-validation-millis=5000, blocking-timeout-wait-millis=5000)
/subsystem=cluster-io/dfs-metadata-handler=pgdfs:add(data-source=DfsDS, create-schema=true, query-timeout=10, cache=default)
/subsystem=cluster-io/filesystem-binarydata-handler=files:add(path=$store)
/subsystem=undertow/configuration=handler/file=bench:add(path=$images)
/subsystem=undertow/server=default-server/host=default-host/location=\/bench:add(handler=bench)
CLI
start_demo_server 0 http://127.0.0.1:8080/var/site/storage/images/bench/f50k.jpg
cli() { "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 --command="$1"; }
cli '/subsystem=cluster-io:migrate-files(to="pgdfs,files")' > "$work/migrate.log"
grep -q '"copied" => 2L' "$work/migrate.log" || { cat "$work/migrate.log"; exit 1; }
cli '/subsystem=cluster-io/site=site:write-attribute(name=metadata-handler, value=pgdfs)' >/dev/null
cli '/subsystem=cluster-io/site=site:write-attribute(name=binarydata-handler, value=files)' >/dev/null
rm -rf "$staged"   # from here on only the DFS rows and the store can answer
cli ':reload' >/dev/null
for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:8080/var/site/storage/images/bench/f50k.jpg && break; sleep 1; done
curl -sf -o /dev/null http://127.0.0.1:8080/var/site/storage/images/bench/f50k.jpg || { tail -20 "$work/server.log"; exit 1; }
rows=$(psql -h "$pghost" -U "$pguser" -d "$database" -tAc "SELECT count(*) FROM ezdfsfile WHERE name LIKE 'var/site/storage/images/bench/%'")
[ "$rows" = 2 ] || { echo "expected 2 DFS rows, found $rows" >&2; exit 1; }
chmod -R a+rX "$work"   # nginx workers run as nobody
NGINX_ROOT=$store start_nginx 8088

rate() { # connections, url; a run with errors or other answers than 200 says so on standard error
    wrk -t2 -c"$1" -d"$duration" "$2" | awk -v url="$2" '/Requests\/sec/ { print $2 }
        /Non-2xx|Socket errors/ { print url ": " $0 > "/dev/stderr" }'
}

for file in f50k.jpg f5m.jpg; do # warm-up: JIT, the persistence cache, the page cache
    wrk -t2 -c16 -d3s "http://127.0.0.1:8080/var/site/storage/images/bench/$file" >/dev/null
    wrk -t2 -c16 -d3s "http://127.0.0.1:8080/bench/$file" >/dev/null
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %5s %12s %14s %12s %10s %8s\n' file conns "filter req/s" "undertow req/s" "nginx req/s" f/undertow f/nginx
for file in f50k.jpg f5m.jpg; do
    for connections in 16 64; do
        filter=$(rate "$connections" "http://127.0.0.1:8080/var/site/storage/images/bench/$file")
        undertow=$(rate "$connections" "http://127.0.0.1:8080/bench/$file")
        nginx_rate=$(rate "$connections" "http://127.0.0.1:8088/var/site/storage/images/bench/$file")
        printf '%-9s %5s %12s %14s %12s %10.2f %8.2f\n' "$file" "$connections" "$filter" "$undertow" "$nginx_rate" \
            "$(echo "$filter / $undertow" | bc -l)" "$(echo "$filter / $nginx_rate" | bc -l)"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${PROFILE:-}" ]; then
    # A profile of the filter alone: 50 KB at 64 connections, where per-request cost shows.
    mkdir -p "$PROFILE"
    pid=$(jcmd -l | awk -v base="-Djboss.server.base.dir=$base" 'index($0, base) && /jboss-modules/ { print $1 }')
    jcmd "$pid" JFR.start name=storage-filter settings=profile >/dev/null
    rate 64 "http://127.0.0.1:8080/var/site/storage/images/bench/f50k.jpg" > "$PROFILE/filter-req-per-s.txt"
    jcmd "$pid" JFR.dump name=storage-filter filename="$PROFILE/storage-filter.jfr" >/dev/null
    jcmd "$pid" JFR.stop name=storage-filter >/dev/null
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$PROFILE/storage-filter.jfr" > "$PROFILE/samples.txt"
    echo "profile: $PROFILE/storage-filter.jfr ($(cat "$PROFILE/filter-req-per-s.txt") req/s while recorded)"
    benchmarks/wrk/top-frames.sh "$PROFILE/samples.txt" | tee "$PROFILE/top-frames.txt"
fi
