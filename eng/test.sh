#!/usr/bin/env bash
# Runs every test, in three tiers:
#   unit         the generator's tests (tests/MultiStage.Generator.Tests): no process, no file system beyond temp folders
#   integration  real `dotnet build` of real projects against the SDK freshly packed from this tree
#                (tests/MultiStage.Sdk.Tests, Category!=RealBuild)
#   real builds  real image builds: Docker Engine's BuildKit on the registry-less engine of
#                eng/real-builds/docker-engine.sh, and buildah (Category=RealBuild); skipped, with the reason, when the
#                engine or buildah is missing, unless MULTISTAGE_REQUIRE_REAL_BUILDS=1
# The solution is built and the packages packed once; then the unit tier runs, then the integration and real-build
# tiers side by side (one mostly waits on the engine while the other builds projects). Inside the real-build tier, the
# BuildKit tests run one after another and the buildah-only tests beside them (two xunit collections: RealBuilds/RealBuildCollection.cs).
#
# Usage: eng/test.sh [--tier unit|integration|realbuild]... [dotnet test arguments]
#   e.g. eng/test.sh --tier integration, eng/test.sh --filter Engine=BuildKit (a --filter is combined with each tier's)
# Each tier's time is printed, then the last line is the totals: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

tiers=()
filter=""
passthrough=()
while (($#)); do
  case "$1" in
    --tier) tiers+=("$2"); shift 2 ;;
    --tier=*) tiers+=("${1#--tier=}"); shift ;;
    --filter) filter="$2"; shift 2 ;;
    --filter=*) filter="${1#--filter=}"; shift ;;
    *) passthrough+=("$1"); shift ;;
  esac
done
((${#tiers[@]})) || tiers=(unit integration realbuild)

results="artifacts/test-results"
packages="artifacts/test-packages"
rm -rf "$results" "$packages"
mkdir -p "$results" "$packages"

seconds() { date +%s; }
timings=()
setup_failed=0

run_started=$(seconds)
if ! dotnet build MultiStageSdk.sln -c Release -nologo -clp:ErrorsOnly; then
  setup_failed=1
fi
# One pack for every test process: the tiers run side by side and must not pack the same project at once.
if ((setup_failed == 0)); then
  for project in src/MultiStage.Sdk/MultiStage.Sdk.csproj src/MultiStage.Templates/MultiStage.Templates.csproj; do
    dotnet pack "$project" -c Release -o "$packages" -nologo -clp:ErrorsOnly || setup_failed=1
  done
fi
export MULTISTAGE_TEST_PACKAGES="$PWD/$packages"
timings+=("build and pack: $(($(seconds) - run_started)) s")

has_tier() { local t; for t in "${tiers[@]}"; do [[ "$t" == "$1" ]] && return 0; done; return 1; }

# dotnet test for one tier: its project, its filter (and the caller's), its own results folder and log.
run_tier() {
  local name=$1 project=$2 tier_filter=$3
  local combined="$tier_filter"
  if [[ -n "$filter" ]]; then
    combined="${tier_filter:+($tier_filter)&}($filter)"
  fi
  local args=(test "$project" -c Release --no-build --results-directory "$results/$name"
    --logger "trx" --logger "console;verbosity=normal")
  [[ -n "$combined" ]] && args+=(--filter "$combined")
  local started
  started=$(seconds)
  dotnet "${args[@]}" "${passthrough[@]}"
  local status=$?
  echo "$status $(($(seconds) - started))" > "$results/$name.status"
  return "$status"
}

status=0
if ((setup_failed == 0)); then
  if has_tier unit; then
    run_tier unit tests/MultiStage.Generator.Tests/MultiStage.Generator.Tests.csproj "" || status=1
  fi
  # Job control: each tier runs in a process group of its own with the default SIGINT (without it, background
  # commands ignore SIGINT, and so would the builds a test stops with Ctrl+C); stopping this script stops them.
  set -m
  pids=()
  trap 'for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done; exit 130' INT TERM
  if has_tier integration; then
    run_tier integration tests/MultiStage.Sdk.Tests/MultiStage.Sdk.Tests.csproj "Category!=RealBuild" 2>&1 | sed -u 's/^/[integration] /' &
    pids+=("$(jobs -p %%)")
  fi
  if has_tier realbuild; then
    run_tier realbuild tests/MultiStage.Sdk.Tests/MultiStage.Sdk.Tests.csproj "Category=RealBuild" 2>&1 | sed -u 's/^/[real builds] /' &
    pids+=("$(jobs -p %%)")
  fi
  wait
  trap - INT TERM
  set +m
fi

# The builds under test share one compiler server (tests' DotnetCli); nothing of this run outlives it.
dotnet build-server shutdown >/dev/null 2>&1 || true

passed=0 failed=$setup_failed skipped=0
for name in unit integration realbuild; do
  [[ -f "$results/$name.status" ]] || continue
  read -r tier_status tier_seconds < "$results/$name.status"
  tier_passed=0 tier_failed=0 tier_skipped=0
  for trx in "$results/$name"/*.trx; do
    [[ -f "$trx" ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    tier_passed=$((tier_passed + $(value passed)))
    tier_failed=$((tier_failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    tier_skipped=$((tier_skipped + $(value notExecuted)))
  done
  if [[ "$tier_status" -ne 0 ]]; then
    status=1
    # dotnet test failed before any test reported (a crashed test host, no test matched): count it.
    ((tier_failed == 0)) && tier_failed=1
  fi
  case "$name" in realbuild) label="real builds" ;; *) label=$name ;; esac
  timings+=("$label: $tier_seconds s ($tier_passed passed, $tier_failed failed, $tier_skipped skipped)")
  passed=$((passed + tier_passed)) failed=$((failed + tier_failed)) skipped=$((skipped + tier_skipped))
done
((setup_failed)) && status=1

echo
echo "Time by tier (the integration and real-build tiers run side by side):"
for line in "${timings[@]}"; do echo "  $line"; done
echo "  all: $(($(seconds) - run_started)) s"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
