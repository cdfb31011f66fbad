#!/usr/bin/env bash
# Clustered quick start: a managed domain on this machine, one host controller with two servers of the cluster-io
# server group (ports 8080 and 8180), sharing one DFS database, one files directory, the persistence cache and the
# HTTP sessions, with the demo application deployed to the group.
#
#   ./run-cluster.sh          build (if needed), configure, start, deploy; prints the URLs
#   ./run-cluster.sh stop     stop the domain (and the H2 database server and Varnish it started)
#
# The database is MariaDB on 127.0.0.1:3306 (user root, no password) when one answers there, otherwise an H2
# database server that this script starts (it says why it did not use MariaDB). When varnishd and the xkey vmod are installed, Varnish runs in front of
# both servers with the shipped docs/varnish/cluster-io.vcl (port 6081, or VARNISH_PORT, or the next free one) and
# the subsystem purges it on every change. Everything lives below target/cluster/ and listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"
top=$PWD
work=$top/target/cluster
server=$top/domain/target/server
varnish=$work/varnish

varnishd=$(command -v varnishd || { [ -x /usr/sbin/varnishd ] && echo /usr/sbin/varnishd; } || true)
varnishadm=$(command -v varnishadm || { [ -x /usr/bin/varnishadm ] && echo /usr/bin/varnishadm; } || true)

running() { # pid; a zombie (where nothing reaps it) counts as gone
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [ "${state:0:1}" != Z ]
}

stop_varnish() {
    local pid
    [ -f "$varnish/varnishd.pid" ] || return 0
    pid=$(cat "$varnish/varnishd.pid")
    # Only the varnishd of this work directory, never a process that reused the number.
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-n $varnish/n"; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            running "$pid" || break
            sleep 0.2
        done
    fi
    rm -f "$varnish/varnishd.pid"
}

stop() {
    stop_varnish
    if [ -x "$server/bin/jboss-cli.sh" ]; then
        "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 --command='/host=primary:shutdown' >/dev/null 2>&1 || true
    fi
    if [ -f "$work/h2.pid" ]; then
        kill "$(cat "$work/h2.pid")" 2>/dev/null || true
        rm -f "$work/h2.pid"
    fi
}

if [ "${1:-}" = stop ]; then
    stop
    exit 0
fi

if [ ! -x "$server/bin/domain.sh" ] || [ ! -f demo/target/demo.war ]; then
    mvn -B install -DskipTests -pl demo,domain -am
fi
stop
rm -rf "$work"
mkdir -p "$work/files"
cp -r "$server/domain" "$work/domain"

# The shared database: MariaDB when the mysql client reaches it, through the driver "mariadb" that the installation
# has from the feature pack (module org.mariadb.jdbc, in the ha profile the cluster-io profile is cloned from).
driver=h2
mariadb_problem=
if [ ! -d "$server/modules/system/layers/base/org/mariadb/jdbc/main" ]; then
    mariadb_problem="the installation has no MariaDB driver module org.mariadb.jdbc (rebuild it: mvn install -pl domain -am)"
elif ! command -v mysql >/dev/null; then
    mariadb_problem="no mysql client on the PATH to set the database up with"
elif ! mariadb_error=$(mysql -h127.0.0.1 -P3306 -uroot --connect-timeout=5 -e "
        CREATE DATABASE IF NOT EXISTS clusterio_quickstart;
        CREATE USER IF NOT EXISTS 'clusterio'@'localhost' IDENTIFIED BY 'clusterio';
        CREATE USER IF NOT EXISTS 'clusterio'@'127.0.0.1' IDENTIFIED BY 'clusterio';
        GRANT ALL ON clusterio_quickstart.* TO 'clusterio'@'localhost';
        GRANT ALL ON clusterio_quickstart.* TO 'clusterio'@'127.0.0.1';" 2>&1); then
    mariadb_problem="setting up database clusterio_quickstart as root on 127.0.0.1:3306 failed: $(echo "$mariadb_error" | head -n 1)"
fi
if [ -z "$mariadb_problem" ]; then
    driver=mariadb
    url="jdbc:mariadb://127.0.0.1:3306/clusterio_quickstart"
    user=clusterio password=clusterio
    echo "Database: MariaDB on 127.0.0.1:3306, database clusterio_quickstart"
else
    h2_jar=$(ls "$server"/modules/system/layers/base/com/h2database/h2/main/h2-*.jar | head -n 1)
    java -cp "$h2_jar" org.h2.tools.Server -tcp -tcpPort 9092 -ifNotExists -baseDir "$work/h2" > "$work/h2.log" 2>&1 &
    echo $! > "$work/h2.pid"
    url="jdbc:h2:tcp://127.0.0.1:9092/dfs"
    user=sa password=sa
    echo "Database: an H2 database server on 127.0.0.1:9092, not MariaDB: $mariadb_problem"
fi

# This installation's cluster secrets (new ones on every run, as target/cluster is new): without them nothing that
# reaches the JGroups ports can join the two servers.
docs/cli/cluster/generate-cluster-secrets.sh "$server" "$work/cluster-secrets" > /dev/null
store_password=$(sed -n 's/^cluster-io.cluster.store-password=//p' "$work/cluster-secrets/cluster-io-cluster.properties")

# Configure the domain offline, with the documented scripts.
{
    echo "embed-host-controller --std-out=discard"
    grep -v '^#' docs/cli/domain/cluster-io-profile.cli
    grep -v '^#' docs/cli/domain/two-servers.cli
    if [ "$driver" != h2 ]; then
        # MariaDB's own checker and exception sorter, and bounded connects and reads, as docs/cli/dfs-on-mariadb.cli.
        ds=/profile=cluster-io/subsystem=datasources/data-source=ClusterIODfsDS
        echo "$ds:write-attribute(name=valid-connection-checker-class-name, value=org.jboss.jca.adapters.jdbc.extensions.mysql.MySQLValidConnectionChecker)"
        echo "$ds:write-attribute(name=exception-sorter-class-name, value=org.jboss.jca.adapters.jdbc.extensions.mysql.MySQLExceptionSorter)"
        echo "$ds/connection-properties=connectTimeout:add(value=5000)"
        echo "$ds/connection-properties=socketTimeout:add(value=30000)"
    fi
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.url:add(value=\"$url\")"
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.user:add(value=\"$user\")"
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.password:add(value=\"$password\")"
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.driver:add(value=\"$driver\")"
    echo "/server-group=cluster-io/system-property=cluster-io.nfs.root:add(value=\"$work/files\")"
    echo "/server-group=cluster-io/system-property=cluster-io.cluster.dir:add(value=\"$work/cluster-secrets\")"
    echo "/server-group=cluster-io/system-property=cluster-io.cluster.store-password:add(value=\"$store_password\")"
    echo "stop-embedded-host-controller"
} > "$work/configure.cli"
JAVA_OPTS="-Djboss.domain.base.dir=$work/domain" "$server/bin/jboss-cli.sh" --file="$work/configure.cli" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log"; exit 1; }

LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/domain.sh" -Djboss.domain.base.dir="$work/domain" > "$work/domain.log" 2>&1 &

cli() {
    "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 "$@"
}
states() {
    cli --commands="/host=primary/server-config=server-one:read-attribute(name=status),/host=primary/server-config=server-two:read-attribute(name=status)" 2>/dev/null \
        | grep -o '"result" => "[A-Z_]*"' | tr '\n' ' '
}

# The shared HTTP cache (docs/varnish/README.md): Varnish with the shipped VCL in front of both servers, balancing
# them on their readiness probe, with an include generated for this cluster (its purge secret new on every run).
# Says why when it cannot run; the cluster goes on without it.
xkey_installed() {
    compgen -G '/usr/lib/*/varnish/vmods/libvmod_xkey.so' >/dev/null || compgen -G '/usr/lib/varnish/vmods/libvmod_xkey.so' >/dev/null \
        || compgen -G '/usr/local/lib/varnish/vmods/libvmod_xkey.so' >/dev/null
}
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
start_varnish() {
    if [ -z "$varnishd" ]; then
        echo "Varnish is not installed (apt-get install varnish varnish-modules): no HTTP cache in front of the servers"
        return 1
    fi
    if ! xkey_installed; then
        echo "Varnish is installed, but not its xkey vmod (apt-get install varnish-modules): no HTTP cache in front of the servers"
        return 1
    fi
    local wanted=${VARNISH_PORT:-6081}
    varnish_port=$wanted
    while port_taken "$varnish_port"; do
        varnish_port=$((varnish_port + 1))
        if [ "$varnish_port" -ge $((wanted + 100)) ]; then
            echo "No free port for Varnish on 127.0.0.1 from $wanted to $varnish_port: no HTTP cache in front of the servers"
            return 1
        fi
    done
    [ "$varnish_port" = "$wanted" ] || echo "Port $wanted is taken: Varnish listens on $varnish_port instead"
    mkdir -p "$varnish/vcl"
    cp docs/varnish/cluster-io.vcl "$varnish/vcl/"
    (
        umask 077
        od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$varnish/purge-secret"
        docs/varnish/generate-backends.sh "$varnish/purge-secret" 127.0.0.1:8080 127.0.0.1:8180 > "$varnish/vcl/cluster-io-backends.vcl"
    )
    # Started by root, varnishd compiles the VCL as its own user, who must read the include (it holds the secret) too.
    if [ "$(id -u)" = 0 ] && getent group varnish >/dev/null; then
        chgrp varnish "$varnish/vcl/cluster-io-backends.vcl"
        chmod 640 "$varnish/vcl/cluster-io-backends.vcl"
    fi
    if ! "$varnishd" -a "127.0.0.1:$varnish_port" -T 127.0.0.1:0 -f "$varnish/vcl/cluster-io.vcl" -n "$varnish/n" \
            -s malloc,256m -P "$varnish/varnishd.pid" > "$varnish/varnishd.log" 2>&1; then
        echo "Varnish did not start, no HTTP cache in front of the servers:"
        sed 's/^/  /' "$varnish/varnishd.log"
        return 1
    fi
}

# The http-cache part: the subsystem's purger sends every create, replace and delete (a soft purge of the file's
# xkey tags) to this Varnish, from both servers, with the secret the include expects (docs/http-cache.md).
configure_http_cache() { # purge target
    local subsystem=/profile=cluster-io/subsystem=cluster-io states
    if ! cli --command="$subsystem:read-children-types" 2>/dev/null | grep -q '"http-cache"'; then
        echo "This subsystem has no http-cache resource: Varnish caches, but changes do not purge it (a replaced file"
        echo "keeps its cached copy for the storage filter's max-age)"
        return 0
    fi
    (
        umask 077
        cat > "$varnish/http-cache.cli" <<CLI
batch
$subsystem/http-cache=varnish:add(purge-targets=["$1"], purge-mode=SOFT, purge-secret={clear-text="$(cat "$varnish/purge-secret")"})
$subsystem/site=site:write-attribute(name=http-cache, value=varnish)
run-batch
CLI
    )
    if ! cli --file="$varnish/http-cache.cli" > "$varnish/http-cache.log" 2>&1; then
        echo "Configuring the http-cache resource failed (see $varnish/http-cache.log): changes do not purge Varnish"
        return 0
    fi
    states=$(cli --commands="/host=primary/server=server-one:read-attribute(name=server-state),/host=primary/server=server-two:read-attribute(name=server-state)" 2>/dev/null)
    if grep -q '"restart-required"' <<< "$states"; then
        cli --command="/server-group=cluster-io:restart-servers(blocking=true)" > /dev/null
    elif grep -q '"reload-required"' <<< "$states"; then
        cli --command="/server-group=cluster-io:reload-servers(blocking=true)" > /dev/null
    fi
    echo "Varnish is purged on every change (http-cache=varnish, purge-mode=SOFT)"
}

# Varnish sends requests only to the servers whose GET /.cluster-io/ready answers 200 (two good probes of three).
await_varnish_backends() {
    local healthy=0
    [ -n "$varnishadm" ] || return 0
    for _ in $(seq 1 10); do
        healthy=$("$varnishadm" -n "$varnish/n" backend.list 2>/dev/null | awk '$1 ~ /\.node[0-9]+$/ && $4 == "healthy"' | wc -l)
        [ "$healthy" -lt 2 ] || return 0
        sleep 1
    done
    if [ "$healthy" = 0 ]; then
        echo "Varnish holds neither server ready (GET /.cluster-io/ready does not answer 200): it answers 503 until one"
        echo "does; varnishadm -n $varnish/n backend.list shows the probes"
    else
        echo "Varnish holds one server ready only; varnishadm -n $varnish/n backend.list shows the probes"
    fi
}

deadline=$((SECONDS + 180))
until [ "$(states)" = '"result" => "STARTED" "result" => "STARTED" ' ]; do
    if [ $SECONDS -ge $deadline ] || grep -q 'finished with an exit status' "$work/domain.log"; then
        echo "The servers did not start; see $work/domain.log and $work/domain/servers/*/log/server.log" >&2
        exit 1
    fi
    sleep 2
done
cli --command="deploy demo/target/demo.war --runtime-name=ROOT.war --server-groups=cluster-io"

http_cache=
if start_varnish; then
    http_cache=http://127.0.0.1:$varnish_port/
    configure_http_cache "http://127.0.0.1:$varnish_port"
    await_varnish_backends
fi

echo
if [ -n "$http_cache" ]; then
    cat <<TEXT
The cluster is up: two servers sharing files, caches and sessions, Varnish in front of them.
  http cache: $http_cache
  server one: http://127.0.0.1:8080/
  server two: http://127.0.0.1:8180/
Use the http cache: it balances the two servers and caches the stored files (X-Cache: MISS, then HIT); a change
through either server purges it. Watch it: varnishlog -n $varnish/n, varnishstat -n $varnish/n.
The servers' own URLs reach one server each: store a file on one and follow its link on the other;
http://127.0.0.1:8080/visits and http://127.0.0.1:8180/visits count one session's requests across both.
TEXT
else
    cat <<TEXT
The cluster is up: two servers sharing files, caches and sessions.
  server one: http://127.0.0.1:8080/
  server two: http://127.0.0.1:8180/
Store a file on one and follow its link on the other; http://127.0.0.1:8080/visits and http://127.0.0.1:8180/visits
count one session's requests across both.
TEXT
fi
cat <<TEXT
Management: $server/bin/jboss-cli.sh --connect
Stop it with: ./run-cluster.sh stop
TEXT
