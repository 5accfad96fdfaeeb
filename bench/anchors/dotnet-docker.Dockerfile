# The shape of the dotnet/dotnet-docker samples (MultiProjectApp for the project layout, the chiseled ASP.NET
# Core sample for the final stage), for Bench.Api and Bench.Core.
# Benchmark anchor: bench/run.sh places it in the solution folder, as the samples keep theirs.
# Build from the solution folder: docker build -f Dockerfile -t bench.api .
#
# Kept from the samples: --platform=$BUILDPLATFORM with -a $TARGETARCH, Directory.Build.props, NuGet.config and
# each *.csproj copied before restore, each project folder copied before `dotnet publish --no-restore`, the
# apphost as the entry point, a chiseled final stage without USER (the image's own user is non-root), no cache
# mounts.
# Left out: COPY --link. The samples use it, but buildah 1.28 (the builder the benchmark runs) rejects it
# ("COPY only supports the --chmod=<permissions> --chown=<uid:gid> and the --from=<image|stage> flags"); it only
# changes how a layer is stacked on a rebuilt base, not what the layers hold.
# Changed for the comparison: the images are the ones MultiStage.Sdk chooses for the project (the samples name
# sdk:<version> and aspnet:<version>-noble-chiseled; -extra keeps ICU, which this app does not turn off), so all
# three Dockerfiles build on the same base images.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
WORKDIR /source

# Copy project files and restore as distinct layers
COPY Directory.Build.props .
COPY NuGet.config .
COPY src/Bench.Api/*.csproj src/Bench.Api/
COPY src/Bench.Core/*.csproj src/Bench.Core/
RUN dotnet restore -a $TARGETARCH src/Bench.Api/Bench.Api.csproj

# Copy source code and publish app
COPY src/Bench.Api/ src/Bench.Api/
COPY src/Bench.Core/ src/Bench.Core/
WORKDIR /source/src/Bench.Api
RUN dotnet publish -a $TARGETARCH --no-restore -o /app


# Runtime stage
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
EXPOSE 8080
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["./Bench.Api"]
