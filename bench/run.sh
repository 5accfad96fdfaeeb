#!/usr/bin/env bash
# Benchmarks MultiStage.Sdk against the plain Web SDK (build-time cost) and against the Visual Studio Container
# Tools and dotnet/dotnet-docker Dockerfile shapes (container builds), on the fixed solution in bench/sample, and
# writes bench/results/results.json, results.md and chart.png. One command, from a fresh clone, as root:
#
#   bench/run.sh
#
# Needs the .NET 10 SDK, Node.js/npm, buildah and (on the first run on a machine, for the stand-in base images)
# debootstrap. See bench/README.md for what is measured and how.
#
# Environment:
#   BENCH_ROUNDS     no-change dotnet build rounds per side for the build overhead (default 9, at least 7)
#   BENCH_WARMUP     no-change builds per side before the measured rounds (default 2)
#   BENCH_EDITS      one-line source edits, each followed by a rebuild of every Dockerfile (default 5)
#   BENCH_KEEP_IMAGES=1  keep the images the run built (localhost/multistage-bench/...)
#   MULTISTAGE_STANDIN_CACHE, MULTISTAGE_BUILDAH, MULTISTAGE_BUILDAH_STORAGE_DRIVER, BUILDAH_ISOLATION: as for
#                    eng/real-builds/prepare-standins.sh
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
standin_cache="${MULTISTAGE_STANDIN_CACHE:-/var/cache/multistage-standins}"
buildah_bin="${MULTISTAGE_BUILDAH:-buildah}"
storage_args=()
[[ -n "${MULTISTAGE_BUILDAH_STORAGE_DRIVER:-}" ]] && storage_args=(--storage-driver "$MULTISTAGE_BUILDAH_STORAGE_DRIVER")
export BUILDAH_ISOLATION="${BUILDAH_ISOLATION:-chroot}"
# The run's own temporary folders for buildah. RUN cache mounts (the NuGet cache mount among them) live under
# TMPDIR, so each Dockerfile builds with a folder of its own (buildah-tmp/<variant>): its cache mounts are its own,
# emptied before its cold build and kept for its rebuilds, and never the tests'.
buildah_tmp="$artifacts/buildah-tmp"
image_repository="localhost/multistage-bench"
containers=()

started_at=$(date +%s)
run_id="$(date -u +%Y%m%dT%H%M%SZ)-$$"
say() { printf '\n== %s\n' "$*"; }
note() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
bh() { TMPDIR="${bh_tmp:-$buildah_tmp}" command "$buildah_bin" "${storage_args[@]}" "$@"; }

cleanup() {
    local container
    for container in "${containers[@]}"; do
        bh umount "$container" >/dev/null 2>&1 || true
        bh rm "$container" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites

((EUID == 0)) || die "run as root (buildah's chroot isolation and the stand-in images need it)"
((rounds >= 7)) || die "BENCH_ROUNDS must be at least 7 (is $rounds)"
((edits >= 1)) || die "BENCH_EDITS must be at least 1 (is $edits)"
command -v dotnet >/dev/null || die "dotnet is not on PATH (the .NET 10 SDK is needed)"
command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are needed to render the chart"
command -v "$buildah_bin" >/dev/null || die "buildah is not installed (apt-get install -y buildah debootstrap)"
command -v flock >/dev/null || die "flock (util-linux) is not installed"

rm -rf "$artifacts"
mkdir -p "$raw" "$logs" "$work" "$results" "$buildah_tmp"
overhead_tsv="$raw/overhead.tsv"
container_tsv="$raw/containers.tsv"
printf 'round\tside\twall_ms\ttarget_ms\ttargets\n' >"$overhead_tsv"
printf 'variant\tphase\tround\tseconds\tsteps\tcached_steps\trestore_step_cached\tnuget_restored\tload\n' >"$container_tsv"
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
# The SDK, packed from this tree, and the solution in four copies

say "Packing MultiStage.Sdk from the tree"
feed="$artifacts/feed"
dotnet pack src/MultiStage.Sdk/MultiStage.Sdk.csproj -c Release -o "$feed" -nologo -v:q >"$logs/pack.log" 2>&1 \
    || { tail -n 40 "$logs/pack.log" >&2; die "dotnet pack failed (log: $logs/pack.log)"; }
package=$(ls "$feed"/MultiStage.Sdk.*.nupkg)
sdk_version=$(basename "$package" .nupkg)
sdk_version=${sdk_version#MultiStage.Sdk.}
note "packed $(basename "$package")"

copy_sample() { # destination: the solution, without anything a build left in bench/sample
    mkdir -p "$1"
    cp -a "$bench/sample/." "$1/"
    find "$1" -depth -type d \( -name bin -o -name obj \) -exec rm -rf {} +
    # buildah's layer cache keys a COPY on the copied files' contents alone: a comment naming this run, in the file
    # every Dockerfile copies first, keeps the layers of an earlier run (or of the tests, which copy the same
    # solution) from standing in for this run's cold builds.
    sed -i "s|^<Project>\$|<Project>\n  <!-- bench/run.sh, run $run_id -->|" "$1/Directory.Build.props"
    grep -q "run $run_id" "$1/Directory.Build.props" || die "could not mark $1/Directory.Build.props with the run"
    # The working tree of a repository: a .git folder, for the contexts' ignore rules to deal with.
    mkdir -p "$1/.git/refs/heads" "$1/.git/objects/pack" "$1/.git/info"
    printf 'ref: refs/heads/main\n' >"$1/.git/HEAD"
    printf '[core]\n\trepositoryformatversion = 0\n\tbare = false\n' >"$1/.git/config"
    printf '0000000000000000000000000000000000000000\n' >"$1/.git/refs/heads/main"
    printf '# git ls-files --others --exclude-from=.git/info/exclude\n' >"$1/.git/info/exclude"
    printf 'Unnamed repository\n' >"$1/.git/description"
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

sdk_dir="$work/multistage"   # Bench.Api with MultiStage.Sdk: overhead side "sdk", and the MultiStage.Sdk image
plain_dir="$work/plain"      # the same files, without the <Sdk Name="MultiStage.Sdk" /> line: overhead side "plain"
copy_sample "$sdk_dir"
with_local_sdk "$sdk_dir"
copy_sample "$plain_dir"
with_local_sdk "$plain_dir"
sed -i '/<Sdk Name="MultiStage.Sdk" \/>/d' "$plain_dir/src/Bench.Api/Bench.Api.csproj"
grep -q 'Sdk Name="MultiStage.Sdk"' "$sdk_dir/src/Bench.Api/Bench.Api.csproj" || die "bench/sample's Bench.Api.csproj does not add MultiStage.Sdk"
! grep -q 'MultiStage' "$plain_dir/src/Bench.Api/Bench.Api.csproj" || die "the plain twin still names MultiStage.Sdk"

say "First builds (restore, compile, generate the Dockerfile)"
for dir in "$sdk_dir" "$plain_dir"; do
    name=$(basename "$dir")
    (cd "$dir" && dotnet build Bench.slnx -nologo -tl:off >"$logs/first-build-$name.log" 2>&1) \
        || { tail -n 40 "$logs/first-build-$name.log" >&2; die "dotnet build failed in $dir"; }
done
generated="$sdk_dir/src/Bench.Api/Dockerfile"
[[ -f "$generated" && -f "$sdk_dir/.dockerignore" ]] || die "dotnet build wrote no Dockerfile and .dockerignore in $sdk_dir"
grep -q '^# Generated by MultiStage.Sdk' "$generated" || die "$generated was not written by MultiStage.Sdk"
[[ ! -e "$plain_dir/src/Bench.Api/Dockerfile" ]] || die "the plain twin generated a Dockerfile"
cp "$generated" "$results/multistage.Dockerfile"
cp "$sdk_dir/.dockerignore" "$results/multistage.dockerignore"
note "generated $generated"

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
      <_Instance Include="multistage/src/Bench.Api/Bench.Api.csproj" AdditionalProperties="BenchCall=%(_Call.Identity);_MultiStageAlwaysGenerate=true" />
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
# (2) Container builds: MultiStage.Sdk, Visual Studio shape, dotnet-docker shape

# The anchors build the solution a user of those tools has: the plain twin (with the host's bin/ and obj/ of its
# builds), its own NuGet.config (nuget.org) and no MultiStage.Sdk package feed.
anchor_context() { # name, Dockerfile source, Dockerfile path in the context, .dockerignore source
    local dir="$work/$1"
    cp -a "$plain_dir" "$dir"
    rm -rf "$dir/local-packages" "$dir/global.json"
    cp "$bench/sample/NuGet.config" "$dir/NuGet.config"
    cp "$2" "$dir/$3"
    cp "$4" "$dir/.dockerignore"
}
anchor_context visual-studio "$bench/anchors/visual-studio.Dockerfile" src/Bench.Api/Dockerfile "$bench/anchors/visual-studio.dockerignore"
anchor_context dotnet-docker "$bench/anchors/dotnet-docker.Dockerfile" Dockerfile "$bench/anchors/dotnet-docker.dockerignore"

variants=(multistage visual-studio dotnet-docker)
declare -A context=([multistage]="$sdk_dir" [visual-studio]="$work/visual-studio" [dotnet-docker]="$work/dotnet-docker")
declare -A dockerfile=([multistage]="$sdk_dir/src/Bench.Api/Dockerfile" [visual-studio]="$work/visual-studio/src/Bench.Api/Dockerfile"
    [dotnet-docker]="$work/dotnet-docker/Dockerfile")

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
mapfile -t images < <(for v in "${variants[@]}"; do base_images "${dockerfile[$v]}"; done | sort -u)
note "base images: ${images[*]}"
if ! MULTISTAGE_STANDIN_CACHE="$standin_cache" MULTISTAGE_BUILDAH="$buildah_bin" TMPDIR="$buildah_tmp" \
    bash "$root/eng/real-builds/prepare-standins.sh" "${images[@]}" >"$logs/standins.log" 2>&1; then
    cat "$logs/standins.log" >&2
    die "prepare-standins.sh failed"
fi
cat "$logs/standins.log"

# Builds of the test suite and of this script share buildah's layer store. Hold the real-build session's shared
# lock while building, as the tests do, so no run drops the intermediate layers (the layer cache) meanwhile.
mkdir -p "$standin_cache"
exec 8>"$standin_cache/session.lock"
flock -s -w 600 8 || die "could not join the real-build session ($standin_cache/session.lock)"

# The steps of a buildah log: "steps cached_steps restore_step_cached cached_content_steps". A step is cached when
# buildah says "Using cache" for it; the restore step is the one whose instruction runs dotnet restore; content
# steps are COPY, ADD and RUN (the others only set metadata and cost nothing either way).
step_facts() {
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

image_build() { # variant, phase (cold or edit), round, extra buildah arguments...
    local v="$1" phase="$2" round="$3" log start end status facts restored
    shift 3
    log="$logs/container-$v-$phase-$round.log"
    start=$(now_ms)
    set +e
    mkdir -p "$buildah_tmp/$v"
    bh_tmp="$buildah_tmp/$v" bh bud --pull=never --layers --force-rm "$@" -f "${dockerfile[$v]}" -t "$image_repository/$v:$phase" "${context[$v]}" >"$log" 2>&1
    status=$?
    set -e
    end=$(now_ms)
    ((status == 0)) || { tail -n 40 "$log" >&2; die "buildah bud failed for $v ($phase $round): $log"; }
    read -r total hits restore_cached content_hits < <(step_facts "$log")
    if [[ "$phase" == cold ]] && ((content_hits > 0)); then
        die "the cold build of $v took $content_hits COPY/ADD/RUN steps from the layer cache: it was not cold ($log)"
    fi
    # Whether NuGet restored anything in this build, in any step ("Restored /src/....csproj"), or found all up to date.
    restored=$(grep -c 'Restored /' "$log" || true)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$phase" "$round" "$(awk -v ms=$((end - start)) 'BEGIN { printf "%.2f", ms / 1000 }')" \
        "$total" "$hits" "$restore_cached" "$restored" "$(loadavg)" >>"$container_tsv"
    note "$v $phase $round: $(awk -v ms=$((end - start)) 'BEGIN { printf "%.1f", ms / 1000 }') s, $hits/$total steps from the layer cache, restore step cached: $restore_cached"
}

edit_source() { # variant, edit number: one line of Bench.Api/Program.cs changes
    local file="${context[$1]}/src/Bench.Api/Program.cs"
    sed -i -E "s|\"Hello from Bench\.Api[^\"]*\"|\"Hello from Bench.Api (edit $2)\"|" "$file"
    grep -q "Hello from Bench.Api (edit $2)" "$file" || die "the source edit did not apply to $file"
}

say "Container builds: cold"
load_containers="$(loadavg)"
for v in "${variants[@]}"; do
    # Cold: nothing of this Dockerfile in the layer cache (its earlier images removed, and the run's Directory.Build.props
    # is new to the cache; a COPY, ADD or RUN step served from it fails the run) and its RUN cache mounts empty, so every
    # Dockerfile downloads its packages itself. Not --no-cache: that would add a second layer for steps that only
    # set metadata (ARG, WORKDIR), and buildah's cache lookup, which takes the first match, could follow the other
    # one on the rebuild and miss every layer after it.
    bh rmi -f "$image_repository/$v:cold" "$image_repository/$v:edit" >/dev/null 2>&1 || true
    rm -rf "${buildah_tmp:?}/$v"
    image_build "$v" cold 0
done

say "Container builds: $edits one-line source edits, each followed by a rebuild of every Dockerfile"
for ((e = 1; e <= edits; e++)); do
    # Rotate the order, so drift in the machine's load falls on every variant alike.
    order=("${variants[@]:$(((e - 1) % 3))}" "${variants[@]:0:$(((e - 1) % 3))}")
    for v in "${order[@]}"; do
        edit_source "$v" "$e"
        image_build "$v" edit "$e"
    done
done

# ---------------------------------------------------------------------------------------------------------------
# Image contents: app bytes (final image minus its base image) and the build context

mount_image() { # image -> sets mounted to the root folder of a new container of it (removed at the end)
    local container
    container=$(bh from --pull=never --name "multistage-bench-$$-${#containers[@]}" "$1")
    containers+=("$container")
    mounted=$(bh mount "$container")
}

tree_bytes() { # folder: bytes of the files and links in it
    find "$1" -xdev \( -type f -o -type l \) -printf '%s\n' | awk '{ s += $1 } END { printf "%d\n", s }'
}

say "App bytes and build contexts"
declare -A base_bytes=()
files_tsv="$raw/files.tsv"
printf 'variant\tkind\tpath\tbytes\n' >"$files_tsv"
images_tsv="$raw/images.tsv"
printf 'variant\tbase_image\tbase_bytes\tfinal_bytes\tapp_bytes\tworkdir\tapp_files\tuser\tentrypoint\tcontext_files\n' >"$images_tsv"
context_dockerfile="$artifacts/context.Dockerfile"
printf 'FROM scratch\nCOPY . /context\n' >"$context_dockerfile"
for v in "${variants[@]}"; do
    image="$image_repository/$v:edit"
    base=$(final_base_image "${dockerfile[$v]}")
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
    bh bud --pull=never -f "$context_dockerfile" -t "$image_repository/context-$v:latest" "${context[$v]}" >"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "the context image for $v failed: $log"; }
    mount_image "$image_repository/context-$v:latest"
    context_root="$mounted"
    (cd "$context_root/context" && find . \( -type f -o -type l \) -printf '%P\t%s\n' | sort) | sed "s|^|$v\tcontext\t|" >>"$files_tsv"
    context_files=$(cd "$context_root/context" && find . \( -type f -o -type l \) | wc -l)

    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$base" "${base_bytes[$base]}" "$final" "$((final - base_bytes[$base]))" \
        "$workdir" "$app_files" "$user" "$entrypoint" "$context_files" >>"$images_tsv"
    note "$v: app bytes $((final - base_bytes[$base])) ($app_files files in $workdir), context $context_files files"
done
cleanup
containers=()

if [[ "${BENCH_KEEP_IMAGES:-}" != 1 ]]; then
    for v in "${variants[@]}"; do
        bh rmi -f "$image_repository/$v:cold" "$image_repository/$v:edit" "$image_repository/context-$v:latest" >/dev/null 2>&1 || true
    done
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
    printf 'node\t%s\n' "$(node --version)"
    printf 'multistage_sdk\t%s\n' "$sdk_version"
    printf 'rounds\t%s\n' "$rounds"
    printf 'warmup\t%s\n' "$warmup"
    printf 'edits\t%s\n' "$edits"
    printf 'load_start\t%s\n' "$load_start"
    printf 'load_overhead\t%s\n' "$load_overhead"
    printf 'load_containers\t%s\n' "$load_containers"
    printf 'load_end\t%s\n' "$load_end"
    printf 'run_seconds\t%s\n' "$(($(date +%s) - started_at))"
} >"$raw/machine.tsv"

node "$bench/report.mjs" "$raw" "$results"
node "$bench/chart.mjs" "$results/results.json" "$results/chart.png"
note "wrote $results/results.json, $results/results.md, $results/chart.png in $(($(date +%s) - started_at)) s"
