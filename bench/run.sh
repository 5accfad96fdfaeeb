#!/usr/bin/env bash
# Benchmarks MultiStage.Sdk against the plain Web SDK (build-time cost) and against the Visual Studio Container
# Tools and dotnet/dotnet-docker Dockerfile shapes and the .NET SDK's PublishContainer (container builds), on the
# fixed solutions in bench/sample and bench/sample-large, with Docker Engine's BuildKit and with buildah, and
# writes bench/results/results.json, results.md and chart.png. One command, from a fresh clone, as root:
#
#   bench/run.sh
#
# Needs the .NET 10 SDK, Node.js/npm, buildah, Debian's docker.io (dockerd and the /usr/bin/docker 20.10 CLI),
# Debian's docker-registry, curl and jq, and (on the first run on a machine, for the stand-in base images)
# debootstrap. See bench/README.md for what is measured and how.
#
# Environment:
#   BENCH_ROUNDS       no-change dotnet build rounds per side for the build overhead (default 9, at least 7)
#   BENCH_WARMUP       no-change builds per side before the measured rounds (default 2)
#   BENCH_EDITS        one-line edits of bench/sample's app, each followed by a rebuild of every Dockerfile on every
#                      engine and a PublishContainer (default 5)
#   BENCH_LARGE_EDITS  rounds on bench/sample-large, each a one-line edit of the app and one of Orders.Domain, each
#                      followed by a rebuild of every Dockerfile on every engine and a PublishContainer (default 3)
#   BENCH_ENGINES      the container builders, any of "buildkit buildah" (default both)
#   BENCH_REGISTRY_PORT  loopback port of the run's own registry (default 5000)
#   BENCH_DOCKER_DATA, BENCH_DOCKER_RUN  data root and run folder of the run's own Docker Engine
#                      (default /var/lib/multistage-bench-docker, /run/multistage-bench)
#   BENCH_KEEP_IMAGES=1  keep the images the run built (localhost/multistage-bench/..., multistage-bench/...)
#   MULTISTAGE_STANDIN_CACHE, MULTISTAGE_BUILDAH, MULTISTAGE_BUILDAH_STORAGE_DRIVER, BUILDAH_ISOLATION: as for
#                      the stand-ins (eng/real-builds/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench="$root/bench"
artifacts="$bench/artifacts"
results="$bench/results"
raw="$artifacts/raw"
logs="$artifacts/logs"
work="$artifacts/work"

rounds="${BENCH_ROUNDS:-9}"
warmup="${BENCH_WARMUP:-2}"
edits="${BENCH_EDITS:-5}"
large_edits="${BENCH_LARGE_EDITS:-3}"
read -r -a engines <<<"${BENCH_ENGINES:-buildkit buildah}"
registry_port="${BENCH_REGISTRY_PORT:-5000}"
registry="127.0.0.1:$registry_port"
standin_cache="${MULTISTAGE_STANDIN_CACHE:-/var/cache/multistage-standins}"
buildah_bin="${MULTISTAGE_BUILDAH:-buildah}"
docker_bin=/usr/bin/docker
storage_args=()
[[ -n "${MULTISTAGE_BUILDAH_STORAGE_DRIVER:-}" ]] && storage_args=(--storage-driver "$MULTISTAGE_BUILDAH_STORAGE_DRIVER")
export BUILDAH_ISOLATION="${BUILDAH_ISOLATION:-chroot}"
# The run's own temporary folders for buildah. RUN cache mounts (the NuGet cache mount and the compilation caches
# among them) live under TMPDIR, so each Dockerfile shape builds each solution with a folder of its own
# (buildah-tmp/<sample>-<variant>): its cache mounts are its own, emptied before its cold build and kept for its
# rebuilds (and for the solution's second service), and never the tests'.
buildah_tmp="$artifacts/buildah-tmp"
image_repository="localhost/multistage-bench"
# The run's own Docker Engine (eng/real-builds/docker-engine.sh with a data root and run folder of its own): its
# build cache, cache mounts among them, is the run's alone, so a cold build can start from an empty one without
# touching the tests' engine, and no test build shares the compilation caches or the NuGet cache mount with it.
bench_docker_data="${BENCH_DOCKER_DATA:-/var/lib/multistage-bench-docker}"
bench_docker_run="${BENCH_DOCKER_RUN:-/run/multistage-bench}"
bench_docker_host="unix://$bench_docker_run/docker.sock"
docker_repository="multistage-bench"
containers=()
built_buildah=()
built_docker=()
engine_started=""
registry_pid=""

started_at=$(date +%s)
run_id="$(date -u +%Y%m%dT%H%M%SZ)-$$"
say() { printf '\n== %s\n' "$*"; }
note() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
seconds_since() { awk -v ms=$(($(now_ms) - $1)) 'BEGIN { printf "%.2f", ms / 1000 }'; }
bh() { TMPDIR="${bh_tmp:-$buildah_tmp}" command "$buildah_bin" "${storage_args[@]}" "$@"; }
dk() { DOCKER_HOST="$bench_docker_host" DOCKER_BUILDKIT=1 command "$docker_bin" "$@"; }
docker_engine() {
    MULTISTAGE_DOCKER_DATA="$bench_docker_data" MULTISTAGE_DOCKER_RUN="$bench_docker_run" MULTISTAGE_DOCKER="$docker_bin" \
        MULTISTAGE_BUILDAH="$buildah_bin" DOCKER_HOST="$bench_docker_host" bash "$root/eng/real-builds/docker-engine.sh" "$@"
}
uses() { local e; for e in "${engines[@]}"; do [[ "$e" == "$1" ]] && return 0; done; return 1; }

cleanup() {
    local container
    for container in "${containers[@]}"; do
        bh umount "$container" >/dev/null 2>&1 || true
        bh rm "$container" >/dev/null 2>&1 || true
    done
    containers=()
    if [[ -n "$registry_pid" ]]; then
        kill "$registry_pid" 2>/dev/null || true
        wait "$registry_pid" 2>/dev/null || true
        registry_pid=""
    fi
    if [[ -n "$engine_started" ]]; then
        docker_engine stop >/dev/null 2>&1 || true
        engine_started=""
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites

((EUID == 0)) || die "run as root (buildah's chroot isolation, dockerd and the stand-in images need it)"
((rounds >= 7)) || die "BENCH_ROUNDS must be at least 7 (is $rounds)"
((edits >= 1)) || die "BENCH_EDITS must be at least 1 (is $edits)"
((large_edits >= 1)) || die "BENCH_LARGE_EDITS must be at least 1 (is $large_edits)"
((${#engines[@]} >= 1)) || die "BENCH_ENGINES names no engine"
for engine in "${engines[@]}"; do [[ "$engine" == buildkit || "$engine" == buildah ]] || die "BENCH_ENGINES: unknown engine $engine"; done
command -v dotnet >/dev/null || die "dotnet is not on PATH (the .NET 10 SDK is needed)"
command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are needed to render the chart"
command -v "$buildah_bin" >/dev/null || die "buildah is not installed (apt-get install -y buildah debootstrap)"
command -v flock >/dev/null || die "flock (util-linux) is not installed"
command -v curl >/dev/null && command -v jq >/dev/null || die "curl and jq are needed (apt-get install -y curl jq)"
[[ -x /usr/bin/docker-registry ]] || die "Debian's docker-registry is not installed (apt-get install -y docker-registry)"
if uses buildkit; then
    [[ -x "$docker_bin" && -x /usr/sbin/dockerd ]] || die "Debian's docker.io is not installed (apt-get install -y docker.io): BuildKit builds need /usr/bin/docker and dockerd"
fi

rm -rf "$artifacts"
mkdir -p "$raw" "$logs" "$work" "$results" "$buildah_tmp"
overhead_tsv="$raw/overhead.tsv"
builds_tsv="$raw/builds.tsv"
printf 'round\tside\twall_ms\ttarget_ms\ttargets\n' >"$overhead_tsv"
printf 'engine\tsample\tvariant\tservice\tphase\tround\tseconds\tsteps\tcached_steps\trestore_step_cached\tnuget_restored\tnew_layer_bytes\tnew_layers\timage_layers\tload\n' >"$builds_tsv"
load_start="$(loadavg)"

# Every dotnet command of the run: a fresh packages folder, and MSBuild in fresh processes that leave nothing
# running (no node reuse, no MSBuild server, no compiler server), as this repository's tests run it.
export NUGET_PACKAGES="$artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

say "Chart renderer (npm ci in bench/)"
(cd "$bench" && npm ci --no-audit --no-fund --loglevel=error >"$logs/npm-ci.log" 2>&1) \
    || { cat "$logs/npm-ci.log" >&2; die "npm ci failed in bench/"; }

# ---------------------------------------------------------------------------------------------------------------
# The SDK, packed from this tree, and each solution in its copies

say "Packing MultiStage.Sdk from the tree"
feed="$artifacts/feed"
dotnet pack src/MultiStage.Sdk/MultiStage.Sdk.csproj -c Release -o "$feed" -nologo -v:q >"$logs/pack.log" 2>&1 \
    || { tail -n 40 "$logs/pack.log" >&2; die "dotnet pack failed (log: $logs/pack.log)"; }
package=$(ls "$feed"/MultiStage.Sdk.*.nupkg)
sdk_version=$(basename "$package" .nupkg)
sdk_version=${sdk_version#MultiStage.Sdk.}
note "packed $(basename "$package")"

# The two solutions: bench/sample (small: Bench.Api and Bench.Core) and bench/sample-large (Orders.Api and
# Orders.Worker, two services on Orders.Domain, Orders.Storage and Orders.Reports).
samples=(small large)
declare -A sample_source=([small]="$bench/sample" [large]="$bench/sample-large")
declare -A sample_solution=([small]=Bench.slnx [large]=Orders.slnx)
declare -A services=([small]="api" [large]="api worker")
declare -A project_name=([small-api]=Bench.Api [large-api]=Orders.Api [large-worker]=Orders.Worker)
# The one-line edits: a string literal in a method body, so no project's public surface changes.
declare -A edit_file=([small-app]=src/Bench.Api/Program.cs [large-app]=src/Orders.Api/Program.cs [large-domain]=src/Orders.Domain/Catalog.cs)
declare -A edit_text=([small-app]="Hello from Bench.Api" [large-app]="Hello from Orders.Api" [large-domain]="Orders.Domain catalog")

copy_sample() { # sample, destination: the solution, without anything a build left in its source folder
    local source="${sample_source[$1]}" dest="$2"
    mkdir -p "$dest"
    cp -a "$source/." "$dest/"
    find "$dest" -depth -type d \( -name bin -o -name obj \) -exec rm -rf {} +
    # buildah's layer cache keys a COPY on the copied files' contents alone: a comment naming this run, in the file
    # every Dockerfile copies first, keeps the layers of an earlier run (or of the tests, which copy the same
    # solution) from standing in for this run's cold builds.
    sed -i "s|^<Project>\$|<Project>\n  <!-- bench/run.sh, run $run_id -->|" "$dest/Directory.Build.props"
    grep -q "run $run_id" "$dest/Directory.Build.props" || die "could not mark $dest/Directory.Build.props with the run"
    # The working tree of a repository: a .git folder, for the contexts' ignore rules to deal with.
    mkdir -p "$dest/.git/refs/heads" "$dest/.git/objects/pack" "$dest/.git/info"
    printf 'ref: refs/heads/main\n' >"$dest/.git/HEAD"
    printf '[core]\n\trepositoryformatversion = 0\n\tbare = false\n' >"$dest/.git/config"
    printf '0000000000000000000000000000000000000000\n' >"$dest/.git/refs/heads/main"
    printf '# git ls-files --others --exclude-from=.git/info/exclude\n' >"$dest/.git/info/exclude"
    printf 'Unnamed repository\n' >"$dest/.git/description"
}

with_local_sdk() { # folder: the SDK comes from the packed .nupkg in the folder's own feed, as the tests set it up
    mkdir -p "$1/local-packages"
    cp "$package" "$1/local-packages/"
    cat >"$1/global.json" <<JSON
{
  "msbuild-sdks": {
    "MultiStage.Sdk": "$sdk_version"
  }
}
JSON
    cat >"$1/NuGet.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="local-packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
}

# work/<sample>/multistage: the solution with the SDK; work/<sample>/plain: the same files without the
# <Sdk Name="MultiStage.Sdk" /> lines (the plain Web SDK twin, in its own folder so the two never share obj/).
for s in "${samples[@]}"; do
    copy_sample "$s" "$work/$s/multistage"
    with_local_sdk "$work/$s/multistage"
    copy_sample "$s" "$work/$s/plain"
    with_local_sdk "$work/$s/plain"
    for service in ${services[$s]}; do
        project="src/${project_name[$s-$service]}/${project_name[$s-$service]}.csproj"
        grep -q 'Sdk Name="MultiStage.Sdk"' "$work/$s/multistage/$project" || die "${sample_source[$s]}/$project does not add MultiStage.Sdk"
        sed -i '/<Sdk Name="MultiStage.Sdk" \/>/d' "$work/$s/plain/$project"
        ! grep -q 'MultiStage' "$work/$s/plain/$project" || die "the plain twin of $project still names MultiStage.Sdk"
    done
done
sdk_dir="$work/small/multistage"   # Bench.Api with MultiStage.Sdk: overhead side "sdk"
plain_dir="$work/small/plain"      # without it: overhead side "plain"

say "First builds (restore, compile, generate the Dockerfiles)"
for s in "${samples[@]}"; do
    for side in multistage plain; do
        dir="$work/$s/$side"
        (cd "$dir" && dotnet build "${sample_solution[$s]}" -nologo -tl:off >"$logs/first-build-$s-$side.log" 2>&1) \
            || { tail -n 40 "$logs/first-build-$s-$side.log" >&2; die "dotnet build failed in $dir"; }
    done
    [[ -f "$work/$s/multistage/.dockerignore" ]] || die "dotnet build wrote no .dockerignore in $work/$s/multistage"
    for service in ${services[$s]}; do
        generated="$work/$s/multistage/src/${project_name[$s-$service]}/Dockerfile"
        [[ -f "$generated" ]] || die "dotnet build wrote no Dockerfile for ${project_name[$s-$service]}"
        grep -q '^# Generated by MultiStage.Sdk' "$generated" || die "$generated was not written by MultiStage.Sdk"
        [[ ! -e "$work/$s/plain/src/${project_name[$s-$service]}/Dockerfile" ]] || die "the plain twin generated a Dockerfile"
        note "generated $generated"
    done
done
cp "$work/small/multistage/src/Bench.Api/Dockerfile" "$results/multistage.Dockerfile"
cp "$work/small/multistage/.dockerignore" "$results/multistage.dockerignore"
for service in ${services[large]}; do
    cp "$work/large/multistage/src/${project_name[large-$service]}/Dockerfile" "$results/multistage-large.${project_name[large-$service]}.Dockerfile"
done
cp "$work/large/multistage/.dockerignore" "$results/multistage-large.dockerignore"

# ---------------------------------------------------------------------------------------------------------------
# (1) Build overhead: no-change dotnet build, interleaved

# Sums the MultiStage targets' lines of MSBuild's Target Performance Summary: "   38 ms  _MultiStageWriteFiles   1 calls".
multistage_target_ms() {
    awk '/^Target Performance Summary:/ { inside = 1; next }
         /^[A-Za-z].*Summary:/ { inside = 0 }
         inside && $2 == "ms" && ($3 ~ /MultiStage/) { sum += $1; names = names (names == "" ? "" : ",") $3 }
         END { printf "%d\t%s\n", sum, (names == "" ? "-" : names) }' "$1"
}

no_change_build() { # side, round ("w1".. for warm-up): one build, appended to the overhead table
    local side="$1" round="$2" dir start end log
    dir=$([[ "$side" == sdk ]] && echo "$sdk_dir" || echo "$plain_dir")
    log="$logs/overhead-$side-$round.log"
    start=$(now_ms)
    (cd "$dir" && dotnet build Bench.slnx -nologo -tl:off -clp:PerformanceSummary >"$log" 2>&1) \
        || { tail -n 40 "$log" >&2; die "no-change build failed ($side, round $round)"; }
    end=$(now_ms)
    # A no-change build compiles nothing: a Csc task in the summary means this build measured something else.
    if awk '/^Task Performance Summary:/ { inside = 1; next } inside && $3 == "Csc" { found = 1 } END { exit !found }' "$log"; then
        die "a no-change build compiled ($side, round $round): $log"
    fi
    printf '%s\t%s\t%s\t%s\n' "$round" "$side" "$((end - start))" "$(multistage_target_ms "$log")" >>"$overhead_tsv"
}

say "Build overhead: $warmup warm-up and $rounds measured no-change builds per side, interleaved"
load_overhead="$(loadavg)"
for ((i = 1; i <= warmup; i++)); do
    no_change_build sdk "w$i"
    no_change_build plain "w$i"
done
for ((i = 1; i <= rounds; i++)); do
    # Alternate which side goes first, so drift in the machine's load falls on both alike.
    if ((i % 2)); then order=(sdk plain); else order=(plain sdk); fi
    for side in "${order[@]}"; do no_change_build "$side" "$i"; done
    note "round $i/$rounds: $(tail -n 2 "$overhead_tsv" | awk -F'\t' '{ printf "%s %s ms (targets %s ms)  ", $2, $3, $4 }')"
done

# Where the generation targets' time goes: the GenerateMultiStageFiles task called once in a fresh MSBuild process,
# and three times in one process (the later calls find the task assembly loaded and compiled). Alternating, medians.
say "Generation task: first call in an MSBuild process against later calls in the same process"
task_tsv="$raw/task.tsv"
printf 'round\tcalls\ttask_ms\n' >"$task_tsv"
cat >"$work/task-calls.proj" <<'XML'
<Project>
  <!-- Calls the MultiStage.Sdk generation of Bench.Api once, or 3 times (Calls=3), in one MSBuild process, past the up-to-date check. -->
  <Target Name="Generate">
    <ItemGroup>
      <_Call Include="1" />
      <_Call Include="2;3" Condition="'$(Calls)' == '3'" />
      <_Instance Include="small/multistage/src/Bench.Api/Bench.Api.csproj" AdditionalProperties="BenchCall=%(_Call.Identity);_MultiStageAlwaysGenerate=true" />
    </ItemGroup>
    <MSBuild Projects="@(_Instance)" Targets="_MultiStageWriteFiles" BuildInParallel="false" />
  </Target>
</Project>
XML
for ((i = 1; i <= 5; i++)); do
    for calls in 1 3; do
        log="$logs/task-calls-$calls-$i.log"
        (cd "$work" && dotnet msbuild task-calls.proj -t:Generate -p:Calls=$calls -m:1 -nologo -tl:off -clp:PerformanceSummary >"$log" 2>&1) \
            || { tail -n 30 "$log" >&2; die "task-calls.proj failed: $log"; }
        ms=$(awk '/^Task Performance Summary:/ { inside = 1; next } inside && $2 == "ms" && $3 == "GenerateMultiStageFiles" { print $1; exit }' "$log")
        [[ "$(awk '/^Task Performance Summary:/ { inside = 1; next } inside && $3 == "GenerateMultiStageFiles" { print $4; exit }' "$log")" == "$calls" ]] \
            || die "task-calls.proj did not call GenerateMultiStageFiles $calls times: $log"
        printf '%s\t%s\t%s\n' "$i" "$calls" "$ms" >>"$task_tsv"
    done
done

# ---------------------------------------------------------------------------------------------------------------
# (2) Container builds: MultiStage.Sdk, Visual Studio shape, dotnet-docker shape (each on every engine), and the
# .NET SDK's PublishContainer

# The anchors build the solution a user of those tools has: the plain twin (with the host's bin/ and obj/ of its
# builds), its own NuGet.config (nuget.org) and no MultiStage.Sdk package feed.
anchor_context() { # sample, name, .dockerignore source
    local dir="$work/$1/$2"
    cp -a "$work/$1/plain" "$dir"
    rm -rf "$dir/local-packages" "$dir/global.json"
    cp "${sample_source[$1]}/NuGet.config" "$dir/NuGet.config"
    cp "$3" "$dir/.dockerignore"
}
declare -A context=() dockerfile=()
for s in "${samples[@]}"; do
    anchor_context "$s" visual-studio "$bench/anchors/visual-studio.dockerignore"
    anchor_context "$s" dotnet-docker "$bench/anchors/dotnet-docker.dockerignore"
    for v in multistage visual-studio dotnet-docker; do context[$s-$v]="$work/$s/$v"; done
    # PublishContainer: the plain twin as a fresh clone has it (no bin/, obj/), nuget.org only.
    dir="$work/$s/publish-container"
    cp -a "$work/$s/plain" "$dir"
    rm -rf "$dir/local-packages" "$dir/global.json"
    find "$dir" -depth -type d \( -name bin -o -name obj \) -exec rm -rf {} +
    cp "${sample_source[$s]}/NuGet.config" "$dir/NuGet.config"
    context[$s-publish-container]="$dir"
done
# Where each Dockerfile sits: the generated ones and Visual Studio's beside their project; the dotnet-docker
# shape's in the solution folder for the one-app solution, beside each app for the two-service one.
dockerfile[small-multistage-api]="$work/small/multistage/src/Bench.Api/Dockerfile"
cp "$bench/anchors/visual-studio.Dockerfile" "$work/small/visual-studio/src/Bench.Api/Dockerfile"
dockerfile[small-visual-studio-api]="$work/small/visual-studio/src/Bench.Api/Dockerfile"
cp "$bench/anchors/dotnet-docker.Dockerfile" "$work/small/dotnet-docker/Dockerfile"
dockerfile[small-dotnet-docker-api]="$work/small/dotnet-docker/Dockerfile"
for service in ${services[large]}; do
    name="${project_name[large-$service]}"
    dockerfile[large-multistage-$service]="$work/large/multistage/src/$name/Dockerfile"
    for v in visual-studio dotnet-docker; do
        cp "$bench/anchors/sample-large/$v.$name.Dockerfile" "$work/large/$v/src/$name/Dockerfile"
        dockerfile[large-$v-$service]="$work/large/$v/src/$name/Dockerfile"
    done
done
shapes=(multistage visual-studio dotnet-docker)
variants=(multistage visual-studio dotnet-docker publish-container)

base_images() { # Dockerfile: the images its FROM lines name that are not earlier stages
    awk 'toupper($1) == "FROM" {
            image = ""; stage = ""
            for (i = 2; i <= NF; i++) {
                if ($i ~ /^--/) continue
                if (image == "") { image = $i; continue }
                if (toupper($i) == "AS" && i < NF) stage = $(i + 1)
            }
            if (!(tolower(image) in stages)) print image
            if (stage != "") stages[tolower(stage)] = 1
        }' "$1"
}

final_base_image() { # Dockerfile: the image the final stage stands on, following stage names
    awk 'toupper($1) == "FROM" {
            image = ""; stage = ""
            for (i = 2; i <= NF; i++) {
                if ($i ~ /^--/) continue
                if (image == "") { image = $i; continue }
                if (toupper($i) == "AS" && i < NF) stage = $(i + 1)
            }
            resolved = (tolower(image) in from) ? from[tolower(image)] : image
            if (stage != "") from[tolower(stage)] = resolved
            last = resolved
        }
        END { print last }' "$1"
}

say "Stand-in base images"
mapfile -t images < <(for key in "${!dockerfile[@]}"; do base_images "${dockerfile[$key]}"; done | sort -u)
note "base images: ${images[*]}"
if ! MULTISTAGE_STANDIN_CACHE="$standin_cache" MULTISTAGE_BUILDAH="$buildah_bin" TMPDIR="$buildah_tmp" \
    dotnet run --project "$root/tests/MultiStage.Harness" -- standins "${images[@]}" >"$logs/standins.log" 2>&1; then
    cat "$logs/standins.log" >&2
    die "the stand-ins failed"
fi
cat "$logs/standins.log"

# Builds of the test suite and of this script share buildah's layer store. Hold the real-build session's shared
# lock while building, as the tests do, so no run drops the intermediate layers (the layer cache) meanwhile.
mkdir -p "$standin_cache"
exec 8>"$standin_cache/session.lock"
flock -s -w 600 8 || die "could not join the real-build session ($standin_cache/session.lock)"

if uses buildkit; then
    say "The run's Docker Engine (BuildKit): $bench_docker_host, data $bench_docker_data"
    if docker_engine status; then
        note "already running"
    else
        docker_engine start
        engine_started=1
    fi
    docker_engine load "${images[@]}"
fi

# The run's own registry on loopback (Debian's docker-registry, storage under bench/artifacts): every image of
# the run is pushed to it, and what a push adds to it is what that push sends. Pushes from the run's Docker
# Engine reach it although the engine reaches no other registry (Go never sends loopback requests to the proxy).
say "Registry on $registry"
if curl -sf -o /dev/null "http://$registry/v2/"; then
    die "something already answers on $registry; set BENCH_REGISTRY_PORT to a free port"
fi
registry_dir="$artifacts/registry"
mkdir -p "$registry_dir"
cat >"$artifacts/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $registry_dir
  delete:
    enabled: true
http:
  addr: $registry
YAML
/usr/bin/docker-registry serve "$artifacts/registry.yml" >"$logs/registry.log" 2>&1 &
registry_pid=$!
for ((i = 0; i < 40; i++)); do curl -sf -o /dev/null "http://$registry/v2/" && break; sleep 0.25; done
curl -sf -o /dev/null "http://$registry/v2/" || { cat "$logs/registry.log" >&2; die "the registry did not start on $registry"; }
note "docker-registry $(/usr/bin/docker-registry --version 2>/dev/null | awk '{ print $3 }') (pid $registry_pid), storage $registry_dir"

# The base image PublishContainer builds on: the final stage's base of the generated Dockerfiles, pushed from
# buildah's stand-in to the registry, where the SDK reads it (it pushes the app's layer to the same registry and
# mounts the base's layers from this repository rather than sending them).
container_base="$(final_base_image "${dockerfile[large-multistage-api]}")"
[[ "$(final_base_image "${dockerfile[small-multistage-api]}")" == "$container_base" ]] || die "the two solutions' generated Dockerfiles stand on different base images"
container_base_path="${container_base#*/}"
bh push --tls-verify=false "$container_base" "docker://$registry/$container_base_path" >"$logs/push-container-base.log" 2>&1 \
    || { cat "$logs/push-container-base.log" >&2; die "could not push $container_base to $registry"; }
note "PublishContainer base image: $registry/$container_base_path (the stand-in of $container_base)"

registry_blobs() { # the digests the registry holds, one a line, sorted
    find "$registry_dir/docker/registry/v2/blobs" -name data -printf '%h\n' 2>/dev/null | sed 's|.*/|sha256:|' | sort
}

new_layer_facts() { # repository, tag, file of the blobs before the push: "new_layer_bytes new_layers image_layers"
    local manifest
    manifest=$(curl -sf -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
        "http://$registry/v2/$1/manifests/$2") || die "the registry has no manifest $1:$2"
    jq -r '.layers[] | "\(.digest)\t\(.size)"' <<<"$manifest" \
        | awk -F'\t' 'NR == FNR { before[$1] = 1; next }
                      { layers++; if (!($1 in before)) { bytes += $2; fresh++ } }
                      END { printf "%d\t%d\t%d\n", bytes, fresh, layers }' "$3" -
}

# The steps of a build log: "steps cached_steps restore_step_cached cached_content_steps". A step is cached when
# buildah says "Using cache" for it, or BuildKit "CACHED"; the restore step is the one whose instruction runs dotnet
# restore; content steps are COPY, ADD and RUN (the others only set metadata and cost nothing either way).
step_facts_buildah() {
    awk 'function done() { total++; if (cached) { hits++; if (content) chits++ } if (restore) rcached = cached }
         /^(\[[0-9]+\/[0-9]+\] )?STEP [0-9]+\/[0-9]+: / {
            if (n) done()
            n = 1; cached = 0; restore = ($0 ~ /dotnet restore/)
            instruction = $0; sub(/^.*STEP [0-9]+\/[0-9]+: /, "", instruction)
            content = (toupper(instruction) ~ /^(COPY|ADD|RUN) /)
            next }
         /^--> Using cache / { cached = 1 }
         END {
            if (n) done()
            printf "%d\t%d\t%s\t%d\n", total, hits + 0, (rcached == "" ? "none" : (rcached ? "yes" : "no")), chits + 0 }' "$1"
}
step_facts_buildkit() { # "#12 [build 5/8] RUN ...", "#12 CACHED" (docker build --progress=plain)
    awk '/^#[0-9]+ \[[^]]*[0-9]+\/[0-9]+\] / {
            vertex = $1
            if (vertex in instruction) next
            line = $0; sub(/^#[0-9]+ \[[^]]*\] /, "", line)
            instruction[vertex] = line; order[++n] = vertex
            next }
         /^#[0-9]+ CACHED$/ { cached[$1] = 1 }
         END {
            for (i = 1; i <= n; i++) {
                v = order[i]; total++
                content = (toupper(instruction[v]) ~ /^(COPY|ADD|RUN) /)
                if (v in cached) { hits++; if (content) chits++ }
                if (instruction[v] ~ /dotnet restore/) rcached = (v in cached) ? 1 : 0
            }
            printf "%d\t%d\t%s\t%d\n", total, hits + 0, (rcached == "" ? "none" : (rcached ? "yes" : "no")), chits + 0 }' "$1"
}

record() { # engine sample variant service phase round seconds steps cached restore_cached restored bytes new layers
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" "$(loadavg)" >>"$builds_tsv"
}

image_build() { # engine, sample, variant, service, phase (cold, second, edit-app, edit-domain), round
    local engine="$1" s="$2" v="$3" service="$4" phase="$5" round="$6"
    local key="$s-$v-$service" log start seconds status total hits restore_cached content_hits restored before ref tag
    log="$logs/$engine-$key-$phase-$round.log"
    start=$(now_ms)
    set +e
    if [[ "$engine" == buildah ]]; then
        tag="$image_repository/$key:$phase"
        mkdir -p "$buildah_tmp/$s-$v"
        bh_tmp="$buildah_tmp/$s-$v" bh bud --pull=never --layers --force-rm -f "${dockerfile[$key]}" -t "$tag" "${context[$s-$v]}" >"$log" 2>&1
    else
        tag="$docker_repository/$key:$phase"
        dk build --progress=plain --network host -f "${dockerfile[$key]}" -t "$tag" "${context[$s-$v]}" >"$log" 2>&1
    fi
    status=$?
    set -e
    seconds=$(seconds_since "$start")
    ((status == 0)) || { tail -n 40 "$log" >&2; die "$engine build failed for $key ($phase $round): $log"; }
    read -r total hits restore_cached content_hits < <("step_facts_$engine" "$log")
    if [[ "$phase" == cold ]] && ((content_hits > 0)); then
        die "the cold build of $key on $engine took $content_hits COPY/ADD/RUN steps from the layer cache: it was not cold ($log)"
    fi
    # Whether NuGet restored anything in this build, in any step ("Restored /src/....csproj"), or found all up to date.
    restored=$(grep -c 'Restored /' "$log" || true)

    # What pushing this image sends: its layers the registry does not hold yet (one repository per engine).
    registry_blobs >"$artifacts/blobs-before"
    ref="$registry/bench-$engine:$key-$phase-$round"
    if [[ "$engine" == buildah ]]; then
        built_buildah+=("$tag")
        bh push --tls-verify=false "$tag" "docker://$ref" >"$logs/push-$engine-$key-$phase-$round.log" 2>&1 \
            || { tail -n 20 "$logs/push-$engine-$key-$phase-$round.log" >&2; die "buildah push of $tag failed"; }
    else
        built_docker+=("$tag")
        dk tag "$tag" "$ref"
        dk push "$ref" >"$logs/push-$engine-$key-$phase-$round.log" 2>&1 \
            || { tail -n 20 "$logs/push-$engine-$key-$phase-$round.log" >&2; die "docker push of $tag failed"; }
        dk rmi "$ref" >/dev/null
    fi
    read -r bytes fresh layers < <(new_layer_facts "bench-$engine" "$key-$phase-$round" "$artifacts/blobs-before")
    record "$engine" "$s" "$v" "$service" "$phase" "$round" "$seconds" "$total" "$hits" "$restore_cached" "$restored" "$bytes" "$fresh" "$layers"
    note "$engine $key $phase $round: $(awk -v s="$seconds" 'BEGIN { printf "%.1f", s }') s, $hits/$total steps from the layer cache, restore step cached: $restore_cached, new layers $fresh of $layers ($bytes bytes)"
}

publish_container() { # sample, service, phase, round: dotnet publish -t:PublishContainer to the run's registry
    local s="$1" service="$2" phase="$3" round="$4" name log start seconds status restored repository
    name="${project_name[$s-$service]}"
    log="$logs/dotnet-$s-publish-container-$service-$phase-$round.log"
    repository="bench-dotnet/$s-$service"
    registry_blobs >"$artifacts/blobs-before"
    start=$(now_ms)
    set +e
    # Restore checks package signatures online, as it does in the container builds (this machine's environment
    # sets NUGET_CERT_REVOCATION_MODE=offline for the host, which the images do not have). Its own packages folder
    # and HTTP cache, empty before its cold publish as the container builds' are.
    (cd "${context[$s-publish-container]}" && env -u NUGET_CERT_REVOCATION_MODE \
        NUGET_PACKAGES="$artifacts/publish-container-packages/$s" NUGET_HTTP_CACHE_PATH="$artifacts/publish-container-http-cache/$s" \
        DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry" \
        dotnet publish "src/$name/$name.csproj" -c Release -t:PublishContainer -nologo -tl:off \
        -p:ContainerRegistry="$registry" -p:ContainerBaseImage="$registry/$container_base_path" \
        -p:ContainerRepository="$repository" -p:ContainerImageTag="$phase-$round") >"$log" 2>&1
    status=$?
    set -e
    seconds=$(seconds_since "$start")
    ((status == 0)) || { tail -n 40 "$log" >&2; die "PublishContainer failed for $s $name ($phase $round): $log"; }
    restored=$(grep -c 'Restored /' "$log" || true)
    read -r bytes fresh layers < <(new_layer_facts "$repository" "$phase-$round" "$artifacts/blobs-before")
    record dotnet "$s" publish-container "$service" "$phase" "$round" "$seconds" - - - "$restored" "$bytes" "$fresh" "$layers"
    note "PublishContainer $s $name $phase $round: $(awk -v s="$seconds" 'BEGIN { printf "%.1f", s }') s, new layers $fresh of $layers ($bytes bytes)"
}

edit_source() { # sample, variant, what (app or domain), edit number: one line changes
    local file="${context[$1-$2]}/${edit_file[$1-$3]}" text="${edit_text[$1-$3]}"
    sed -i -E "s|\"${text//./\\.}[^\"]*\"|\"$text (edit $4)\"|" "$file"
    grep -q "\"$text (edit $4)\"" "$file" || die "the edit did not apply to $file"
}

cold_start() { # sample: nothing of its Dockerfiles in any engine's layer cache, every cache mount empty
    local s="$1" v service
    for v in "${shapes[@]}"; do
        rm -rf "${buildah_tmp:?}/$s-$v"
        for service in ${services[$s]}; do
            uses buildah && bh rmi -f $(bh images -q --filter "reference=$image_repository/$s-$v-$service" 2>/dev/null) >/dev/null 2>&1 || true
        done
    done
    # The run's own engine: its whole build cache (layers and cache mounts) goes; the stand-ins stay.
    uses buildkit && dk builder prune -af >/dev/null
    rm -rf "$artifacts/publish-container-packages/$s" "$artifacts/publish-container-http-cache/$s"
}

build_variant() { # variant, sample, service, phase, round, engines...: one build of each engine, or one publish
    local v="$1" s="$2" service="$3" phase="$4" round="$5" engine
    shift 5
    if [[ "$v" == publish-container ]]; then
        publish_container "$s" "$service" "$phase" "$round"
        return
    fi
    for engine in "$@"; do image_build "$engine" "$s" "$v" "$service" "$phase" "$round"; done
}

rotated() { # n, items...: the items, starting at the n-th (1-based, wrapping)
    local n="$1"
    shift
    local items=("$@") count=$#
    local k=$(((n - 1) % count))
    printf '%s\n' "${items[@]:$k}" "${items[@]:0:$k}"
}

engine_order() { # round: the engines, in alternating order
    if (($1 % 2)); then printf '%s\n' "${engines[@]}"; else rotated 2 "${engines[@]}"; fi
}

# Cold: nothing of the sample's Dockerfiles in the layer cache (its earlier images removed, the run's
# Directory.Build.props new to buildah's cache, BuildKit's cache emptied; a COPY, ADD or RUN step served from a cache
# fails the run) and every cache mount empty, so every Dockerfile downloads its packages itself. Not --no-cache:
# that would add a second layer for steps that only set metadata (ARG, WORKDIR), and buildah's cache lookup, which
# takes the first match, could follow the other one on the rebuild and miss every layer after it. The solution's
# second service builds right after its first service, on what that build left in the caches.
say "bench/sample: cold builds"
load_containers="$(loadavg)"
cold_start small
for v in "${variants[@]}"; do
    mapfile -t order < <(engine_order 1)
    build_variant "$v" small api cold 0 "${order[@]}"
done

say "bench/sample: $edits one-line edits of Bench.Api, each followed by a rebuild of every Dockerfile on every engine and a PublishContainer"
for ((e = 1; e <= edits; e++)); do
    # Rotate the order of the variants and alternate the engines', so drift in the machine's load falls on all alike.
    mapfile -t order < <(rotated "$e" "${variants[@]}")
    mapfile -t by_engine < <(engine_order "$e")
    for v in "${order[@]}"; do
        edit_source small "$v" app "$e"
        build_variant "$v" small api edit-app "$e" "${by_engine[@]}"
    done
done

# ---------------------------------------------------------------------------------------------------------------
# Image contents of bench/sample: app bytes (final image minus its base image) and the build context, with buildah

mount_image() { # image -> sets mounted to the root folder of a new container of it (removed at the end)
    local container
    container=$(bh from --pull=never --name "multistage-bench-$$-${#containers[@]}" "$1")
    containers+=("$container")
    mounted=$(bh mount "$container")
}

tree_bytes() { # folder: bytes of the files and links in it
    find "$1" -xdev \( -type f -o -type l \) -printf '%s\n' | awk '{ s += $1 } END { printf "%d\n", s }'
}

files_tsv="$raw/files.tsv"
printf 'variant\tkind\tpath\tbytes\n' >"$files_tsv"
images_tsv="$raw/images.tsv"
printf 'variant\tbase_image\tbase_bytes\tfinal_bytes\tapp_bytes\tworkdir\tapp_files\tuser\tentrypoint\tcontext_files\n' >"$images_tsv"
if uses buildah; then
    say "bench/sample: app bytes and build contexts"
    declare -A base_bytes=()
    context_dockerfile="$artifacts/context.Dockerfile"
    printf 'FROM scratch\nCOPY . /context\n' >"$context_dockerfile"
    for v in "${shapes[@]}"; do
        image="$image_repository/small-$v-api:edit-app"
        base=$(final_base_image "${dockerfile[small-$v-api]}")
        if [[ -z "${base_bytes[$base]:-}" ]]; then
            mount_image "$base"
            base_bytes[$base]=$(tree_bytes "$mounted")
        fi
        mount_image "$image"
        root_dir="$mounted"
        final=$(tree_bytes "$root_dir")
        workdir=$(bh inspect --type image --format '{{.OCIv1.Config.WorkingDir}}' "$image")
        user=$(bh inspect --type image --format '{{.OCIv1.Config.User}}' "$image")
        entrypoint=$(bh inspect --type image --format '{{.OCIv1.Config.Entrypoint}}' "$image")
        (cd "$root_dir$workdir" && find . \( -type f -o -type l \) -printf '%P\t%s\n' | sort) | sed "s|^|$v\tapp\t|" >>"$files_tsv"
        app_files=$(cd "$root_dir$workdir" && find . \( -type f -o -type l \) | wc -l)

        # The build context as the builder sends it: this context folder, its .dockerignore, COPY . into an empty image.
        log="$logs/context-$v.log"
        bh bud --pull=never -f "$context_dockerfile" -t "$image_repository/context-$v:latest" "${context[small-$v]}" >"$log" 2>&1 \
            || { tail -n 20 "$log" >&2; die "the context image for $v failed: $log"; }
        built_buildah+=("$image_repository/context-$v:latest")
        mount_image "$image_repository/context-$v:latest"
        context_root="$mounted"
        (cd "$context_root/context" && find . \( -type f -o -type l \) -printf '%P\t%s\n' | sort) | sed "s|^|$v\tcontext\t|" >>"$files_tsv"
        context_files=$(cd "$context_root/context" && find . \( -type f -o -type l \) | wc -l)

        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$base" "${base_bytes[$base]}" "$final" "$((final - base_bytes[$base]))" \
            "$workdir" "$app_files" "$user" "$entrypoint" "$context_files" >>"$images_tsv"
        note "$v: app bytes $((final - base_bytes[$base])) ($app_files files in $workdir), context $context_files files"
    done
    for container in "${containers[@]}"; do
        bh umount "$container" >/dev/null 2>&1 || true
        bh rm "$container" >/dev/null 2>&1 || true
    done
    containers=()
fi

# ---------------------------------------------------------------------------------------------------------------
# bench/sample-large: cold builds, the second service, edits in the app and in the project the others reference

say "bench/sample-large: cold builds of Orders.Api, then Orders.Worker (the second service)"
load_large="$(loadavg)"
cold_start large
for v in "${variants[@]}"; do
    mapfile -t order < <(engine_order 1)
    if [[ "$v" == publish-container ]]; then
        build_variant "$v" large api cold 0
        build_variant "$v" large worker second 0
        continue
    fi
    for engine in "${order[@]}"; do
        image_build "$engine" large "$v" api cold 0
        image_build "$engine" large "$v" worker second 0
    done
done

say "bench/sample-large: $large_edits rounds of a one-line edit in Orders.Api and one in Orders.Domain, each followed by a rebuild of every Dockerfile on every engine and a PublishContainer"
for ((e = 1; e <= large_edits; e++)); do
    mapfile -t by_engine < <(engine_order "$e")
    for what in app domain; do
        mapfile -t order < <(rotated "$e" "${variants[@]}")
        for v in "${order[@]}"; do
            edit_source large "$v" "$what" "$e"
            build_variant "$v" large api "edit-$what" "$e" "${by_engine[@]}"
        done
    done
done

# ---------------------------------------------------------------------------------------------------------------
# Cleaning up: the images, the registry, the run's engine

cleanup
if [[ "${BENCH_KEEP_IMAGES:-}" != 1 ]]; then
    ((${#built_buildah[@]} == 0)) || bh rmi -f $(printf '%s\n' "${built_buildah[@]}" | sort -u) >/dev/null 2>&1 || true
    if uses buildkit && [[ -S "$bench_docker_run/docker.sock" ]] && docker_engine status; then
        ((${#built_docker[@]} == 0)) || dk rmi -f $(printf '%s\n' "${built_docker[@]}" | sort -u) >/dev/null 2>&1 || true
        dk builder prune -af >/dev/null 2>&1 || true
    fi
fi
# Leave the session; with no other run building (the exclusive lock is free), drop the dangling layers, as the tests do.
flock -u 8
exec 8>&-
if [[ "${BENCH_KEEP_IMAGES:-}" != 1 ]]; then
    (
        exec 8>"$standin_cache/session.lock"
        if flock -x -n 8; then bh rmi --prune >/dev/null 2>&1 || true; fi
    )
fi

# ---------------------------------------------------------------------------------------------------------------
# Machine facts, results, chart

say "Results"
load_end="$(loadavg)"
memory_gib=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
{
    printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'cores\t%s\n' "$(nproc)"
    printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    printf 'memory_gib\t%s\n' "$memory_gib"
    printf 'os\t%s\n' "$(. /etc/os-release && printf '%s' "$PRETTY_NAME")"
    printf 'kernel\t%s\n' "$(uname -r)"
    printf 'dotnet\t%s\n' "$(dotnet --version)"
    printf 'buildah\t%s\n' "$("$buildah_bin" --version)"
    printf 'storage_driver\t%s\n' "$(bh info --format '{{.store.GraphDriverName}}' 2>/dev/null || echo unknown)"
    printf 'docker\t%s\n' "$("$docker_bin" --version 2>/dev/null || echo none)"
    printf 'registry\t%s\n' "$(/usr/bin/docker-registry --version 2>/dev/null || echo unknown)"
    printf 'node\t%s\n' "$(node --version)"
    printf 'multistage_sdk\t%s\n' "$sdk_version"
    printf 'engines\t%s\n' "${engines[*]}"
    printf 'rounds\t%s\n' "$rounds"
    printf 'warmup\t%s\n' "$warmup"
    printf 'edits\t%s\n' "$edits"
    printf 'large_edits\t%s\n' "$large_edits"
    printf 'load_start\t%s\n' "$load_start"
    printf 'load_overhead\t%s\n' "$load_overhead"
    printf 'load_containers\t%s\n' "$load_containers"
    printf 'load_large\t%s\n' "$load_large"
    printf 'load_end\t%s\n' "$load_end"
    printf 'run_seconds\t%s\n' "$(($(date +%s) - started_at))"
} >"$raw/machine.tsv"

node "$bench/report.mjs" "$raw" "$results"
node "$bench/chart.mjs" "$results/results.json" "$results/chart.png"
note "wrote $results/results.json, $results/results.md, $results/chart.png in $(($(date +%s) - started_at)) s"
