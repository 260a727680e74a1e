#!/usr/bin/env bash
# The Pulumi CLI, with a Node.js language host, for the commands that need one (tests, demo).
# Source it after scripts/lib.sh and call gz_ensure_pulumi. It puts on PATH, in order of preference:
#   1. a `pulumi` already on PATH that has a Node.js language host (pulumi-language-nodejs) beside it
#      or on PATH;
#   2. the cached build $GZ_CACHE/pulumi-v<version>/bin (pulumi + pulumi-language-nodejs);
#   3. the CLI fetched by the `pulumi` npm package (it downloads the release from the internet,
#      so this only works with internet access; skipped quickly without it);
#   4. a build from Go modules (Go >= 1.26.6): the CLI from github.com/pulumi/pulumi/pkg/v3, and the
#      language host from scripts/pulumi-cli/langhost (see scripts/pulumi-cli/README.md for why);
#   5. otherwise it stops with an error saying what to install.
# <version> is GZ_PULUMI_CLI_VERSION below, not the version of the installed @pulumi/pulumi npm
# package: the CLI does not need the SDK's version, and the Go module proxy and the npm registry do
# not publish the same versions. It also puts the @pulumi/pulumi package's folder on PATH (the
# dynamic provider plugin pulumi-resource-pulumi-nodejs is a script there) and exports the
# variables that keep the CLI offline. It does not set
# PULUMI_CONFIG_PASSPHRASE or log in anywhere: callers do that (e.g. `pulumi login file://DIR`).
#
# Environment:
#   PULUMI_GRAVITYZONE_PULUMI_REBUILD=1  ignore 1-3 and rebuild the cache from Go modules.
#   PULUMI_GRAVITYZONE_NO_DOWNLOAD=1     skip route 3 (machines without internet: no probe is sent).
#   PULUMI_GRAVITYZONE_PULUMI_VERSION=X.Y.Z  use CLI version X.Y.Z instead of GZ_PULUMI_CLI_VERSION
#                                        (routes 2-4; it may need a newer Go than GZ_PULUMI_GO_MIN).

# The CLI version: a version of the Go modules github.com/pulumi/pulumi/pkg/v3 and sdk/v3 that the
# Go module proxy serves (route 4 builds it), and of the `pulumi` npm package (route 3 fetches it).
GZ_PULUMI_CLI_VERSION=3.276.0
GZ_PULUMI_GO_MIN=1.26.6 # the `go` line of pkg/v3's and sdk/v3's go.mod at that version

gz__pulumi_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# Runs "$@" (after the seconds in $1) under `timeout` where that exists (not on stock macOS).
gz__pulumi_timeout() {
  if command -v timeout >/dev/null 2>&1; then timeout "$@"; else shift; "$@"; fi
}

# Succeeds when $1/pulumi runs and a Node.js language host is beside it or on PATH.
gz__pulumi_usable() {
  local bin="$1"
  [ -x "$bin/pulumi" ] || return 1
  [ -x "$bin/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1 || return 1
  gz__pulumi_timeout 60 "$bin/pulumi" version >/dev/null 2>&1
}

# Installs $1 (a directory holding bin/) as the cache directory $2, atomically: a concurrent or
# interrupted build never leaves a half-filled cache behind.
gz__pulumi_install_cache() {
  local from="$1" to="$2"
  if [ -e "$to" ]; then rm -rf "$to.old.$$" && mv "$to" "$to.old.$$"; fi
  mv "$from" "$to"
  rm -rf "$to.old.$$"
}

# The dynamic provider plugin next to the CLI, as in Pulumi's own releases: the CLI warns on every
# run when this bundled plugin is found on PATH but not beside the executable.
gz__pulumi_add_dynamic_plugin() {
  local bin="$1" script="$GZ_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [ -x "$bin/pulumi-resource-pulumi-nodejs" ] && return 0
  cp "$script" "$bin/.pulumi-resource-pulumi-nodejs.$$" && chmod +x "$bin/.pulumi-resource-pulumi-nodejs.$$" &&
    mv "$bin/.pulumi-resource-pulumi-nodejs.$$" "$bin/pulumi-resource-pulumi-nodejs"
}

# Route 3: the `pulumi` npm package, which downloads the CLI release (with its language hosts).
gz__pulumi_from_npm() {
  local version="$1" cache="$2" tmp
  command -v npx >/dev/null 2>&1 || return 1
  [ "${PULUMI_GRAVITYZONE_NO_DOWNLOAD:-}" = 1 ] && return 1
  # The package's downloader needs the release download site; without internet, give up in seconds.
  node -e 'fetch("https://get.pulumi.com/", { method: "HEAD", signal: AbortSignal.timeout(8000) })
             .then(() => process.exit(0), () => process.exit(1))' >/dev/null 2>&1 || {
    gz_log "Pulumi CLI: no internet access for the npm 'pulumi' downloader; skipping it"
    return 1
  }
  gz_log "Pulumi CLI: fetching v$version with the npm 'pulumi' package"
  mkdir -p "$GZ_CACHE"
  tmp="$(mktemp -d "$GZ_CACHE/.pulumi-npm.XXXXXX")"
  if (cd "$tmp" && PULUMI_HOME="$tmp/home" gz__pulumi_timeout 600 npx --yes "pulumi@$version" version >&2) &&
     [ -x "$tmp/home/versions/$version/bin/pulumi" ] && [ -x "$tmp/home/versions/$version/bin/pulumi-language-nodejs" ]; then
    mkdir -p "$tmp/out/bin"
    cp "$tmp/home/versions/$version/bin/pulumi" "$tmp/home/versions/$version/bin/pulumi-language-nodejs" "$tmp/out/bin/"
    echo npm >"$tmp/out/langhost.source"
    gz__pulumi_install_cache "$tmp/out" "$cache"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp"
  gz_log "Pulumi CLI: the npm 'pulumi' downloader failed; skipping it"
  return 1
}

# Succeeds when the dotted version $1 is at least $2 (three fields; "1.27rc1" reads as 1.27.0).
gz__pulumi_version_ge() {
  local -a a b
  local i x y
  IFS=. read -r -a a <<<"$1"
  IFS=. read -r -a b <<<"$2"
  for i in 0 1 2; do
    x="${a[i]:-0}" && x="${x%%[!0-9]*}" && x="${x:-0}"
    y="${b[i]:-0}" && y="${y%%[!0-9]*}" && y="${y:-0}"
    [ "$x" -gt "$y" ] && return 0
    [ "$x" -lt "$y" ] && return 1
  done
  return 0
}

gz__pulumi_go_ok() {
  command -v go >/dev/null 2>&1 || return 1
  local v
  v="$(go env GOVERSION 2>/dev/null)" || return 1 # e.g. go1.26.8
  gz__pulumi_version_ge "${v#go}" "$GZ_PULUMI_GO_MIN"
}

# Runs "$@" with its output in the build log; on failure shows the end of the log.
gz__pulumi_step() {
  local what="$1" log="$2" start=$SECONDS
  shift 2
  gz_log "  $what"
  if ! "$@" >>"$log" 2>&1; then
    tail -n 25 "$log" >&2
    printf 'error: Pulumi CLI build step failed: %s (full log: %s)\n' "$what" "$log" >&2
    return 1
  fi
  gz_log "  ... done in $((SECONDS - start)) s"
}

# Builds the language host from scripts/pulumi-cli/langhost into $3 (a file path).
gz__pulumi_build_langhost() {
  local version="$1" src="$2" out="$3" log="$4"
  mkdir -p "$src" && cp "$GZ_ROOT/scripts/pulumi-cli/langhost/main.go" "$src/main.go"
  printf 'module pulumi-gravityzone/pulumi-language-nodejs\n\ngo %s\n\nrequire github.com/pulumi/pulumi/sdk/v3 v%s\n' \
    "$GZ_PULUMI_GO_MIN" "$version" >"$src/go.mod"
  (cd "$src" && gz__pulumi_step "resolving modules for the Node.js language host" "$log" go mod tidy) || return 1
  (cd "$src" && gz__pulumi_step "compiling the Node.js language host (about 1-2 min the first time)" "$log" \
    env CGO_ENABLED=0 go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
    -o "$out" .) || return 1
}

# Route 4: build the CLI and the language host from Go modules into the cache.
gz__pulumi_build_go() {
  local version="$1" cache="$2" tmp log start=$SECONDS pkgmod
  mkdir -p "$GZ_CACHE"
  # Leftovers of builds that were interrupted long ago.
  find "$GZ_CACHE" -maxdepth 1 -name '.pulumi-build.*' -mmin +240 -exec rm -rf {} + 2>/dev/null || true
  tmp="$(mktemp -d "$GZ_CACHE/.pulumi-build.XXXXXX")"
  log="$GZ_CACHE/pulumi-v$version.build.log"
  : >"$log"
  gz_log "Pulumi CLI: building v$version from Go modules with $(go env GOVERSION) into $cache"
  gz_log "  (first time only: about 7-10 min on 2 cores, plus module downloads; log: $log)"
  (
    # Each step ends in `|| exit 1`: `set -e` has no effect in a subshell whose status is tested.
    mkdir -p "$tmp/out/bin" "$tmp/cli" && cd "$tmp/cli" || exit 1
    # A wrapper module requiring pkg/v3 and sdk/v3 at the same version. pkg's go.mod replaces sdk
    # with a local directory (so `go install pkg@version` is refused); its other replaces matter.
    gz__pulumi_step "downloading github.com/pulumi/pulumi/pkg/v3@v$version" "$log" \
      go mod download github.com/pulumi/pulumi/pkg/v3@v"$version" || exit 1
    pkgmod="$(go mod download -json github.com/pulumi/pulumi/pkg/v3@v"$version" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).GoMod))')" || exit 1
    [ -f "$pkgmod" ] || exit 1
    {
      printf 'module pulumi-gravityzone/pulumi-cli\n\ngo %s\n\n' "$GZ_PULUMI_GO_MIN"
      printf 'require (\n\tgithub.com/pulumi/pulumi/pkg/v3 v%s\n\tgithub.com/pulumi/pulumi/sdk/v3 v%s\n)\n\n' "$version" "$version"
      # pkg's non-local replace directives, single-line or in a block.
      awk '/^replace[ \t]*\($/ {blk=1; next} blk && /^\)/ {blk=0; next}
           blk {print "replace " $0; next} /^replace / {print}' "$pkgmod" |
        awk '{ t = $0; sub(/.*=>[ \t]*/, "", t); if (t !~ /^(\.|\/)/) print }'
    } >go.mod || exit 1
    printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' >tools.go || exit 1
    gz__pulumi_step "resolving and downloading the CLI's modules" "$log" go mod tidy || exit 1
    gz__pulumi_step "compiling the CLI (the long step: about 7 min on 2 cores from an empty Go build cache)" "$log" \
      env CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$tmp/out/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi || exit 1
    gz__pulumi_build_langhost "$version" "$tmp/langhost" "$tmp/out/bin/pulumi-language-nodejs" "$log" || exit 1
    gz__pulumi_sha256 "$GZ_ROOT/scripts/pulumi-cli/langhost/main.go" >"$tmp/out/langhost.source" || exit 1
    "$tmp/out/bin/pulumi" version >/dev/null || exit 1
  ) || { rm -rf "$tmp"; return 1; }
  gz__pulumi_install_cache "$tmp/out" "$cache"
  rm -rf "$tmp"
  gz_log "Pulumi CLI: built v$version in $((SECONDS - start)) s"
}

# A cached Go build whose language host source changed since: rebuild just the language host.
gz__pulumi_refresh_langhost() {
  local version="$1" cache="$2" want tmp
  [ -f "$cache/langhost.source" ] || return 0
  [ "$(cat "$cache/langhost.source")" != npm ] || return 0
  want="$(gz__pulumi_sha256 "$GZ_ROOT/scripts/pulumi-cli/langhost/main.go")"
  [ "$(cat "$cache/langhost.source")" != "$want" ] || return 0
  gz__pulumi_go_ok || { gz_log "Pulumi CLI: the language host source changed but Go >= $GZ_PULUMI_GO_MIN is missing; keeping the cached one"; return 0; }
  gz_log "Pulumi CLI: the Node.js language host source changed; rebuilding it"
  tmp="$(mktemp -d "$GZ_CACHE/.pulumi-build.XXXXXX")"
  if gz__pulumi_build_langhost "$version" "$tmp/src" "$tmp/pulumi-language-nodejs" "$GZ_CACHE/pulumi-v$version.build.log"; then
    mv -f "$tmp/pulumi-language-nodejs" "$cache/bin/pulumi-language-nodejs"
    echo "$want" >"$cache/langhost.source"
  fi
  rm -rf "$tmp"
}

gz_ensure_pulumi() {
  local sdk="$GZ_ROOT/node_modules/@pulumi/pulumi" version cache found=""
  [ -f "$sdk/package.json" ] || gz_die "node_modules/@pulumi/pulumi is missing; run the npm set-up first (gz_setup in scripts/lib.sh)"
  version="${PULUMI_GRAVITYZONE_PULUMI_VERSION:-$GZ_PULUMI_CLI_VERSION}"
  version="${version#v}"
  cache="$GZ_CACHE/pulumi-v$version"

  export PULUMI_SKIP_UPDATE_CHECK="${PULUMI_SKIP_UPDATE_CHECK:-1}"
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:-true}"
  export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK="${PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK:-1}"
  # pulumi-resource-pulumi-nodejs, the plugin that serves dynamic providers, is a script in @pulumi/pulumi.
  case ":$PATH:" in *":$sdk:"*) ;; *) export PATH="$sdk:$PATH" ;; esac

  if [ "${PULUMI_GRAVITYZONE_PULUMI_REBUILD:-}" != 1 ]; then
    local onpath
    onpath="$(command -v pulumi 2>/dev/null || true)"
    if [ -n "$onpath" ] && gz__pulumi_usable "$(dirname "$onpath")"; then
      found=path
    elif gz__pulumi_usable "$cache/bin"; then
      gz__pulumi_refresh_langhost "$version" "$cache"
      found=cache
    elif gz__pulumi_from_npm "$version" "$cache" && gz__pulumi_usable "$cache/bin"; then
      found=npm
    fi
  fi
  if [ -z "$found" ]; then
    gz__pulumi_go_ok || gz_die "the Pulumi CLI v$version with its Node.js language host is not available and cannot be built here.
Install either Go >= $GZ_PULUMI_GO_MIN (https://go.dev/dl/; this script then builds the CLI into $cache),
or the Pulumi CLI (https://www.pulumi.com/docs/install/) with pulumi-language-nodejs, and put it on PATH."
    gz__pulumi_build_go "$version" "$cache" || gz_die "building the Pulumi CLI v$version from Go modules failed (see above)"
    gz__pulumi_usable "$cache/bin" || gz_die "the Pulumi CLI built into $cache/bin does not run"
    found=go
  fi
  if [ "$found" != path ]; then
    gz__pulumi_add_dynamic_plugin "$cache/bin" || gz_die "could not write to $cache/bin"
    case ":$PATH:" in *":$cache/bin:"*) ;; *) export PATH="$cache/bin:$PATH" ;; esac
  fi
  gz_log "Pulumi CLI $(pulumi version 2>/dev/null) at $(command -v pulumi)"
}
