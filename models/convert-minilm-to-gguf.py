#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Convert sentence-transformers/all-MiniLM-L6-v2 (a BERT encoder) to GGUF.

The output is meant to be the same file that llama.cpp's own
``convert_hf_to_gguf.py`` (class ``BertModel``) writes for this model with the
default ``--outtype auto`` (which is F16 for an F32 checkpoint), but without
torch or transformers: it only needs the ``gguf`` package (pinned, see
convert-requirements.txt) and numpy (plus PyYAML, which ``gguf`` imports).
The same ``gguf`` helpers that the llama.cpp script uses are used here
(GGUFWriter, TensorNameMap, SafetensorsLocal, quants.quantize, SpecialVocab,
Metadata), and the same steps are taken in the same order, so the key/value
order and the tensor order come out the same.

The two places where the llama.cpp script needs transformers are replaced:

* the vocabulary: ``AutoTokenizer.vocab`` is the WordPiece vocab of
  tokenizer.json plus its ``added_tokens``; both are read from tokenizer.json.
* ``tokenizer.ggml.pre``: the script hashes the ids of a fixed test string
  (``get_vocab_base_pre``).  For the bert-base-uncased WordPiece tokenizer that
  hash is 0876d13b50744004aa9aeae05e7b0647eac9d801b5ba4668afc01e709c15e19f,
  which appears twice in that function's if-chain: first as "bert-bge"
  (BAAI/bge-small-en-v1.5) and later as "jina-v2-en"
  (jinaai/jina-embeddings-v2-base-en).  The chain uses plain ``if``s, so the
  last match wins and the script writes "jina-v2-en".  llama.cpp ignores the
  pre-tokenizer name for WPM ("bert") vocabularies, so the value only matters
  for byte-equality with the official converter.  Instead of hashing, this
  script recognises the tokenizer by the sha256 of its WordPiece vocabulary
  plus its normalizer/pre-tokenizer settings; with ``--check-pre`` (needs
  transformers, no torch) it also recomputes the official hash.

The output is deterministic: there are no timestamps or random ids in it, and
tensors are written in name order (as SafetensorsLocal sorts them).

Usage:
    convert-minilm-to-gguf.py [--outtype f16|f32] [--check-pre] MODEL_DIR OUTFILE

MODEL_DIR is the Hugging Face snapshot folder (config.json, model.safetensors,
tokenizer.json, tokenizer_config.json, special_tokens_map.json, vocab.txt,
modules.json, 1_Pooling/config.json, README.md).  Its folder name feeds the
general.* metadata (as it does for the llama.cpp script), so convert from a
folder named ``all-MiniLM-L6-v2`` to get the pinned output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np

import gguf
from gguf.utility import SafetensorsLocal

logger = logging.getLogger("convert-minilm")

# Pre-tokenizer hash of llama.cpp's get_vocab_base_pre() for bert-base-uncased
# style WordPiece tokenizers, and the name that the (last matching branch of
# the) if-chain assigns to it.
CHKHSH_BERT_UNCASED = "0876d13b50744004aa9aeae05e7b0647eac9d801b5ba4668afc01e709c15e19f"
KNOWN_CHKHSH = {
    CHKHSH_BERT_UNCASED: "jina-v2-en",  # also listed as "bert-bge" earlier; last `if` wins
    "8e62295832751ca1e8f92f2226f403dea30dc5165e448b5bfa05af5340c64ec7": "bert-bge-large",
}
# sha256 of "\n".join(WordPiece vocab in id order) of all-MiniLM-L6-v2
# (identical to bert-base-uncased), used to recognise the tokenizer without
# transformers.
VOCAB_SHA256_BERT_UNCASED = "0f052197aac305fe42f378b5c61554b7bacb34b8be4af83fec2cfdcdffbc9973"

# the test string of llama.cpp's get_vocab_base_pre()
CHKTXT = (
    "\n \n\n \n\n\n \t \t\t \t\n  \n   \n    \n     \n🚀 (normal) 😶\u200d🌫️ (multiple emojis concatenated) ✅ 🦙🦙 "
    "3 33 333 3333 33333 333333 3333333 33333333 3.3 3..3 3...3 កាន់តែពិសេសអាច😁 ?我想在apple工作1314151天～ "
    "------======= нещо на Български ''''''```````\"\"\"\"......!!!!!!?????? I've been 'told he's there, "
    "'RE you sure? 'M not sure I'll make it, 'D you like some tea? We'Ve a'lL"
)


def load_json(path: Path) -> Any:
    with open(path, "r", encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------------------
# tensors (ModelBase.index_tensors / BertModel.filter_tensors / prepare_tensors)
# ---------------------------------------------------------------------------

def filter_tensor_name(name: str) -> str | None:
    """BertModel.filter_tensors: strip prefixes, rename gamma/beta, drop unused tensors."""
    if name.startswith("bert."):
        name = name[5:]
    if name.endswith(".gamma"):
        name = name[:-6] + ".weight"
    if name.endswith(".beta"):
        name = name[:-5] + ".bias"
    # only the encoder is used for embeddings: no pooler, no MLM/NSP heads
    if name in ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"):
        return None
    if name.startswith("cls.predictions") or name.startswith("cls.seq_relationship"):
        return None
    return name


def match_tensor(new_name: str, key: gguf.MODEL_TENSOR, bid: int | None, arch: gguf.MODEL_ARCH) -> bool:
    """ModelBase.match_model_tensor_name."""
    if key not in gguf.MODEL_TENSORS[arch]:
        return False
    key_name: str = gguf.TENSOR_NAMES[key]
    if "{bid}" in key_name:
        if bid is None:
            return False
        key_name = key_name.format(bid=bid)
    elif bid is not None:
        return False
    return new_name == key_name + ".weight"


def add_tensors(writer: gguf.GGUFWriter, model_dir: Path, arch: gguf.MODEL_ARCH, block_count: int,
                ftype: gguf.LlamaFileType) -> None:
    if sys.byteorder != "little":
        raise SystemExit("this converter only supports little-endian hosts")
    tensor_map = gguf.get_tensor_name_map(arch, block_count)

    part_names = sorted(p.name for p in model_dir.iterdir()
                        if p.name.startswith("model") and p.name.endswith(".safetensors"))
    if part_names != ["model.safetensors"]:
        raise SystemExit(f"expected exactly one model.safetensors in {model_dir}, found {part_names}")

    f32_keys = (gguf.MODEL_TENSOR.POS_EMBD, gguf.MODEL_TENSOR.TOKEN_TYPES)
    with SafetensorsLocal(model_dir / "model.safetensors") as tensors:  # sorted by name
        for src_name, t in tensors.items():
            name = filter_tensor_name(src_name)
            if name is None:
                continue
            if t.dtype != "F32":
                raise SystemExit(f"unexpected dtype {t.dtype} for {src_name}")
            data = t.mmap_bytes().view(np.float32).reshape(t.shape)

            bid = None
            for part in name.split("."):
                if part.isdecimal():
                    bid = int(part)
                    break

            new_name = tensor_map.get_name(key=name, try_suffixes=(".weight", ".bias"))
            if new_name is None:
                raise SystemExit(f"can not map tensor {name!r}")

            n_dims = len(data.shape)
            if n_dims <= 1 or new_name.endswith("_norm.weight"):
                qtype = gguf.GGMLQuantizationType.F32
            elif any(match_tensor(new_name, k, bid, arch) for k in f32_keys) or new_name[-7:] != ".weight":
                qtype = gguf.GGMLQuantizationType.F32
            elif ftype == gguf.LlamaFileType.ALL_F32:
                qtype = gguf.GGMLQuantizationType.F32
            elif ftype == gguf.LlamaFileType.MOSTLY_F16:
                qtype = gguf.GGMLQuantizationType.F16
            else:
                raise SystemExit(f"unsupported file type {ftype!r}")

            out = gguf.quants.quantize(data, qtype)
            logger.info("%-32s F32 --> %s, shape = {%s}", new_name + ",", qtype.name,
                        ", ".join(str(n) for n in reversed(out.shape)))
            writer.add_tensor(new_name, out, raw_dtype=qtype)


# ---------------------------------------------------------------------------
# hyperparameters (TextModel.set_gguf_parameters + BertModel.set_gguf_parameters)
# ---------------------------------------------------------------------------

def find_hparam(hparams: dict[str, Any], keys: list[str]) -> Any:
    for k in keys:
        if k in hparams:
            return hparams[k]
    return None


def add_hparams(writer: gguf.GGUFWriter, hparams: dict[str, Any], model_dir: Path, block_count: int,
                ftype: gguf.LlamaFileType) -> None:
    writer.add_block_count(block_count)
    if (n_ctx := find_hparam(hparams, ["max_position_embeddings", "n_ctx", "n_positions", "max_length",
                                       "max_sequence_length", "model_max_length"])) is not None:
        writer.add_context_length(n_ctx)
    if (n_embd := find_hparam(hparams, ["hidden_size", "n_embd", "dim"])) is not None:
        writer.add_embedding_length(n_embd)
    if (n_ff := find_hparam(hparams, ["intermediate_size", "n_inner", "hidden_dim"])) is not None:
        writer.add_feed_forward_length(n_ff)
    if (n_head := find_hparam(hparams, ["num_attention_heads", "n_head", "n_heads"])) is not None:
        writer.add_head_count(n_head)
    if (n_head_kv := find_hparam(hparams, ["num_key_value_heads", "n_kv_heads"])) is not None:
        writer.add_head_count_kv(n_head_kv)
    if hparams.get("is_causal") is False:
        writer.add_causal_attention(False)
    # BERT has no RoPE, no MoE and no RMS norm: refuse configs that would need them
    for k in ("rope_parameters", "rope_scaling", "rope_theta", "rms_norm_eps", "num_experts",
              "num_local_experts", "head_dim"):
        if hparams.get(k) is not None:
            raise SystemExit(f"config.json has {k!r}; this converter only handles plain BERT")
    if (f_norm_eps := find_hparam(hparams, ["layer_norm_eps", "layer_norm_epsilon", "norm_epsilon"])) is not None:
        writer.add_layer_norm_eps(f_norm_eps)
    writer.add_file_type(ftype)

    # BertModel.set_gguf_parameters
    writer.add_causal_attention(False)
    add_pooling_type(writer, model_dir)


def add_pooling_type(writer: gguf.GGUFWriter, model_dir: Path) -> None:
    """TextModel._try_set_pooling_type: the sentence-transformers Pooling module."""
    pooling_path = None
    modules_file = model_dir / "modules.json"
    if modules_file.is_file():
        for mod in load_json(modules_file):
            if mod["type"].endswith("Pooling"):
                pooling_path = mod["path"]
                break
        # BertModel.generate_extra_tensors: a Dense module right after the
        # transformer would be a ColBERT projection; all-MiniLM has none.
        modules = load_json(modules_file)
        if len(modules) >= 2 and modules[1]["type"].endswith("Dense"):
            raise SystemExit("modules.json has a Dense module after the transformer; not supported here")
    if pooling_path is None:
        logger.warning("no sentence-transformers Pooling module found: no pooling type written")
        return
    pooling = load_json(model_dir / pooling_path / "config.json")
    mode_mapping = {"mean": gguf.PoolingType.MEAN, "cls": gguf.PoolingType.CLS, "lasttoken": gguf.PoolingType.LAST}
    if pooling.get("pooling_mode_mean_tokens"):
        pooling_type = gguf.PoolingType.MEAN
    elif pooling.get("pooling_mode_cls_token"):
        pooling_type = gguf.PoolingType.CLS
    elif pooling.get("pooling_mode_lasttoken"):
        pooling_type = gguf.PoolingType.LAST
    elif (mode := pooling.get("pooling_mode")) in mode_mapping:
        pooling_type = mode_mapping[mode]
    else:
        raise SystemExit("only MEAN, CLS and LAST pooling are supported")
    writer.add_pooling_type(pooling_type)


# ---------------------------------------------------------------------------
# vocabulary (TextModel.get_vocab_base + BertModel.set_vocab)
# ---------------------------------------------------------------------------

def does_token_look_special(token: str) -> bool:
    """TextModel.does_token_look_special."""
    seems_special = token in ("<pad>", "<mask>", "<2mass>", "[@BOS@]")
    seems_special = seems_special or (token.startswith("<|") and token.endswith("|>"))
    seems_special = seems_special or (token.startswith("<｜") and token.endswith("｜>"))
    seems_special = seems_special or (token.startswith("<unused") and token.endswith(">"))
    return seems_special


def vocab_sha256(wordpiece_vocab: dict[str, int]) -> str:
    ordered = sorted(wordpiece_vocab.items(), key=lambda kv: kv[1])
    return hashlib.sha256("\n".join(tok for tok, _ in ordered).encode("utf-8")).hexdigest()


def detect_pre(tokenizer_json: dict[str, Any]) -> str:
    model = tokenizer_json.get("model", {})
    normalizer = tokenizer_json.get("normalizer") or {}
    pre_tokenizer = tokenizer_json.get("pre_tokenizer") or {}
    if (model.get("type") == "WordPiece"
            and normalizer.get("type") == "BertNormalizer"
            and normalizer.get("lowercase", True) is True
            and normalizer.get("strip_accents") in (None, True)
            and normalizer.get("handle_chinese_chars", True) is True
            and normalizer.get("clean_text", True) is True
            and pre_tokenizer.get("type") == "BertPreTokenizer"
            and vocab_sha256(model["vocab"]) == VOCAB_SHA256_BERT_UNCASED):
        return KNOWN_CHKHSH[CHKHSH_BERT_UNCASED]
    raise SystemExit("tokenizer is not the bert-base-uncased WordPiece tokenizer; "
                     "pass --pre NAME (or --check-pre with transformers installed)")


def check_pre_with_transformers(model_dir: Path) -> str:
    """Recompute llama.cpp's get_vocab_base_pre() hash (needs transformers, not torch)."""
    from transformers import AutoTokenizer  # type: ignore[import-not-found]
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    chkhsh = hashlib.sha256(str(tokenizer.encode(CHKTXT)).encode()).hexdigest()
    if chkhsh not in KNOWN_CHKHSH:
        raise SystemExit(f"unknown pre-tokenizer hash {chkhsh}")
    return KNOWN_CHKHSH[chkhsh]


def add_vocab(writer: gguf.GGUFWriter, hparams: dict[str, Any], model_dir: Path, pre: str) -> None:
    tokenizer_json = load_json(model_dir / "tokenizer.json")
    if tokenizer_json["model"]["type"] != "WordPiece":
        raise SystemExit("expected a WordPiece tokenizer.json")

    # AutoTokenizer.vocab == WordPiece vocab + added tokens
    vocab: dict[str, int] = dict(tokenizer_json["model"]["vocab"])
    added = {t["content"]: t for t in tokenizer_json.get("added_tokens", [])}
    for content, t in added.items():
        vocab[content] = t["id"]

    vocab_size = hparams.get("vocab_size", len(vocab))
    assert max(vocab.values()) < vocab_size
    reverse_vocab = {id_: tok for tok, id_ in vocab.items()}

    tokens: list[str] = []
    toktypes: list[int] = []
    for i in range(vocab_size):
        if i not in reverse_vocab:
            tokens.append(f"[PAD{i}]")
            toktypes.append(gguf.TokenType.UNUSED)
            continue
        token = reverse_vocab[i]
        if token in added:
            info = added[token]
            if not info.get("normalized", True) and not info.get("special", False):
                # the llama.cpp script round-trips these through the HF tokenizer
                raise SystemExit(f"non-special, non-normalized added token {token!r} is not supported")
            if info.get("special", False) or does_token_look_special(token):
                toktypes.append(gguf.TokenType.CONTROL)
            else:
                token = token.replace("\u2581", " ")
                toktypes.append(gguf.TokenType.USER_DEFINED)
        else:
            toktypes.append(gguf.TokenType.NORMAL)
        tokens.append(token)

    # BertModel.set_vocab
    writer.add_token_type_count(hparams.get("type_vocab_size", 1))

    def phantom(tok: str, toktype: int) -> str:
        # "phantom space" vocab: word starts get U+2581, "##" continuations lose
        # their prefix, control tokens ([PAD] [UNK] [CLS] [SEP] [MASK]) stay as they are
        if toktype == gguf.TokenType.CONTROL:
            return tok
        if tok.startswith("##"):
            return tok[2:]
        return "\u2581" + tok

    tokens = [phantom(t, tt) for t, tt in zip(tokens, toktypes)]
    if len(set(tokens)) != len(tokens):
        raise SystemExit("phantom-space conversion produced duplicate tokens")

    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre(pre)
    writer.add_token_list(tokens)
    writer.add_token_types(toktypes)

    special_vocab = gguf.SpecialVocab(model_dir, n_vocab=len(tokens))
    special_vocab.add_to_gguf(writer)


# ---------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("outfile", type=Path)
    parser.add_argument("--outtype", choices=["f16", "f32"], default="f16",
                        help="f16 (default, what llama.cpp's --outtype auto picks) or f32")
    parser.add_argument("--pre", default=None, help="override tokenizer.ggml.pre")
    parser.add_argument("--check-pre", action="store_true",
                        help="also recompute llama.cpp's pre-tokenizer hash with transformers")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if not args.verbose:
        # "No handler for special token type cls" is expected: llama.cpp has no cls id key
        logging.getLogger("gguf.vocab").setLevel(logging.ERROR)

    model_dir: Path = args.model_dir
    hparams = load_json(model_dir / "config.json")
    if (hparams.get("architectures") or [None])[0] != "BertModel":
        raise SystemExit("config.json does not describe a BertModel")
    if hparams.get("position_embedding_type", "absolute") != "absolute":
        raise SystemExit("only absolute position embeddings are supported")
    id2label = hparams.get("id2label")
    if id2label and not (len(id2label) == 2 and str(id2label.get("0", id2label.get(0))) == "LABEL_0"):
        raise SystemExit("classifier heads (id2label) are not supported by this converter")

    arch = gguf.MODEL_ARCH.BERT
    ftype = gguf.LlamaFileType.MOSTLY_F16 if args.outtype == "f16" else gguf.LlamaFileType.ALL_F32
    block_count = find_hparam(hparams, ["n_layers", "num_hidden_layers", "n_layer", "num_layers"])

    tokenizer_json = load_json(model_dir / "tokenizer.json")
    pre = args.pre or detect_pre(tokenizer_json)
    if args.check_pre:
        official = check_pre_with_transformers(model_dir)
        if official != pre:
            raise SystemExit(f"pre-tokenizer mismatch: llama.cpp hash says {official!r}, using {pre!r}")
        logger.warning("pre-tokenizer hash check passed: %s", official)

    writer = gguf.GGUFWriter(path=None, arch=gguf.MODEL_ARCH_NAMES[arch], endianess=gguf.GGUFEndian.LITTLE,
                             use_temp_file=False)

    # ModelBase.write(): prepare_tensors(), then prepare_metadata()
    add_tensors(writer, model_dir, arch, block_count, ftype)

    total_params, shared_params, expert_params, expert_count = writer.get_total_parameter_count()
    metadata = gguf.Metadata.load(None, model_dir, None, total_params)
    if metadata.name is None:
        metadata.name = model_dir.name
    if metadata.size_label is None and total_params > 0:
        metadata.size_label = gguf.size_label(total_params, shared_params, expert_params, expert_count)
    writer.add_type(gguf.GGUFType.MODEL)
    metadata.set_gguf_meta_model(writer)
    add_hparams(writer, hparams, model_dir, block_count, ftype)
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
    add_vocab(writer, hparams, model_dir, pre)

    args.outfile.parent.mkdir(parents=True, exist_ok=True)
    writer.write_header_to_file(path=args.outfile)
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file(progress=False)
    writer.close()
    print(f"wrote {args.outfile}")


if __name__ == "__main__":
    main()
