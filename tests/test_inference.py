"""Using a trained model: the Python API, `categorize`, `export`, `predict`, and their errors."""

from __future__ import annotations

import json
import shutil

import pytest

from expense_classifier import Categorizer
from expense_classifier.cli import main


def test_categorizer_predicts_categories_with_probabilities(tiny_run):
    categorizer = Categorizer.load(tiny_run / "adapter")
    predictions = categorizer.predict(["Uber ride to airport", "2x whole milk", "Electric bill"], top_k=3)
    assert [p.item for p in predictions] == ["Uber ride to airport", "2x whole milk", "Electric bill"]
    for p in predictions:
        assert p.category in categorizer.id2label.values() and len(p.ranked) == 3
        assert p.ranked[0] == (p.category, p.confidence)
        assert p.ranked[0][1] >= p.ranked[1][1] >= p.ranked[2][1]
    probs = categorizer.probabilities(["Uber ride to airport", "Electric bill"])
    assert probs.sum(1).sub(1).abs().max() < 1e-5


def test_batched_sorted_inference_matches_one_by_one(tiny_run):
    categorizer = Categorizer.load(tiny_run / "adapter")
    texts = ["a", "Uber ride to the airport after the client meeting downtown", "Electric bill", "2x milk"]
    together = categorizer.probabilities(texts)
    alone = [categorizer.probabilities([t])[0] for t in texts]
    for row, single in zip(together, alone, strict=True):
        assert (row - single).abs().max() < 1e-4


def test_adapter_loads_with_peft_alone(tiny_run):
    from peft import AutoPeftModelForSequenceClassification

    meta = json.loads((tiny_run / "adapter" / "expense_classifier.json").read_text())
    model = AutoPeftModelForSequenceClassification.from_pretrained(str(tiny_run / "adapter"),
                                                                   num_labels=len(meta["id2label"]))
    assert model.peft_config["default"].r == 16


def test_categorize_command_prints_a_table_and_writes_json_and_csv(tiny_run, workdir, capsys):
    receipt = workdir / "receipt.txt"
    receipt.write_text("1. Uber ride to client meeting\n2. Electric bill\nTOTAL 54.20\n")
    assert main(["categorize", str(receipt), "--model", str(tiny_run / "adapter"), "--output", "out.json"]) == 0
    table = capsys.readouterr().out
    assert "Uber ride to client meeting" in table and "TOTAL" not in table
    rows = json.loads((workdir / "out.json").read_text())["items"]
    assert [r["item"] for r in rows] == ["Uber ride to client meeting", "Electric bill"]
    assert main(["categorize", str(receipt), "--model", str(tiny_run / "adapter"), "--output", "out.csv",
                 "--top_k", "3"]) == 0
    assert (workdir / "out.csv").read_text().splitlines()[0].startswith("item,category,confidence")


def test_export_merged_loads_without_peft_and_predicts_the_same(tiny_run, workdir):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    assert main(["export", "--model", str(tiny_run / "adapter"), "--merged", str(workdir / "merged")]) == 0
    model = AutoModelForSequenceClassification.from_pretrained(str(workdir / "merged")).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(workdir / "merged"))
    texts = ["Uber ride to airport", "Electric bill"]
    with torch.inference_mode():
        logits = model(**tokenizer(texts, padding=True, return_tensors="pt")).logits
    assert set(model.config.id2label.values()) == set(Categorizer.load(tiny_run / "adapter").id2label.values())
    expected = Categorizer.load(tiny_run / "adapter", bf16=False).probabilities(texts)  # fp32, as exported
    assert (torch.softmax(logits, -1) - expected).abs().max() < 1e-4


def test_predict_subcommand_writes_predictions_next_to_the_run(tiny_run, tiny_distilbert, workdir):
    items = workdir / "items.csv"
    items.write_text("item\nUber ride to airport\nElectric bill\n")
    run_copy = workdir / "run"
    shutil.copytree(tiny_run, run_copy)
    code = main(["predict", "--config", str(run_copy / "config.yaml"), "--data.predict_path", str(items),
                 "--ckpt_path", str(run_copy / "checkpoints" / "last.ckpt"), "--trainer.enable_progress_bar", "false"])
    assert code == 0
    lines = (run_copy / "predictions.csv").read_text().splitlines()
    assert len(lines) == 3 and lines[1].startswith("Uber ride to airport,")
    assert list((run_copy / "predict").glob("events.out.tfevents.*"))  # its logs inside the run
    assert not (workdir / "lightning_logs").exists()  # no stray run directory


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, "no such model directory"),
        (lambda d: d.mkdir(), "incomplete model directory"),
    ],
)
def test_missing_or_incomplete_model_is_one_line_and_exit_2(workdir, capsys, setup, message):
    model = workdir / "model"
    setup(model)
    (workdir / "r.txt").write_text("Electric bill\n")
    assert main(["categorize", str(workdir / "r.txt"), "--model", str(model)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_empty_and_binary_input_are_errors_and_latin1_is_read_with_a_note(tiny_run, workdir, capsys):
    (workdir / "empty.txt").write_text("\n\nTOTAL 0.00\n")
    assert main(["categorize", str(workdir / "empty.txt"), "--model", str(tiny_run / "adapter")]) == 2
    assert "no items found" in capsys.readouterr().err
    (workdir / "latin1.txt").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    assert main(["categorize", str(workdir / "latin1.txt"), "--model", str(tiny_run / "adapter")]) == 0
    captured = capsys.readouterr()
    assert "Café au lait" in captured.out and "latin1.txt: not UTF-8; read as Windows-1252" in captured.err
    (workdir / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01")
    assert main(["categorize", str(workdir / "scan.txt"), "--model", str(tiny_run / "adapter")]) == 2
    assert "a PDF: download the statement as CSV" in capsys.readouterr().err


def test_quantized_categorizer_uses_int8_linears_and_gives_probabilities(tiny_run):
    fp32 = Categorizer.load(tiny_run / "adapter")
    int8 = Categorizer.load(tiny_run / "adapter", quantize=True)
    texts = ["Uber ride to airport", "Electric bill", "2x whole milk"]
    assert any("quantized" in type(m).__module__ for m in int8.model.modules())
    probs = int8.probabilities(texts)
    assert probs.shape == (3, len(fp32.id2label)) and probs.sum(1).sub(1).abs().max() < 1e-4


@pytest.mark.parametrize("architecture", ["bert", "distilbert"])
def test_plain_encoder_gives_transformers_logits(architecture, tiny_distilbert):
    """The bundled BERT and a DistilBERT with random heads, on padded and unpadded batches alike."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from expense_classifier.inference.backbones import bundled_model_path
    from expense_classifier.inference.encoder import build_encoder

    path = bundled_model_path() if architecture == "bert" else str(tiny_distilbert)
    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=8).eval()
    ours = build_encoder(model.config.to_dict(), model.state_dict(), num_labels=8)
    assert ours is not None
    tokenizer = AutoTokenizer.from_pretrained(path)
    batch = tokenizer(["Uber ride to the airport after the meeting", "milk", "Electric bill"], padding=True,
                      return_tensors="pt")
    single = tokenizer(["milk"], return_tensors="pt")
    with torch.inference_mode():
        assert (model(**batch).logits - ours(batch["input_ids"], batch["attention_mask"])).abs().max() < 1e-4
        assert (model(**single).logits - ours(single["input_ids"])).abs().max() < 1e-4


def test_an_architecture_the_encoder_does_not_cover_runs_on_transformers(tiny_run):
    from expense_classifier.inference.encoder import build_encoder

    config = {"model_type": "bert", "hidden_act": "relu", "hidden_size": 32}
    assert build_encoder(config, {}, num_labels=8) is None
    assert build_encoder({"model_type": "roberta"}, {}, num_labels=8) is None
    categorizer = Categorizer.load(tiny_run / "adapter", engine="transformers")
    assert type(categorizer.model).__name__ == "LogitsOnly"
    plain = Categorizer.load(tiny_run / "adapter")
    assert type(plain.model).__name__ == "EncoderClassifier"
    texts = ["Uber ride to airport", "2x whole milk"]
    assert (categorizer.probabilities(texts) - plain.probabilities(texts)).abs().max() < 1e-5


def test_inference_imports_neither_lightning_nor_torchmetrics():
    import subprocess
    import sys

    code = ("import sys, expense_classifier.inference.categorizer, expense_classifier.commands.categorize; "
            "print(sorted(m for m in ('lightning', 'torchmetrics') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-1000:]
    assert result.stdout.strip() == "[]"


def test_checkpoints_hold_only_the_trained_weights_and_reload_onto_the_backbone(tiny_run, tiny_distilbert):
    import torch

    from expense_classifier.training.model import ExpenseClassifier

    checkpoint = torch.load(tiny_run / "checkpoints" / "last.ckpt", weights_only=True)
    meta = json.loads((tiny_run / "adapter" / "expense_classifier.json").read_text())
    model = ExpenseClassifier(backbone=str(tiny_distilbert), id2label=meta["id2label"])
    trained = model.trainable_keys()
    assert set(checkpoint["state_dict"]) == trained
    assert len(trained) < len(model.state_dict()) / 2  # the frozen encoder is not in it
    model.load_trained_state(checkpoint["state_dict"])
    for name, value in checkpoint["state_dict"].items():
        assert torch.equal(model.state_dict()[name], value)


def test_a_checkpoint_of_another_model_is_one_line_and_exit_2(tiny_run, workdir, capsys):
    import torch

    checkpoint = torch.load(tiny_run / "checkpoints" / "last.ckpt", weights_only=True)
    checkpoint["state_dict"] = dict(list(checkpoint["state_dict"].items())[:2])
    torch.save(checkpoint, workdir / "other.ckpt")
    code = main(["test", "--config", str(tiny_run / "config.yaml"), "--ckpt_path", str(workdir / "other.ckpt"),
                 "--trainer.enable_progress_bar", "false"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert "the checkpoint lacks" in err and len(err.splitlines()) == 1


def test_training_and_inference_tokenize_the_same_way(tiny_run):
    """One `encode` for both: a long item is cut the same way, keeping its closing [SEP]."""
    from expense_classifier.inference.tokenization import encode

    categorizer = Categorizer.load(tiny_run / "adapter")
    long_item = " ".join(["groceries"] * 100)
    ids, truncated = encode(categorizer.tokenizer, ["milk", long_item], max_length=16)
    assert truncated == 1 and len(ids[1]) == 16 and ids[1][-1] == categorizer.tokenizer.sep_token_id
    from transformers import AutoTokenizer

    hugging_face = AutoTokenizer.from_pretrained(str(tiny_run / "adapter"))
    assert ids[1] == hugging_face([long_item], truncation=True, max_length=16)["input_ids"][0]
    texts = ["Uber ride to airport", "CAFÉ ÉLAN #12 PARIS", "2x whole milk @ 3.49", "AMZN Mktp US*2K4"]
    assert categorizer.tokenizer(texts)["input_ids"] == hugging_face(texts)["input_ids"]


def test_a_token_budget_cuts_batches_by_padded_tokens_and_changes_no_answer(tiny_run):
    plain = Categorizer.load(tiny_run / "adapter", batch_size=4)
    budgeted = Categorizer.load(tiny_run / "adapter", batch_size=4, batch_tokens=12)
    lengths = [3, 3, 3, 3, 3, 5, 5, 9, 12, 20]
    chunks = budgeted._chunks(list(range(len(lengths))), lengths)
    assert [i for chunk in chunks for i in chunk] == list(range(len(lengths)))
    assert all(len(chunk) <= 4 for chunk in chunks)
    assert all(max(lengths[i] for i in chunk) * len(chunk) <= 12 or len(chunk) == 1 for chunk in chunks)
    assert chunks[:2] == [[0, 1, 2, 3], [4, 5]]
    texts = ["Uber ride to the airport after the client meeting downtown", "milk", "Electric bill", "2x whole milk",
             "Netflix", "Hotel stay in Paris for two nights, breakfast included"]
    assert (plain.probabilities(texts) - budgeted.probabilities(texts)).abs().max() < 1e-5


def test_bf16_inference_is_used_where_the_cpu_has_it_and_agrees_with_fp32(tiny_run, monkeypatch):
    import torch

    from expense_classifier.inference import categorizer as categorizer_module

    texts = ["Uber ride to airport", "Electric bill", "KROGER #0412 COLUMBUS OH", "2x whole milk"]
    monkeypatch.setattr(categorizer_module, "native_bf16", lambda: False)
    fp32 = Categorizer.load(tiny_run / "adapter")
    monkeypatch.setattr(categorizer_module, "native_bf16", lambda: True)
    bf16 = Categorizer.load(tiny_run / "adapter")
    assert {p.dtype for p in fp32.model.parameters()} == {torch.float32}
    assert {p.dtype for p in bf16.model.parameters()} == {torch.bfloat16}
    assert {p.dtype for p in Categorizer.load(tiny_run / "adapter", bf16=False).model.parameters()} == {torch.float32}
    quantized = Categorizer.load(tiny_run / "adapter", quantize=True)  # int8 is never also cast to bf16
    assert torch.bfloat16 not in {p.dtype for p in quantized.model.parameters()}
    assert (fp32.precision, bf16.precision, quantized.precision) == ("float32", "bfloat16", "float32, qint8")
    got, want = bf16.probabilities(texts), fp32.probabilities(texts)
    assert got.dtype == torch.float32 and (got - want).abs().max() < 0.01
