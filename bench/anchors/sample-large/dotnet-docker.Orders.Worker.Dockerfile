# The shape of the dotnet/dotnet-docker samples (MultiProjectApp for the project layout, the chiseled ASP.NET
# Core sample for the final stage), for Orders.Worker of bench/sample-large and the projects it references.
# Benchmark anchor: bench/run.sh places it in the service's project folder (the solution has two services, so
# the one-Dockerfile-per-app layout of the samples puts each beside its app).
# Build from the solution folder: docker build -f src/Orders.Worker/Dockerfile -t orders.worker .
#
# Kept from the samples, as in bench/anchors/dotnet-docker.Dockerfile: --platform=$BUILDPLATFORM with
# -a $TARGETARCH, Directory.Build.props, NuGet.config and each *.csproj the service needs copied before restore,
# each of those project folders copied before `dotnet publish --no-restore`, the apphost as the entry point, a
# chiseled final stage without USER (the image's own user is non-root), the whole publish folder in one COPY,
# no cache mounts.
# Left out: COPY --link (buildah 1.28 rejects it; see bench/anchors/dotnet-docker.Dockerfile).
# Changed for the comparison: the images are the ones MultiStage.Sdk chooses for the project, so every
# Dockerfile builds on the same base images.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
WORKDIR /source

# Copy project files and restore as distinct layers
COPY Directory.Build.props .
COPY NuGet.config .
COPY src/Orders.Worker/*.csproj src/Orders.Worker/
COPY src/Orders.Domain/*.csproj src/Orders.Domain/
COPY src/Orders.Storage/*.csproj src/Orders.Storage/
RUN dotnet restore -a $TARGETARCH src/Orders.Worker/Orders.Worker.csproj

# Copy source code and publish app
COPY src/Orders.Worker/ src/Orders.Worker/
COPY src/Orders.Domain/ src/Orders.Domain/
COPY src/Orders.Storage/ src/Orders.Storage/
WORKDIR /source/src/Orders.Worker
RUN dotnet publish -a $TARGETARCH --no-restore -o /app


# Runtime stage
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
EXPOSE 8080
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["./Orders.Worker"]
