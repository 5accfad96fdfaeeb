#!/usr/bin/env bash
# Builds local stand-ins for the base images that generated Dockerfiles name (.NET sdk, aspnet, runtime,
# runtime-deps, and node for JavaScript client stages), so those Dockerfiles can be built for real with buildah on
# a machine that cannot reach the image registries. Test fixture only: see README.md.
#
# Usage: prepare-standins.sh [--arch amd64|arm64] IMAGE...
#   e.g. prepare-standins.sh mcr.microsoft.com/dotnet/sdk:10.0-noble mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
#   --arch  the architecture the stand-ins are labelled with (default: this machine's). A foreign one holds no
#           .NET and replaces a native stand-in of the same name until that is asked for again.
#
# Environment:
#   MULTISTAGE_STANDIN_CACHE          where the Debian root file system is cached (default /var/cache/multistage-standins)
#   MULTISTAGE_DEBIAN_MIRROR          Debian mirror for debootstrap (default: read from the machine's apt sources)
#   MULTISTAGE_STANDIN_DOTNET         the .NET install to copy (default: the folder of the dotnet on PATH)
#   MULTISTAGE_BUILDAH                the buildah executable (default: buildah on PATH)
#   MULTISTAGE_BUILDAH_STORAGE_DRIVER buildah --storage-driver (default: buildah's own choice, overlay where the kernel allows)
#   BUILDAH_ISOLATION                 default chroot
set -euo pipefail

# Bump when what goes into a stand-in changes: images with another recipe label are rebuilt.
readonly RECIPE_VERSION=3
# Bump when the debootstrap recipe changes: the cached root file systems are made again.
readonly ROOTFS_VERSION=1
readonly SUITE=bookworm
readonly DEBOOTSTRAP_PACKAGES=ca-certificates,libicu72,libssl3,zlib1g,libstdc++6,libgcc-s1,tzdata
# What the SDK "-aot" images add for Native AOT: a C toolchain, the LLVM linker and tools, zlib headers.
readonly AOT_PACKAGES=clang,lld,llvm,zlib1g-dev
readonly LABEL_PREFIX=io.github.multistage-sdk.standin
readonly BASE_REPOSITORY=localhost/multistage-standin-base
readonly APP_UID=1654
readonly SHELLS=(sh bash rbash dash ash ksh ksh93 mksh zsh csh tcsh fish busybox)
readonly PACKAGE_MANAGERS=(apt apt-get apt-cache apt-config apt-mark apt-key dpkg dpkg-deb dpkg-query dpkg-divert
    dpkg-split dpkg-trigger dpkg-statoverride dpkg-maintscript-helper)

export BUILDAH_ISOLATION="${BUILDAH_ISOLATION:-chroot}"
cache="${MULTISTAGE_STANDIN_CACHE:-/var/cache/multistage-standins}"
buildah_bin="${MULTISTAGE_BUILDAH:-buildah}"
storage_args=()
[[ -n "${MULTISTAGE_BUILDAH_STORAGE_DRIVER:-}" ]] && storage_args=(--storage-driver "$MULTISTAGE_BUILDAH_STORAGE_DRIVER")

say() { printf 'prepare-standins: %s\n' "$*"; }
die() { printf 'prepare-standins: error: %s\n' "$*" >&2; exit 1; }
buildah() { command "$buildah_bin" "${storage_args[@]}" "$@"; }

usage() { # the header comment, from "Usage:" on
    sed -n '/^# Usage:/,/^[^#]/p' "$0" | sed -e '/^[^#]/d' -e 's/^# \{0,1\}//'
    exit "${1:-0}"
}

# ---------------------------------------------------------------------------------------------------------------
# Arguments and machine facts

arch=""
images=()
while (($#)); do
    case "$1" in
        --arch) (($# >= 2)) || die "--arch needs a value (amd64 or arm64)"; arch="$2"; shift 2 ;;
        --arch=*) arch="${1#--arch=}"; shift ;;
        -h|--help) usage 0 ;;
        -*) die "unknown option $1" ;;
        *) images+=("$1"); shift ;;
    esac
done
((${#images[@]})) || usage 2

case "$(uname -m)" in
    x86_64) machine_arch=amd64 ;;
    aarch64) machine_arch=arm64 ;;
    *) die "unsupported machine architecture $(uname -m)" ;;
esac
arch="${arch:-$machine_arch}"
case "$arch" in
    amd64|arm64) ;;
    *) die "unsupported --arch $arch (amd64 or arm64)" ;;
esac

((EUID == 0)) || die "must run as root (debootstrap, and buildah's chroot isolation, need it)"
command -v "$buildah_bin" >/dev/null || die "buildah is not installed; install buildah and debootstrap (apt-get install -y buildah debootstrap)"
command -v flock >/dev/null || die "flock (util-linux) is not installed"

if [[ -n "${MULTISTAGE_STANDIN_DOTNET:-}" ]]; then
    dotnet_root="$MULTISTAGE_STANDIN_DOTNET"
else
    command -v dotnet >/dev/null || die "dotnet is not on PATH; set MULTISTAGE_STANDIN_DOTNET to a .NET install folder"
    dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
fi
[[ -x "$dotnet_root/dotnet" ]] || die "no dotnet host in $dotnet_root"

latest_version() { # the highest version folder under $1
    find "$1" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
}
runtime_version="$(latest_version "$dotnet_root/shared/Microsoft.NETCore.App")"
aspnet_version="$(latest_version "$dotnet_root/shared/Microsoft.AspNetCore.App")"
sdk_version="$(latest_version "$dotnet_root/sdk")"
[[ -n "$runtime_version" ]] || die "no Microsoft.NETCore.App runtime in $dotnet_root/shared"
machine_major="${runtime_version%%.*}"
dotnet_id="sdk $sdk_version, runtime $runtime_version, aspnetcore ${aspnet_version:-none}"

# ---------------------------------------------------------------------------------------------------------------
# The Debian root file system, made once per machine

debian_mirror() {
    if [[ -n "${MULTISTAGE_DEBIAN_MIRROR:-}" ]]; then
        printf '%s\n' "$MULTISTAGE_DEBIAN_MIRROR"
        return
    fi

    local codename file uri=""
    codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
    [[ -n "$codename" ]] || die "this machine names no release codename in /etc/os-release; set MULTISTAGE_DEBIAN_MIRROR"
    # deb822 sources: the URIs of the stanza whose Suites holds the release itself (not -updates or -security).
    for file in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$file" ]] || continue
        uri="$(awk -v want="$codename" '
            function flush() { if (suite_ok && uris != "") { print uris; found = 1; exit } suite_ok = 0; uris = "" }
            /^[[:space:]]*$/ { flush(); next }
            /^[[:space:]]*#/ { next }
            tolower($1) == "uris:" { uris = $2 }
            tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == want) suite_ok = 1 }
            END { if (!found) flush() }' "$file")"
        [[ -n "$uri" ]] && break
    done
    # One-line sources: deb [options] URI SUITE COMPONENTS...
    if [[ -z "$uri" ]]; then
        for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [[ -f "$file" ]] || continue
            uri="$(awk -v want="$codename" '
                $1 == "deb" {
                    i = 2
                    if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                    if ($(i + 1) == want) { print $i; exit }
                }' "$file")"
            [[ -n "$uri" ]] && break
        done
    fi
    [[ -n "$uri" ]] || die "no Debian mirror for '$codename' in /etc/apt/sources.list(.d); set MULTISTAGE_DEBIAN_MIRROR"
    printf '%s\n' "$uri"
}

ensure_rootfs() { # flavor (base or aot) -> sets rootfs
    local flavor="$1" packages="$DEBOOTSTRAP_PACKAGES"
    [[ "$flavor" == aot ]] && packages+=",$AOT_PACKAGES"
    rootfs="$cache/rootfs-$SUITE-$flavor-r$ROOTFS_VERSION"
    [[ -f "$rootfs/.complete" ]] && return
    command -v debootstrap >/dev/null || die "debootstrap is not installed; install buildah and debootstrap (apt-get install -y buildah debootstrap)"
    local mirror staging="$rootfs.partial" log="$cache/debootstrap-$flavor.log"
    mirror="$(debian_mirror)"
    say "creating the Debian $SUITE root file system ($flavor) from $mirror (once per machine, a minute or two)"
    rm -rf "$staging"
    if ! debootstrap --variant=minbase --include="$packages" "$SUITE" "$staging" "$mirror" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "debootstrap failed; full log: $log"
    fi
    # What the slim images leave out too: package lists and caches, documentation, logs, device nodes.
    rm -rf "$staging"/var/cache/apt/* "$staging"/var/lib/apt/lists/* "$staging"/usr/share/doc/* \
        "$staging"/usr/share/man/* "$staging"/usr/share/info/* "$staging"/var/log/* "$staging"/dev/*
    touch "$staging/.complete"
    mv "$staging" "$rootfs"
}

# ---------------------------------------------------------------------------------------------------------------
# Images

image_field() { # image, Go template: the value, or nothing when the image does not exist
    buildah inspect --type image --format "$2" "$1" 2>/dev/null || true
}

image_label() { # image, label name
    image_field "$1" "{{index .OCIv1.Config.Labels \"$2\"}}"
}

is_current() { # image, content id: made by this recipe, from this machine's toolchain, for this architecture
    [[ "$(image_label "$1" "$LABEL_PREFIX.recipe")" == "$RECIPE_VERSION" \
        && "$(image_label "$1" "$LABEL_PREFIX.content")" == "$2" \
        && "$(image_field "$1" '{{.OCIv1.Architecture}}')" == "$arch" ]]
}

commit_as() { # container, image name: commits, then drops the image the name pointed at before
    local previous current
    previous="$(image_field "$2" '{{.FromImageID}}')"
    buildah commit --quiet --rm "$1" "$2" >/dev/null
    current="$(image_field "$2" '{{.FromImageID}}')"
    if [[ -n "$previous" && "$previous" != "$current" ]]; then
        buildah rmi "$previous" >/dev/null 2>&1 || true
    fi
}

remove_shells() { # root folder
    local root="$1" folder name left
    for folder in usr/bin usr/sbin bin sbin usr/local/bin; do
        [[ -d "$root/$folder" && ! -L "$root/$folder" ]] || continue
        for name in "${SHELLS[@]}" "${PACKAGE_MANAGERS[@]}"; do
            rm -f "${root:?}/$folder/$name"
        done
    done
    # Anything else listed as a login shell, and any link to busybox.
    if [[ -f "$root/etc/shells" ]]; then
        while read -r name; do
            [[ "$name" == /* ]] && rm -f "${root:?}$name"
        done <"$root/etc/shells"
    fi
    find "$root" -xdev -type l -lname '*busybox*' -delete
    left="$(find "$root" -xdev \( -type f -perm /111 -o -type l \) \
        \( -name sh -o -name bash -o -name dash -o -name busybox \) -print | head -n 5)"
    [[ -z "$left" ]] || die "shells left in a shell-less stand-in: $left"
}

add_user() { # root folder, name, id: a user and group of that name and id, with a home folder
    local root="$1" user="$2" id="$3"
    printf '%s:x:%s:\n' "$user" "$id" >>"$root/etc/group"
    printf '%s:x:%s:%s::/home/%s:/usr/sbin/nologin\n' "$user" "$id" "$id" "$user" >>"$root/etc/passwd"
    printf '%s:!:0:0:99999:7:::\n' "$user" >>"$root/etc/shadow"
    install -d -o "$id" -g "$id" -m 0755 "$root/home/$user"
}

machine_node() { # sets node_bin, node_modules, node_version from the node on PATH
    command -v node >/dev/null || die "Node.js is not installed on this machine; node images cannot be stood in"
    node_bin="$(readlink -f "$(command -v node)")"
    node_modules="$(dirname "$node_bin")/../lib/node_modules"
    node_version="$("$node_bin" --version)"
    node_version="${node_version#v}"
    # The official builds (nodejs.org, NodeSource) are one binary plus npm with its dependencies bundled; a
    # distribution's build links a shared libnode and spreads npm over many packages, so it cannot be copied.
    if ldd "$node_bin" 2>/dev/null | grep -q 'libnode'; then
        die "this machine's Node.js ($node_bin) links a shared libnode; install an official build (nodejs.org or NodeSource) to stand in node images"
    fi
    [[ -d "$node_modules/npm/node_modules" ]] \
        || die "no self-contained npm beside $node_bin (looked in $node_modules); install an official Node.js build to stand in node images"
}

# The file system of a stand-in, shared by every tag with the same content (e.g. sdk:8.0-bookworm-slim and
# sdk:10.0-noble): the Debian root file system, the official images' user, the machine's .NET (or Node.js),
# minus shells or ICU.
ensure_base() { # kind (sdk, sdk-aot, aspnet, runtime, runtime-deps, node), shellless, extra, content id -> sets base_image
    local kind="$1" shellless="$2" extra="$3" content="$4" variant name container mount
    variant="$kind"
    [[ "$shellless" == true ]] && variant+="-shellless"
    [[ "$shellless" == true && "$extra" == false ]] && variant+="-noicu"
    name="$BASE_REPOSITORY/$variant-$arch"
    base_image="$name"
    is_current "$name" "$content" && return

    ensure_rootfs "$([[ "$kind" == sdk-aot ]] && echo aot || echo base)"
    container="$(buildah from --pull=never scratch)"
    # shellcheck disable=SC2064
    trap "buildah rm '$container' >/dev/null 2>&1 || true" EXIT
    mount="$(buildah mount "$container")"
    cp -a "$rootfs/." "$mount/"
    rm -f "$mount/.complete"

    # A foreign-architecture stand-in gets neither .NET nor Node.js: they could not run here, and it only serves
    # final stages that COPY the app in.
    local target="$mount/usr/share/dotnet"
    if [[ "$kind" == node ]]; then
        add_user "$mount" node 1000
        if [[ "$arch" == "$machine_arch" ]]; then
            install -m 0755 "$node_bin" "$mount/usr/local/bin/node"
            mkdir -p "$mount/usr/local/lib/node_modules"
            cp -a "$node_modules/npm" "$mount/usr/local/lib/node_modules/"
            ln -s ../lib/node_modules/npm/bin/npm-cli.js "$mount/usr/local/bin/npm"
            ln -s ../lib/node_modules/npm/bin/npx-cli.js "$mount/usr/local/bin/npx"
            if [[ -d "$node_modules/corepack" ]]; then
                cp -a "$node_modules/corepack" "$mount/usr/local/lib/node_modules/"
                ln -s ../lib/node_modules/corepack/dist/corepack.js "$mount/usr/local/bin/corepack"
            fi
            # npm traffic may pass a TLS-inspecting proxy: the machine's trust store comes along.
            cp /etc/ssl/certs/ca-certificates.crt "$mount/etc/ssl/certs/ca-certificates.crt"
        fi
    else
        add_user "$mount" app "$APP_UID"
        if [[ "$arch" == "$machine_arch" && "$kind" != runtime-deps ]]; then
            if [[ "$kind" == sdk || "$kind" == sdk-aot ]]; then
                mkdir -p "$target"
                cp -a "$dotnet_root/." "$target/"
                # NuGet traffic may pass a TLS-inspecting proxy: the machine's trust store comes along.
                cp /etc/ssl/certs/ca-certificates.crt "$mount/etc/ssl/certs/ca-certificates.crt"
            else
                mkdir -p "$target/shared"
                cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$target/"
                cp -a "$dotnet_root"/LICENSE.txt "$dotnet_root"/ThirdPartyNotices.txt "$target/" 2>/dev/null || true
                cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$target/shared/"
                if [[ "$kind" == aspnet ]]; then
                    [[ -n "$aspnet_version" ]] || die "this machine has no ASP.NET Core runtime to put in an aspnet stand-in"
                    cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App" "$target/shared/"
                fi
            fi
            ln -s ../share/dotnet/dotnet "$mount/usr/bin/dotnet"
        fi
    fi

    if [[ "$shellless" == true ]]; then
        remove_shells "$mount"
        if [[ "$extra" == false ]]; then
            # Plain chiseled and distroless images have neither ICU nor time zone data.
            find "$mount/usr/lib" -name 'libicu*' -delete
            rm -rf "$mount/usr/share/zoneinfo" "$mount/usr/share/icu"
        fi
    fi
    buildah umount "$container" >/dev/null
    buildah config --os linux --arch "$arch" \
        --label "$LABEL_PREFIX.recipe=$RECIPE_VERSION" --label "$LABEL_PREFIX.content=$content" "$container"
    commit_as "$container" "$name"
    trap - EXIT
}

build_standin() { # image
    local image="$1" name repository tag version major kind shellless=false extra=false note="" content
    [[ "$image" != *@* ]] || die "$image: digest-pinned references cannot be stood in (a local image has no registry digest)"
    name="${image##*/}"
    [[ "$name" == *:* ]] || die "$image: name a tag (e.g. :10.0-noble)"
    repository="${name%%:*}"
    tag="${name#*:}"
    [[ "$tag" != *alpine* ]] \
        || die "$image: Alpine images are musl-based and this machine's .NET and Node.js are built for glibc; they cannot be stood in here"
    [[ "$tag" == *chiseled* || "$tag" == *distroless* ]] && shellless=true
    [[ "$tag" == *-extra* ]] && extra=true

    local -a config=(--os linux --arch "$arch" --workingdir / --cmd '[]' --entrypoint '[]'
        --env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    local native=false
    [[ "$arch" == "$machine_arch" ]] && native=true
    case "$repository" in
        node)
            kind=node
            [[ "$tag" =~ ^([0-9]+) ]] || die "$image: the tag does not start with a Node.js major version (e.g. 22-bookworm-slim)"
            major="${BASH_REMATCH[1]}"
            machine_node
            content="node $node_version"
            [[ "$major" == "${node_version%%.*}" ]] \
                || note="version stand-in: node:$major runs this machine's Node.js $node_version"
            config+=(--env "NODE_VERSION=$node_version" --env "NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt" --user root)
            ;;
        sdk|aspnet|runtime|runtime-deps)
            kind="$repository"
            [[ "$tag" =~ ^([0-9]+)\.[0-9]+ ]] || die "$image: the tag does not start with a .NET version (e.g. 10.0)"
            version="${BASH_REMATCH[0]}"
            major="${BASH_REMATCH[1]}"
            ((major <= machine_major)) || die "$image: .NET $version is newer than this machine's .NET $runtime_version; install it to stand it in"
            [[ "$kind" != sdk || "$shellless" == false ]] || die "$image: there are no shell-less SDK images"
            [[ "$kind" == sdk && "$tag" == *-aot* ]] && kind=sdk-aot
            content="$dotnet_id"
            config+=(--env "APP_UID=$APP_UID" --env "ASPNETCORE_HTTP_PORTS=8080" --env "DOTNET_RUNNING_IN_CONTAINER=true")
            if [[ "$native" == true && "$kind" != runtime-deps ]]; then
                config+=(--env "DOTNET_VERSION=$runtime_version")
                [[ "$kind" != runtime ]] && config+=(--env "ASPNET_VERSION=$aspnet_version")
                if ((major < machine_major)); then
                    config+=(--env "DOTNET_ROLL_FORWARD=Major")
                    note="roll-forward stand-in: .NET $version apps run on this machine's .NET $runtime_version (DOTNET_ROLL_FORWARD=Major)"
                fi
            fi
            if [[ "$kind" == sdk* ]]; then
                config+=(--env "DOTNET_SDK_VERSION=$sdk_version" --env "DOTNET_GENERATE_ASPNET_CERTIFICATE=false"
                    --env "DOTNET_NOLOGO=true" --env "DOTNET_USE_POLLING_FILE_WATCHER=true" --env "NUGET_XMLDOC_MODE=skip")
                # With chroot isolation a RUN step has no process namespace of its own, so a compiler or MSBuild
                # server it starts would outlive the step (a container runtime ends them with it): none are started.
                config+=(--env "UseSharedCompilation=false" --env "DOTNET_CLI_USE_MSBUILD_SERVER=0" --env "MSBUILDDISABLENODEREUSE=1")
            fi
            if [[ "$shellless" == true ]]; then
                config+=(--user "$APP_UID")
                [[ "$extra" == false ]] && config+=(--env "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true")
            else
                config+=(--user root)
            fi
            ;;
        *) die "$image: no stand-in recipe for '$repository' (sdk, aspnet, runtime, runtime-deps, node)" ;;
    esac
    config+=(--label "$LABEL_PREFIX.recipe=$RECIPE_VERSION"
        --label "$LABEL_PREFIX.content=$content"
        --label "$LABEL_PREFIX.image=$image"
        --label "$LABEL_PREFIX.note=test stand-in from Debian $SUITE and this machine's own tools, not the official image")

    if is_current "$image" "$content" && [[ "$(image_label "$image" "$LABEL_PREFIX.image")" == "$image" ]]; then
        say "$image ($arch): up to date${note:+; $note}"
        return
    fi

    local started=$SECONDS container
    ensure_base "$kind" "$shellless" "$extra" "$content"
    container="$(buildah from --pull=never "$base_image")"
    # shellcheck disable=SC2064
    trap "buildah rm '$container' >/dev/null 2>&1 || true" EXIT
    buildah config "${config[@]}" "$container"
    commit_as "$container" "$image"
    trap - EXIT

    local traits="$kind"
    [[ "$shellless" == true ]] && traits+=", no shell, user $APP_UID"
    [[ "$shellless" == true && "$extra" == false ]] && traits+=", no ICU"
    [[ "$native" == false ]] && traits+=", no .NET or Node.js inside ($arch cannot run on this $machine_arch machine)"
    say "$image ($arch): built in $((SECONDS - started)) s [$traits]${note:+; $note}"
    return 0
}

# ---------------------------------------------------------------------------------------------------------------

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
for image in "${images[@]}"; do
    build_standin "$image"
done
