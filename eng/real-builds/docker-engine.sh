#!/usr/bin/env bash
# A private, registry-less Docker Engine for the real-build tests: its built-in BuildKit builds the generated
# Dockerfiles against the stand-in base images (the harness's standins command), which are loaded into it from buildah.
# Test fixture only: see README.md.
#
# Usage: docker-engine.sh start | stop | status | env | load IMAGE...
#   start   starts the engine unless it already runs (prints "started" or "already running"); ready when it returns
#   stop    stops the engine by the pid in its pid file
#   status  exit code 0 when the engine answers, 1 when it does not
#   env     prints the shell exports that point the docker CLI (and the tests) at the engine
#   load    makes the engine (DOCKER_HOST, else this private one) hold each stand-in under the name the Dockerfile uses, copied from buildah
#           (buildah push docker-archive, docker load); skipped when the engine holds the same stand-in
#
# The engine cannot pull from any registry: dockerd runs with HTTP_PROXY and HTTPS_PROXY pointing at a closed
# loopback port and an empty NO_PROXY, so every pull and every `# syntax=` frontend fails at once. A build on it
# uses nothing but the stand-ins loaded here.
#
# Environment:
#   MULTISTAGE_DOCKER_DATA   data root (images, layer cache, build cache mounts; default /var/lib/multistage-docker)
#   MULTISTAGE_DOCKER_RUN    exec root, socket and pid file; keep it short (default /run/multistage-docker)
#   MULTISTAGE_DOCKERD       the dockerd executable (default /usr/sbin/dockerd)
#   MULTISTAGE_DOCKER        the docker CLI, one that builds with BuildKit when DOCKER_BUILDKIT=1 (default /usr/bin/docker)
#   MULTISTAGE_BUILDAH, MULTISTAGE_BUILDAH_STORAGE_DRIVER  as for the stand-ins (load reads buildah's images)
set -euo pipefail

readonly LABEL_PREFIX=io.github.multistage-sdk.standin
# A loopback port nothing listens on: every registry request of the engine goes there and is refused.
readonly CLOSED_PROXY=http://127.0.0.1:9

data="${MULTISTAGE_DOCKER_DATA:-/var/lib/multistage-docker}"
run="${MULTISTAGE_DOCKER_RUN:-/run/multistage-docker}"
dockerd_bin="${MULTISTAGE_DOCKERD:-/usr/sbin/dockerd}"
docker_bin="${MULTISTAGE_DOCKER:-/usr/bin/docker}"
buildah_bin="${MULTISTAGE_BUILDAH:-buildah}"
socket="$run/docker.sock"
pidfile="$run/dockerd.pid"
log="$data/dockerd.log"
storage_args=()
[[ -n "${MULTISTAGE_BUILDAH_STORAGE_DRIVER:-}" ]] && storage_args=(--storage-driver "$MULTISTAGE_BUILDAH_STORAGE_DRIVER")

say() { printf 'docker-engine: %s\n' "$*"; }
die() { printf 'docker-engine: error: %s\n' "$*" >&2; exit 1; }
engine_host="unix://$socket"
docker() { DOCKER_HOST="$engine_host" DOCKER_BUILDKIT=1 command "$docker_bin" "$@"; }
buildah() { command "$buildah_bin" "${storage_args[@]}" "$@"; }

usage() { # the header comment, from "Usage:" on
    sed -n '/^# Usage:/,/^[^#]/p' "$0" | sed -e '/^[^#]/d' -e 's/^# \{0,1\}//'
    exit "${1:-0}"
}

engine_pid() { # the pid in the pid file when that process is alive
    local pid
    [[ -f "$pidfile" ]] || return 1
    pid="$(cat "$pidfile" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && printf '%s\n' "$pid"
}

answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start() {
    ((EUID == 0)) || die "must run as root (dockerd)"
    [[ -x "$dockerd_bin" ]] || die "$dockerd_bin not found; install Docker Engine (apt-get install -y docker.io)"
    [[ -x "$docker_bin" ]] || die "$docker_bin not found; install Docker Engine (apt-get install -y docker.io)"
    mkdir -p "$data" "$run"
    exec 8>"$run/start.lock"
    flock 8
    if engine_pid >/dev/null && answers; then
        say "already running (pid $(engine_pid), unix://$socket)"
        return
    fi
    if pid="$(engine_pid)"; then
        die "dockerd (pid $pid) holds $pidfile but does not answer on $socket; see $log"
    fi
    rm -f "$pidfile" "$socket"
    # A configuration file of its own: no machine-wide daemon.json (registry mirrors, proxies) applies. The
    # build cache (layers and cache mounts such as NuGet's) stays between runs, within a bound.
    printf '{ "builder": { "gc": { "enabled": true, "defaultKeepStorage": "30GB" } } }\n' >"$run/daemon.json"
    local started=$SECONDS
    # Registry-less: the proxy refuses every connection, and NO_PROXY exempts nothing (not even loopback).
    env -u http_proxy -u https_proxy -u no_proxy -u all_proxy -u ALL_PROXY \
        HTTP_PROXY="$CLOSED_PROXY" HTTPS_PROXY="$CLOSED_PROXY" NO_PROXY= \
        BUILDKIT_STEP_LOG_MAX_SIZE=104857600 BUILDKIT_STEP_LOG_MAX_SPEED=104857600 \
        setsid "$dockerd_bin" \
        --config-file "$run/daemon.json" \
        --data-root "$data/root" --exec-root "$run/x" -H "unix://$socket" --pidfile "$pidfile" \
        --iptables=false --ip-masq=false --bridge=none --storage-driver=overlay2 \
        --log-level=warn </dev/null >>"$log" 2>&1 8>&- &
    local launched=$!
    until answers; do
        kill -0 "$launched" 2>/dev/null || { tail -n 30 "$log" >&2; die "dockerd exited; full log: $log"; }
        ((SECONDS - started < 60)) || { tail -n 30 "$log" >&2; die "dockerd did not answer within 60 s; full log: $log"; }
        sleep 0.5
    done
    say "started (pid $(engine_pid), unix://$socket, data $data, ready in $((SECONDS - started)) s)"
}

stop() {
    local pid waited=0
    if ! pid="$(engine_pid)"; then
        say "not running"
        rm -f "$pidfile"
        return
    fi
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        ((waited++ < 60)) || { kill -KILL "$pid" 2>/dev/null || true; break; }
        sleep 0.5
    done
    # What dockerd leaves mounted in its exec root (the default network namespace).
    awk -v run="$run/" 'index($2, run) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
        umount "$mount" 2>/dev/null || true
    done
    say "stopped (pid $pid)"
}

print_env() {
    printf 'export DOCKER_HOST=%q\n' "unix://$socket"
    printf 'export DOCKER_BUILDKIT=1\n'
    printf 'export MULTISTAGE_DOCKER=%q\n' "$docker_bin"
}

buildah_field() { buildah inspect --type image --format "$2" "$1" 2>/dev/null || true; }
docker_field() { docker image inspect --format "$2" "$1" 2>/dev/null || true; }

load() {
    (($#)) || usage 2
    # The engine the docker CLI is pointed at (the tests set DOCKER_HOST), else the private one.
    engine_host="${DOCKER_HOST:-unix://$socket}"
    answers || die "no engine answers on $engine_host; start it first ($0 start)"
    command -v "$buildah_bin" >/dev/null || die "buildah is not installed (the stand-ins are made with it)"
    mkdir -p "$data/transfer"
    exec 9>"$data/load.lock"
    flock 9
    local image wanted held started archive
    for image in "$@"; do
        wanted="$(buildah_field "$image" "{{index .OCIv1.Config.Labels \"$LABEL_PREFIX.recipe\"}}|{{index .OCIv1.Config.Labels \"$LABEL_PREFIX.content\"}}|{{index .OCIv1.Config.Labels \"$LABEL_PREFIX.image\"}}|{{.OCIv1.Architecture}}")"
        [[ "$wanted" != "" && "$wanted" != "|||" ]] || die "$image: buildah holds no such stand-in; make it with the harness's standins command first (eng/real-builds/README.md)"
        held="$(docker_field "$image" "{{index .Config.Labels \"$LABEL_PREFIX.recipe\"}}|{{index .Config.Labels \"$LABEL_PREFIX.content\"}}|{{index .Config.Labels \"$LABEL_PREFIX.image\"}}|{{.Architecture}}")"
        if [[ "$held" == "$wanted" ]]; then
            say "$image: the engine holds this stand-in already"
            continue
        fi
        started=$SECONDS
        archive="$data/transfer/standin-$$.tar"
        rm -f "$archive"
        buildah push --quiet --format docker "$image" "docker-archive:$archive:$image" >/dev/null \
            || { rm -f "$archive"; die "$image: buildah push to $archive failed"; }
        docker load --quiet -i "$archive" >/dev/null || { rm -f "$archive"; die "$image: docker load failed"; }
        rm -f "$archive"
        # docker shortens docker.io/library/NAME to NAME; both names find the image.
        held="$(docker_field "$image" "{{index .Config.Labels \"$LABEL_PREFIX.recipe\"}}|{{index .Config.Labels \"$LABEL_PREFIX.content\"}}|{{index .Config.Labels \"$LABEL_PREFIX.image\"}}|{{.Architecture}}")"
        [[ "$held" == "$wanted" ]] || die "$image: loaded, yet the engine does not find it under that name ($held)"
        say "$image: loaded into the engine in $((SECONDS - started)) s"
    done
    # Images a newer load took the name from.
    docker image prune --force --filter "label=$LABEL_PREFIX.recipe" >/dev/null 2>&1 || true
}

(($#)) || usage 2
command="$1"
shift
case "$command" in
    start) start ;;
    stop) stop ;;
    status) answers ;;
    env) print_env ;;
    load) load "$@" ;;
    -h|--help|help) usage 0 ;;
    *) usage 2 ;;
esac
