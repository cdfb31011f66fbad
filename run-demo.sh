#!/usr/bin/env bash
# Quick start: builds the extension, its feature pack and the demo application, provisions a WildFly server with
# the cluster-io layer and the demo, and runs it in the foreground (Ctrl-C stops it).
# The demo, an image gallery, is then at http://localhost:8080/ and the management CLI at demo/target/server/bin/jboss-cli.sh.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B install -DskipTests -pl demo -am
exec demo/target/server/bin/standalone.sh "$@"
