# cluster-io-functions.sh: what the cluster-io command line tools share, sourced by them (not run on its own): the
# management options, jboss-cli calls, and the progress line drawn from a runtime attribute while an operation runs.

controller=127.0.0.1:9990
credentials=()

# Takes --controller, --user and --password; returns 1 for any other argument.
management_option() { # argument
    case "$1" in
        --controller=*) controller=${1#--controller=} ;;
        --user=*) credentials+=("--user=${1#--user=}") ;;
        --password=*) credentials+=("--password=${1#--password=}") ;;
        *) return 1 ;;
    esac
}

cli() { # command
    "$here/jboss-cli.sh" --connect --controller="$controller" "${credentials[@]}" --command="$1"
}

value() { # name, in the attribute read last ($status)
    sed -n "s/.*\"$1\" => \([-0-9.]*\)L\?,\?$/\1/p" <<< "$status" | head -n 1
}

bar() { # done total; with no total, a marker that moves with done
    local width=30 filled=0
    if [ "$2" -gt 0 ]; then
        filled=$(($1 * width / $2))
        printf '%*s' "$filled" '' | tr ' ' '#'
        printf '%*s' $((width - filled)) '' | tr ' ' '-'
    else
        filled=$(($1 % (width - 2)))
        printf '%*s<=>%*s' "$filled" '' $((width - 3 - filled)) '' | tr ' ' '-'
    fi
}

# Runs the operation, and while it runs reads the attribute into $status every 2 s and calls draw, which prints
# the progress line or returns 1 while there is none yet. The reply is left in the file $result.
run_with_progress() { # operation attribute draw
    result=$(mktemp)
    trap 'rm -f "$result"' EXIT
    cli "$1" > "$result" 2>&1 &
    local running=$!
    sleep 1
    while kill -0 "$running" 2>/dev/null; do
        status=$(cli "/subsystem=cluster-io:read-attribute(name=$2)" 2>/dev/null)
        "$3" || printf '\rstarting...'
        sleep 2
    done
    wait "$running"
    printf '\r%*s\r' 120 ''
}
