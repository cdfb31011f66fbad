#!/usr/bin/env bash
# Two nodes of the testsuite's cluster-io-ha server (JGroups over TCP on loopback) run the demo's session counter
# (GET visits) three times: sessions local to the node (org.clusterio.sessions = none), shared in the locking mode
# (sessions=default), and shared in the sticky mode. wrk loads node 1; each wrk thread is one session whose
# connections send concurrent requests of it (benchmarks/wrk/session-cookie.lua). Prints requests per second, then
# each shared mode's cost per request against local sessions (1/rate(mode) - 1/rate(none), in µs).
# Run by hand, never by the tests:
#   mvn -B install -DskipTests -pl demo,testsuite -am && mvn -B verify -pl testsuite -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
#   bash benchmarks/wrk/sessions.sh
# Needs wrk (Debian: apt-get install wrk). Everything listens on 127.0.0.1 only.
# JFR=<directory>: also records node 1 with Java Flight Recorder during each mode's measured runs, into
# <directory>/<mode>.jfr (profile settings), e.g. for jfr print --events jdk.ExecutionSample.
set -euo pipefail
cd "$(dirname "$0")/../.."
server=${SERVER:-$PWD/testsuite/target/server}   # SERVER=<a copy of it>: another build, e.g. a baseline
war=$PWD/demo/target/demo.war
duration=${DURATION:-10s}
[ -x "$server/bin/standalone.sh" ] && [ -f "$war" ] || { echo "Provision the testsuite server and build the demo first (see the header)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "Install wrk first (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
cli() { # port command
    "$server/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$1" --command="$2" > /dev/null
}
cleanup() {
    cli 9990 ':shutdown' 2>/dev/null || true
    cli 10090 ':shutdown' 2>/dev/null || true
    sleep 2
    rm -rf "$work"
}
trap cleanup EXIT

# The same WAR three times, each with its web.xml choosing the sessions.
for mode in none default sticky; do
    mkdir -p "$work/$mode/WEB-INF"
    cp "$war" "$work/visits-$mode.war"
    printf '<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"><context-param><param-name>org.clusterio.sessions</param-name><param-value>%s</param-value></context-param></web-app>' "$mode" > "$work/$mode/WEB-INF/web.xml"
    (cd "$work/$mode" && jar uf "$work/visits-$mode.war" WEB-INF/web.xml)
done

start() { # node offset
    cp -r "$server/standalone" "$work/$1"
    rm -rf "$work/$1/data" "$work/$1/log" "$work/$1/tmp"
    JBOSS_PIDFILE="$work/$1.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/standalone.sh" -Djboss.server.base.dir="$work/$1" -Djboss.node.name="$1" \
        -Djboss.socket.binding.port-offset="$2" -Djava.net.preferIPv4Stack=true > "$work/$1.log" 2>&1 &
}
start node1 0
start node2 100
for port in 9990 10090; do
    for _ in $(seq 1 120); do cli "$port" ':read-attribute(name=server-state)' 2>/dev/null && break; sleep 1; done
    cli "$port" '/subsystem=cluster-io/sessions=sticky:add(mode=STICKY)'
    cli "$port" ':reload'
done
sleep 5
for port in 9990 10090; do
    for _ in $(seq 1 120); do cli "$port" ':read-attribute(name=server-state)' 2>/dev/null && break; sleep 1; done
    for mode in none default sticky; do cli "$port" "deploy $work/visits-$mode.war"; done
done

rate() { # url threads connections
    wrk -t"$2" -c"$3" -d"$duration" -s benchmarks/wrk/session-cookie.lua "$1" | awk '/Requests\/sec/ { print $2 }'
}
declare -A rates
printf '%-8s %22s %22s\n' "sessions" "4 sessions x 1 conn" "4 sessions x 4 conns"
for mode in none default sticky; do
    url=http://127.0.0.1:8080/visits-$mode/visits
    rate "$url" 4 4 > /dev/null   # warm-up
    if [ -n "${JFR:-}" ]; then
        mkdir -p "$JFR"
        jcmd "$(cat "$work/node1.pid")" JFR.start name=sessions settings=profile filename="$(cd "$JFR" && pwd)/$mode.jfr" > /dev/null
    fi
    rates[$mode:4]=$(rate "$url" 4 4)
    rates[$mode:16]=$(rate "$url" 4 16)
    printf '%-8s %22s %22s\n' "$mode" "${rates[$mode:4]}" "${rates[$mode:16]}"
    if [ -n "${JFR:-}" ]; then
        jcmd "$(cat "$work/node1.pid")" JFR.stop name=sessions > /dev/null
    fi
done

# What sharing adds to a request (docs/benchmarks.md, Sessions): 1/rate(mode) - 1/rate(none) at the same concurrency.
cost() { # mode connections
    echo "1000000 / ${rates[$1:$2]} - 1000000 / ${rates[none:$2]}" | bc -l
}
printf '\n%-8s %22s %22s\n' "cost" "µs/request, 4 x 1" "µs/request, 4 x 4"
for mode in default sticky; do
    printf '%-8s %22.0f %22.0f\n' "$mode" "$(cost "$mode" 4)" "$(cost "$mode" 16)"
done
