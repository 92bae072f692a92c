#!/usr/bin/env bash
# Builds llama.cpp's own `llama-bench` from the very source llama-cpp-sys-2 vendors (the
# version Cargo.lock pins), with the CPU flags that crate's build script uses for our build,
# into a cache folder; prints the binary's path. The local-inference benchmark runs it next
# to our provider on the same model, threads and lengths.
#
#   bench/llama-bench.sh            # build once (about 5 minutes on 2 cores), print the path
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(cargo metadata --format-version 1 --locked |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "llama-cpp-sys-2"))')"
source_dir="$(cargo metadata --format-version 1 --locked |
  python3 -c 'import json,sys,os; print(os.path.dirname(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "llama-cpp-sys-2")))')/llama.cpp"
cache="${PLANESWALKER_LLAMA_BENCH_DIR:-$HOME/.cache/planeswalker/llama-bench}/$version"
binary="$cache/build/bin/llama-bench"

if [ ! -x "$binary" ]; then
  echo "building llama-bench from $source_dir into $cache" >&2
  # As llama-cpp-sys-2's build.rs configures it when the Rust build names no target CPU:
  # GGML_NATIVE off and no extra x86 features, OpenMP on, static libraries, Release.
  cmake -S "$source_dir" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release \
    -DGGML_NATIVE=OFF -DGGML_OPENMP=ON -DBUILD_SHARED_LIBS=OFF -DLLAMA_CURL=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF \
    -DLLAMA_BUILD_TOOLS=ON >&2
  cmake --build "$cache/build" --target llama-bench -j "$(nproc)" >&2
fi
echo "$binary"
