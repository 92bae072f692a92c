#!/usr/bin/env python3
"""Structural check of a BERT GGUF against what llama.cpp's loader reads.

Checks the file written by convert-minilm-to-gguf.py without building
llama.cpp.  The rules are taken from the llama.cpp vendored in
llama-cpp-sys-2 0.1.160:

* src/models/bert.cpp  llama_model_bert::load_arch_tensors (names, shapes, which
  tensors are required) and load_arch_hparams (layer_norm_epsilon required);
* src/llama-model.cpp  llama_model_base::load_hparams (context_length,
  embedding_length, block_count required; feed_forward_length, head_count,
  causal, pooling_type read) and create_tensor_qkv (separate Q/K/V unless a
  fused attn_qkv exists);
* src/llama-model-loader.cpp done_getting_tensors (every tensor in the file
  must be consumed, "wrong number of tensors");
* src/llama-vocab.cpp  llama_vocab::impl::load (tokenizer.ggml.* keys and
  their types; "bert" -> WPM, pre-tokenizer name not checked for WPM;
  token_type_count must be > 0 for BERT).

Needs only the gguf package.  Usage: check-minilm-gguf.py FILE.gguf
"""

from __future__ import annotations

import sys

import gguf
from gguf import GGUFValueType as VT

errors: list[str] = []


def fail(msg: str) -> None:
    errors.append(msg)


def main() -> int:
    r = gguf.GGUFReader(sys.argv[1])
    fields = r.fields

    def get(key: str, vtype: VT | None = None, required: bool = True):
        f = fields.get(key)
        if f is None:
            if required:
                fail(f"missing key {key}")
            return None
        if vtype is not None and f.types[0] != vtype:
            fail(f"{key}: type {f.types[0].name}, expected {vtype.name}")
        return f.contents()

    arch = get("general.architecture", VT.STRING)
    if arch != "bert":
        fail(f"general.architecture = {arch!r}, expected 'bert'")
    n_ctx = get("bert.context_length", VT.UINT32)
    n_embd = get("bert.embedding_length", VT.UINT32)
    n_layer = get("bert.block_count", VT.UINT32)
    n_ff = get("bert.feed_forward_length", VT.UINT32)
    n_head = get("bert.attention.head_count", VT.UINT32)
    eps = get("bert.attention.layer_norm_epsilon", VT.FLOAT32)
    causal = get("bert.attention.causal", VT.BOOL)
    pooling = get("bert.pooling_type", VT.UINT32)
    if causal is not False:
        fail(f"bert.attention.causal = {causal!r}, expected False")
    if pooling != 1:  # LLAMA_POOLING_TYPE_MEAN
        fail(f"bert.pooling_type = {pooling!r}, expected 1 (MEAN)")
    if not eps or eps <= 0:
        fail(f"bad layer_norm_epsilon {eps!r}")
    if n_embd and n_head and n_embd % n_head:
        fail("embedding_length not divisible by head_count")

    # tokenizer (llama_vocab::impl::load)
    if get("tokenizer.ggml.model", VT.STRING) != "bert":
        fail("tokenizer.ggml.model must be 'bert' (WPM)")
    pre = get("tokenizer.ggml.pre", VT.STRING, required=False)
    n_tt = get("tokenizer.ggml.token_type_count", VT.UINT32)
    if not n_tt:
        fail("tokenizer.ggml.token_type_count must be > 0 for BERT")
    tok_f = fields.get("tokenizer.ggml.tokens")
    tokens: list[str] = []
    if tok_f is None or tok_f.types != [VT.ARRAY, VT.STRING]:
        fail("tokenizer.ggml.tokens must be an array of strings")
    else:
        tokens = tok_f.contents()
    tt_f = fields.get("tokenizer.ggml.token_type")
    if tt_f is not None:
        if tt_f.types != [VT.ARRAY, VT.INT32]:
            fail("tokenizer.ggml.token_type must be an array of int32")
        elif len(tt_f.contents()) < len(tokens):
            fail("fewer token types than tokens")
    if len(set(tokens)) != len(tokens):
        fail("duplicate token strings (llama.cpp asserts id_to_token.size() == token_to_id.size())")
    if any(t == "" for t in tokens):
        fail("empty token string")
    n_vocab = len(tokens)
    ids = {}
    for k in ("bos", "eos", "unknown", "seperator", "padding", "mask"):
        v = get(f"tokenizer.ggml.{k}_token_id", VT.UINT32, required=False)
        if v is not None:
            ids[k] = v
            if v >= n_vocab:
                fail(f"{k}_token_id {v} out of range")
    for k in ("add_bos_token", "add_eos_token", "add_sep_token"):
        get(f"tokenizer.ggml.{k}", VT.BOOL, required=False)
    for k in ("tokenizer.ggml.normalizer.lowercase", "tokenizer.ggml.normalizer.strip_accents"):
        if k in fields:
            get(k, VT.BOOL)
    wpm_prefix = sum(1 for t in tokens if t.startswith("\u2581"))

    # tensors (llama_model_bert::load_arch_tensors); ggml order: ne0 first
    want: dict[str, tuple[list[int], bool]] = {
        "token_embd.weight": ([n_embd, n_vocab], True),
        "token_types.weight": ([n_embd, n_tt], False),
        "position_embd.weight": ([n_embd, n_ctx], True),
        "token_embd_norm.weight": ([n_embd], True),
        "token_embd_norm.bias": ([n_embd], True),
        "cls.weight": ([n_embd, n_embd], False),
        "cls.bias": ([n_embd], False),
    }
    for i in range(n_layer or 0):
        b = f"blk.{i}."
        for t in ("attn_q", "attn_k", "attn_v"):
            want[b + t + ".weight"] = ([n_embd, n_embd], True)
            want[b + t + ".bias"] = ([n_embd], False)
        want[b + "attn_output.weight"] = ([n_embd, n_embd], True)
        want[b + "attn_output.bias"] = ([n_embd], False)
        want[b + "attn_output_norm.weight"] = ([n_embd], True)
        want[b + "attn_output_norm.bias"] = ([n_embd], True)
        want[b + "ffn_up.weight"] = ([n_embd, n_ff], True)
        want[b + "ffn_up.bias"] = ([n_ff], False)
        want[b + "ffn_down.weight"] = ([n_ff, n_embd], True)
        want[b + "ffn_down.bias"] = ([n_embd], False)
        want[b + "layer_output_norm.weight"] = ([n_embd], True)
        want[b + "layer_output_norm.bias"] = ([n_embd], True)

    have = {t.name: t for t in r.tensors}
    for name, (shape, required) in want.items():
        t = have.get(name)
        if t is None:
            if required:
                fail(f"missing tensor {name}")
            continue
        got = [int(x) for x in t.shape]
        if got != shape:
            fail(f"{name}: shape {got}, expected {shape}")
    extra = sorted(set(have) - set(want))
    if extra:
        fail(f"tensors the BERT loader would not consume (wrong number of tensors): {extra}")
    types: dict[str, int] = {}
    for t in r.tensors:
        types[t.tensor_type.name] = types.get(t.tensor_type.name, 0) + 1

    print(f"arch=bert n_ctx={n_ctx} n_embd={n_embd} n_layer={n_layer} n_ff={n_ff} n_head={n_head} "
          f"eps={eps:g} causal={causal} pooling={pooling}")
    print(f"tokenizer: model=bert pre={pre!r} n_vocab={n_vocab} token_type_count={n_tt} "
          f"phantom-space tokens={wpm_prefix} special ids={ids}")
    print(f"tensors: {len(r.tensors)} ({types})")
    if errors:
        for e in errors:
            print("ERROR:", e)
        return 1
    print("OK: matches what the vendored llama.cpp BERT loader requires")
    return 0


if __name__ == "__main__":
    sys.exit(main())
