#!/usr/bin/env bash
# Benchmarks MultiStage.Sdk against the plain Web SDK (build-time cost) and against the Visual Studio Container
# Tools and dotnet/dotnet-docker Dockerfile shapes and the .NET SDK's PublishContainer (container builds), and writes
# bench/results/results.json, results.md and chart.svg. One command, from a fresh clone, as root: bench/run.sh
# (bench/run.sh report renders results.md and chart.svg again from results.json). The benchmark itself is the C#
# program in bench/MultiStage.Bench; bench/README.md says what it measures, how, and its BENCH_* settings.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/MultiStage.Bench -c Release -nologo -v:q -clp:ErrorsOnly
exec dotnet bench/MultiStage.Bench/bin/Release/net10.0/MultiStage.Bench.dll "$@"
