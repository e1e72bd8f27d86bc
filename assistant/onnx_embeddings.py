"""The embedding model run by ONNX Runtime, with float or int8 weights: faster ingest on a CPU.

sentence-transformers' own ``backend="onnx"`` needs Optimum, whose releases pin transformers
below 4.58 while this product runs transformers 5; so the model is exported here instead, once
and offline, from the same packaged folder: ``torch.onnx.export`` of the transformer (vectors
equal to torch's), and for int8 ONNX Runtime's dynamic quantisation of the weights (per channel:
cosine ~0.99 to the float vectors).
Encoding is what the model's sentence-transformers modules do: mean of the token vectors over
the attention mask, then unit length.

>>> import numpy as np
>>> mean_pool(np.array([[[1.0, 0.0], [3.0, 0.0], [9.0, 9.0]]]), np.array([[1, 1, 0]])).tolist()
[[1.0, 0.0]]
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

INPUTS = ("input_ids", "attention_mask", "token_type_ids")  # those the model's tokenizer gives (MPNet: no token types)
MODEL_FILES = {"float": "model.onnx", "int8": "model_int8.onnx"}
CONFIG = "sentence_bert_config.json"


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit-length mean of the unmasked token vectors (batch x tokens x dims -> batch x dims)."""
    mask = mask[..., None].astype(hidden.dtype)
    vectors = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def export(model_dir: Path, out_dir: Path) -> None:
    """Write ``out_dir/model.onnx``, ``model_int8.onnx`` and the tokenizer files from a
    sentence-transformers model folder. Takes a few seconds; reused until the folder is deleted."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir, attn_implementation="eager").eval()  # masks trace faithfully

    sample = tokenizer(["an example", "a second, longer example"], padding=True, return_tensors="pt")
    inputs = [name for name in INPUTS if name in sample]

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            return self.model(**dict(zip(inputs, tensors))).last_hidden_state

    float_file = out_dir / MODEL_FILES["float"]
    axes = {name: {0: "batch", 1: "tokens"} for name in (*inputs, "last_hidden_state")}
    torch.onnx.export(LastHiddenState(), tuple(sample[n] for n in inputs), str(float_file), input_names=inputs,
                      output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(float_file), str(out_dir / MODEL_FILES["int8"]), weight_type=QuantType.QInt8, per_channel=True)
    tokenizer.save_pretrained(out_dir)
    if (model_dir / CONFIG).exists():  # the model's max_seq_length
        shutil.copy(model_dir / CONFIG, out_dir / CONFIG)
    log.info("exported %s to ONNX (float and int8) in %s", model_dir, out_dir)


def _fingerprint(model_dir: Path) -> str:
    """Names, sizes and times of the model's files: another model (or version) gets its own export."""
    files = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in model_dir.iterdir() if p.is_file())
    return hashlib.sha256(repr(files).encode()).hexdigest()[:12]


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings over the ONNX export (``weights``: float or int8) of a
    sentence-transformers model folder."""

    def __init__(self, model_dir: str | Path, cache_dir: Path, weights: str = "float", batch_size: int = 8):
        import onnxruntime as ort
        from transformers import AutoTokenizer

        model_dir = Path(model_dir)
        out_dir = cache_dir / f"{model_dir.parent.name}-{model_dir.name}-onnx-{_fingerprint(model_dir)}"
        if not out_dir.exists():
            # Exported beside and renamed into place: replicas starting together never read half a file.
            cache_dir.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".export-", dir=cache_dir))
            export(model_dir, staging)
            try:
                staging.rename(out_dir)
            except OSError:  # another process finished first
                shutil.rmtree(staging, ignore_errors=True)
        config = out_dir / CONFIG
        self.max_tokens = json.loads(config.read_text()).get("max_seq_length", 256) if config.exists() else 256
        self.tokenizer = AutoTokenizer.from_pretrained(out_dir)
        self.session = ort.InferenceSession(str(out_dir / MODEL_FILES[weights]), providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.batch_size = batch_size

    def _encode(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="np")
        hidden = self.session.run(None, {name: batch[name].astype(np.int64) for name in self.inputs})[0]
        return mean_pool(hidden, batch["attention_mask"])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out = [self._encode(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.vstack(out).tolist() if out else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()
