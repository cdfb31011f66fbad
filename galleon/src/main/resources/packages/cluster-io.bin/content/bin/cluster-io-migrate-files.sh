#!/usr/bin/env bash
# cluster-io-migrate-files.sh: the cluster-io subsystem's migrate-files from a shell, with a progress bar (--help).
set -u
. "$(cd "$(dirname "$0")" && pwd)/cluster-io-client.sh"
cluster_io_client migrate-files "$@"
