# The shape Visual Studio Container Tools writes for a web project (Add > Docker Support), for Bench.Api.
# Benchmark anchor: bench/run.sh places it beside the project, where Visual Studio puts it.
# Build from the solution folder: docker build -f src/Bench.Api/Dockerfile -t bench.api .
#
# Kept from Visual Studio: the base/build/publish/final stages, the project files copied before restore (with the
# solution-level Directory.*.props, which Visual Studio copies when they sit in the solution folder),
# `dotnet build` and then `dotnet publish` (two compiles), UseAppHost=false, no cache mounts, no cross-arch,
# EXPOSE 8080 (no 8081: the project has no HTTPS), USER $APP_UID.
# Changed for the comparison: the base images. Visual Studio names aspnet:10.0 and sdk:10.0; this file uses the
# images MultiStage.Sdk chooses for the project, so all three Dockerfiles build on the same base images and the
# numbers compare the Dockerfiles, not the bases. The base stage has no RUN, so the chiseled image works here.

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS base
USER $APP_UID
WORKDIR /app
EXPOSE 8080

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG BUILD_CONFIGURATION=Release
WORKDIR /src
COPY ["Directory.Build.props", "."]
COPY ["Directory.Packages.props", "."]
COPY ["src/Bench.Api/Bench.Api.csproj", "src/Bench.Api/"]
COPY ["src/Bench.Core/Bench.Core.csproj", "src/Bench.Core/"]
RUN dotnet restore "./src/Bench.Api/Bench.Api.csproj"
COPY . .
WORKDIR "/src/src/Bench.Api"
RUN dotnet build "./Bench.Api.csproj" -c $BUILD_CONFIGURATION -o /app/build

FROM build AS publish
ARG BUILD_CONFIGURATION=Release
RUN dotnet publish "./Bench.Api.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

FROM base AS final
WORKDIR /app
COPY --from=publish /app/publish .
ENTRYPOINT ["dotnet", "Bench.Api.dll"]
