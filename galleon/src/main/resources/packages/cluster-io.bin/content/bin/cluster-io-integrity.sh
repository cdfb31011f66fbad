#!/usr/bin/env bash
# cluster-io-integrity.sh: the cluster-io subsystem's check-integrity and purge from a shell, with a progress line (--help).
set -u
. "$(cd "$(dirname "$0")" && pwd)/cluster-io-client.sh"
cluster_io_client integrity "$@"
