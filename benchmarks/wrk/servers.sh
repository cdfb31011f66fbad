# shellcheck shell=bash disable=SC2154  # server and work are the sourcing benchmark's
# Sourced by the wrk benchmarks: the demo server on a copy of its base directory (its own configuration is left
# untouched), with the site's metadata read from the file system (one stat per request: warm metadata), and nginx
# serving the same files. The benchmark sets server (the provisioned demo server) and work (a directory of its own)
# before sourcing; copy_demo_base sets base.

# The copy of the demo server's base directory, without its stored files, logs and temporary files.
copy_demo_base() {
    base=$work/base
    cp -r "$server/standalone" "$base"
    rm -rf "$base/data/cluster-io" "$base/log" "$base/tmp"
}

# Configures the copy offline: file system metadata, then the jboss-cli lines read from standard input.
configure_demo_base() {
    {
        echo "embed-server --std-out=discard"
        echo "/subsystem=cluster-io/site=site:write-attribute(name=metadata-handler, value=default)"
        cat
        echo "stop-embedded-server"
    } > "$work/configure.cli"
    JAVA_OPTS="-Djboss.server.base.dir=$base" "$server/bin/jboss-cli.sh" --file="$work/configure.cli" > "$work/configure.log" 2>&1 \
        || { cat "$work/configure.log"; exit 1; }
}

start_demo_server() { # port offset, a URL to wait for
    LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$1" \
        > "$work/server.log" 2>&1 &
    for _ in $(seq 1 120); do curl -sf -o /dev/null "$2" && break; sleep 1; done
    curl -sf -o /dev/null "$2" || { tail -20 "$work/server.log"; exit 1; }
}

start_nginx() { # port; serves NGINX_ROOT (by default the copy's data/cluster-io), as the storage filter's URIs name it
    cat > "$work/nginx.conf" <<NGINX
worker_processes auto; pid $work/nginx.pid; error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; tcp_nodelay on; keepalive_requests 100000; open_file_cache max=1000 inactive=60s;
  client_body_temp_path $work/nginx-tmp; proxy_temp_path $work/nginx-tmp; fastcgi_temp_path $work/nginx-tmp; uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
  types { image/jpeg jpg; }
  server { listen 127.0.0.1:$1; root ${NGINX_ROOT:-$base/data/cluster-io}; } }
NGINX
    mkdir -p "$work/nginx-tmp"
    nginx -c "$work/nginx.conf"
}

stop_servers() { # management port
    "$server/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$1" --command=':shutdown' >/dev/null 2>&1 || true
    if [ -f "$work/nginx.pid" ]; then kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
}
