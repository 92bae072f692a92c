#!/usr/bin/env bash
# Build llama.cpp's own `llama-bench` against the llama.cpp that llama-cpp-sys-2 vendors, so
# the local_inference benchmark can put our runtime's speed next to it on the same GGUF:
#
#   LLAMA_BENCH="$(crates/llm/benches/build-llama-bench.sh)" cargo bench -p llm --bench local_inference
#
# The crate ships llama.cpp without the tools/ sources, so only llama-bench.cpp comes from
# elsewhere: $LLAMA_BENCH_SRC (a llama.cpp checkout root) or, when unset, a download of the
# commit pinned below. ggml, libllama and common are the crate's own copy, built with the
# options its build.rs uses, so the two runtimes run the same kernels.
#
# Output: the binary's absolute path on stdout (progress goes to stderr), under
# $PLANESWALKER_LLAMA_BENCH_DIR (default ~/.cache/planeswalker/llama-bench)/<sys version>/.
# Idempotent: an existing binary is reused; FORCE=1 rebuilds it (needed after changing
# RUSTFLAGS or GGML_* variables, which the build mirrors like build.rs does).
set -euo pipefail

# ---- pins ------------------------------------------------------------------
# The llama.cpp commit that llama-cpp-sys-2 vendors is not recorded in the crate (its
# .cargo_vcs_info.json names only the llama-cpp-rs commit, e7af607e), so the exact
# llama-bench.cpp is unknown. This is the closest commit found whose llama-bench.cpp builds
# against the vendored headers. It predates the vendored tree a little (the vendored
# tools/llama-bench/README.md lists --lazy-mode and --repack, which this one lacks, and a
# load-mode default of auto where this one uses mmap: the same for a CPU run); the two
# patches in patch_source() adapt it to the vendored common/ API. Neither patch touches
# the default pp/tg measurement path.
LLAMA_CPP_COMMIT="0104b151c56d54143e2e3554aabe9e2b2b8dbdba"
LLAMA_BENCH_SHA256="3699785bd1b9a594638a16e2f1f02cd99074c1488e3f6b6a3faf7b65511cc2ef"
LLAMA_BENCH_URL="https://raw.githubusercontent.com/ggml-org/llama.cpp/$LLAMA_CPP_COMMIT/tools/llama-bench/llama-bench.cpp"
# ----------------------------------------------------------------------------

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

log() { printf '%s\n' "build-llama-bench: $*" >&2; }
die() { log "error: $*"; exit 1; }

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

# The llama-cpp-sys-2 version the workspace pins, so the cache follows a version bump.
SYS_VERSION="$(sed -n 's/^llama-cpp-sys-2 = "=\([0-9.]*\)".*/\1/p' "$REPO/Cargo.toml")"
[[ -n "$SYS_VERSION" ]] || die "no exact llama-cpp-sys-2 pin in $REPO/Cargo.toml"

CACHE="${PLANESWALKER_LLAMA_BENCH_DIR:-${HOME:?HOME is not set}/.cache/planeswalker/llama-bench}/$SYS_VERSION"
SRC="$CACHE/src"
BUILD="$CACHE/build"
BIN="$BUILD/bin/llama-bench"

if [[ -x "$BIN" && "${FORCE:-0}" != 1 ]]; then
    log "up to date (FORCE=1 rebuilds)"
    printf '%s\n' "$BIN"
    exit 0
fi

# The crate's sources as cargo unpacked them (`cargo fetch` puts them there).
vendored=""
for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"llama-cpp-sys-2-$SYS_VERSION/llama.cpp"; do
    [[ -f "$dir/CMakeLists.txt" ]] && vendored="$dir"
done
[[ -n "$vendored" ]] || die "llama-cpp-sys-2 $SYS_VERSION is not in the cargo registry; run 'cargo fetch' first"
log "vendored llama.cpp: $vendored"

mkdir -p "$CACHE"

# ---- llama-bench.cpp -------------------------------------------------------
if [[ -n "${LLAMA_BENCH_SRC:-}" ]]; then
    bench_cpp="$LLAMA_BENCH_SRC/tools/llama-bench/llama-bench.cpp"
    [[ -f "$bench_cpp" ]] || die "LLAMA_BENCH_SRC has no tools/llama-bench/llama-bench.cpp: $LLAMA_BENCH_SRC"
    if [[ "$(sha256_of "$bench_cpp")" != "$LLAMA_BENCH_SHA256" ]]; then
        log "note: $bench_cpp is not llama.cpp $LLAMA_CPP_COMMIT; patches apply only where they match"
    fi
else
    bench_cpp="$CACHE/llama-bench-$LLAMA_CPP_COMMIT.cpp"
    if [[ ! -f "$bench_cpp" ]]; then
        log "downloading $LLAMA_BENCH_URL"
        curl -fsSL --retry 3 -o "$bench_cpp.part" "$LLAMA_BENCH_URL" ||
            die "download failed; LLAMA_BENCH_SRC=<llama.cpp checkout> builds without the network"
        got="$(sha256_of "$bench_cpp.part")"
        [[ "$got" == "$LLAMA_BENCH_SHA256" ]] || die "llama-bench.cpp sha256 $got, expected $LLAMA_BENCH_SHA256"
        mv "$bench_cpp.part" "$bench_cpp"
    fi
fi

# Adapt llama-bench.cpp (read from $1, written to $2) to the vendored common/ API. Each
# patch applies only where its old form occurs, so a llama-bench.cpp that already matches
# the vendored tree goes through unchanged.
patch_source() {
    # -ncmoe: common.h generalised llm_ffn_exps_block_regex(i) into
    # llm_ffn_block_regex(i, regex); LLM_FFN_EXPS_REGEX gives the same pattern.
    # -fitt/-fitc: common_fit_params gained a `const common_fit_extra_model * extra`
    # argument before the log level; nullptr means no extra model, the old behaviour.
    sed -e 's/llm_ffn_exps_block_regex(i)/llm_ffn_block_regex(i, LLM_FFN_EXPS_REGEX)/' \
        -e 's/^\( *inst\.fit_min_ctx,\)$/\1 nullptr,/' "$1" >"$2"
    if ! cmp -s "$1" "$2"; then
        log "patched llama-bench.cpp for the vendored API:"
        diff "$1" "$2" | sed 's/^/    /' >&2 || true
    fi
}

# ---- source tree: the vendored llama.cpp plus tools/llama-bench ------------
log "copying the vendored tree to $SRC"
rm -rf "$SRC"
mkdir -p "$SRC"
cp -pR "$vendored/." "$SRC/"   # -p keeps mtimes, so a FORCE=1 rebuild stays incremental
chmod -R u+w "$SRC"
mkdir -p "$SRC/tools/llama-bench"
patch_source "$bench_cpp" "$SRC/tools/llama-bench/llama-bench.cpp"

# Upstream moved main() into the unified `llama` app (app/, not shipped in the crate) and
# left llama-bench.cpp exporting llama_bench(argc, argv); give it a main of its own.
bench_sources="llama-bench.cpp"
if ! grep -q '^int main(' "$SRC/tools/llama-bench/llama-bench.cpp"; then
    printf '%s\n' \
        'int llama_bench(int argc, char ** argv);' \
        'int main(int argc, char ** argv) { return llama_bench(argc, argv); }' \
        >"$SRC/tools/llama-bench/main.cpp"
    bench_sources="llama-bench.cpp main.cpp"
fi
cat >"$SRC/tools/llama-bench/CMakeLists.txt" <<EOF
add_executable(llama-bench $bench_sources)
target_link_libraries(llama-bench PRIVATE llama-common llama Threads::Threads)
target_compile_features(llama-bench PRIVATE cxx_std_17)
EOF
# LLAMA_BUILD_TOOLS stays OFF (as in build.rs): tools/CMakeLists.txt would add the other
# tools, whose sources the crate lacks. Only llama-bench is added.
cat >>"$SRC/CMakeLists.txt" <<'EOF'

# planeswalker: llama-bench alone (crates/llm/benches/build-llama-bench.sh)
find_package(Threads REQUIRED)
add_subdirectory(tools/llama-bench)
EOF

# ---- configure and build, with llama-cpp-sys-2's build.rs options ----------
# build.rs forwards every GGML_* variable, then sets its own options over them.
cmake_args=()
for name in $(compgen -e); do
    [[ "$name" == GGML_* ]] && cmake_args+=("-D$name=${!name}")
done
# build.rs turns GGML_NATIVE on only for RUSTFLAGS target-cpu=native; otherwise ggml's
# default x86 baseline (AVX2/FMA/F16C) applies, as in our cargo build.
native=OFF
[[ "${RUSTFLAGS:-} ${CARGO_ENCODED_RUSTFLAGS:-}" == *target-cpu=native* ]] && native=ON
cmake_args+=(
    -DCMAKE_BUILD_TYPE=Release          # build.rs: Release unless cargo's DEBUG (bench: no)
    -DBUILD_SHARED_LIBS=OFF             # static, like the crate's default link
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF
    -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_COMMON=ON
    -DLLAMA_CURL=OFF
    -DGGML_NATIVE="$native"
    -DGGML_OPENMP=ON                    # llama-cpp-2's default `openmp` feature
)
[[ "$(uname -s)" == Darwin ]] && cmake_args+=(-DGGML_BLAS=OFF)

jobs="${JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"
log "configuring (GGML_NATIVE=$native) in $BUILD"
cmake -S "$SRC" -B "$BUILD" "${cmake_args[@]}" >&2
log "building llama-bench with $jobs jobs"
cmake --build "$BUILD" --target llama-bench -j "$jobs" >&2

[[ -x "$BIN" ]] || die "build finished without $BIN"
log "built $BIN"
printf '%s\n' "$BIN"
