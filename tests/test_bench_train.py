"""scripts/bench_train.py's parts: time to accuracy, the peer comparison, the report, the data it hands out.

The benchmark itself is run by hand (minutes); these check the code that turns its runs into numbers.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench.checks import goals, peer_losses  # noqa: E402
from bench.data import absolute_paths  # noqa: E402
from bench.scoring import heldout, time_to_final  # noqa: E402
from bench.tables import compute_table, report  # noqa: E402
from eval_heldout import heldout_files  # noqa: E402


def held(**accs: float) -> dict[str, dict[str, float]]:
    return {name: {"n": 64, "acc": acc, "sure_share": 0.5, "sure_acc": 0.9, "ece": 0.05} for name, acc in accs.items()}


def run(kind: str, **accs: float) -> dict:
    return {"kind": kind, "wall_seconds": 10.0, "peak_rss_gb": 1.0, "samples_per_s": 100.0 if kind != "peer" else None,
            "epochs": 4 if kind == "preset" else None, "batch_size": 32, "val_acc": 0.8, "test_acc": 0.8,
            "test_f1_macro": 0.8, "adapter_mb": 1.0, "train_seconds": 5.0, "seed": 42, "heldout": held(**accs),
            "seconds_to_final": 8.0, "seconds_to_final_by_file": dict.fromkeys(accs, 8.0)}


def test_time_to_final_is_the_first_epoch_at_the_final_accuracy():
    curve = [{"epoch": 1, "seconds": 5.0, "heldout": {"a": 0.50, "b": 0.90}},
             {"epoch": 2, "seconds": 7.0, "heldout": {"a": 0.70, "b": 0.80}},
             {"epoch": 3, "seconds": 9.0, "heldout": {"a": 0.75, "b": 0.85}}]
    final = {"a": {"n": 64, "acc": 0.70}, "b": {"n": 64, "acc": 0.85}, "c": {"n": 64, "acc": 0.5}}
    assert time_to_final(curve, final) == {"a": 7.0, "b": 5.0, "c": None}


def test_every_loss_of_a_preset_to_a_peer_gets_a_line():
    results = {"reference": run("reference", statement=0.2, phrasing=0.2), "quick": run("preset", statement=0.7,
               phrasing=0.89), "frozen_lr": run("peer", statement=0.66, phrasing=0.96),
               "setfit": run("peer", statement=0.73, phrasing=0.88)}
    lines = peer_losses(results, {"quick": [results["quick"]]}).splitlines()
    assert lines == ["- quick loses to frozen_lr on phrasing: 0.890 vs 0.960",
                     "- quick loses to setfit on statement: 0.700 vs 0.730",
                     "- 2 of 4 comparisons not lost"]


def test_a_preset_over_seeds_is_compared_by_its_mean():
    results = {"quick": run("preset", phrasing=0.90), "frozen_lr": run("peer", phrasing=0.92)}
    accuracy = {"quick": [results["quick"], run("preset", phrasing=0.96)]}
    assert peer_losses(results, accuracy) == "- no preset loses to a peer on any held-out file (1 comparisons)"
    assert peer_losses({"quick": results["quick"]}, accuracy) is None  # no peers, no section


def test_the_goals_are_the_open_issues_budgets_and_the_model_alone_on_held_out_text():
    files = {"statement": 0.7, "phrasing": 0.97, "local": 0.94, "uk_current": 0.86, "us_card": 0.84}
    results = {"reference": {**run("reference", **files), "samples_per_s": 10.0},
               **{name: run("preset", **files) for name in ("quick", "standard", "full")}}
    results["quick"]["wall_seconds"], results["full"]["wall_seconds"] = 95.0, 400.0
    accuracy = {name: [results[name]] for name in ("quick", "standard", "full")}
    lines = goals(results, accuracy).splitlines()
    assert "- NOT met: quick whole process ≤ 90 s: 95.0 s" in lines
    assert "- met: full whole process ≤ 900 s: 400.0 s" in lines
    assert "- met: a preset at ≥ 10x the reference's train samples/s: quick 10.00x" in lines
    assert "- NOT met: quick on local businesses ≥ 0.95: 0.940" in lines
    assert "- met: quick on natural phrasing ≥ 0.97: 0.970" in lines
    assert "- NOT met: quick on each bank export's spending rows ≥ 0.85: uk_current 0.860, us_card 0.840" in lines
    assert "- NOT met: quick is the fastest: quick 95.0 s, standard 10.0 s, full 400.0 s" in lines
    assert goals({"quick": results["quick"]}, {"quick": accuracy["quick"]}) == ""  # not a whole benchmark


def test_the_compute_line_says_bf16_is_emulated_only_where_the_cpu_said_so():
    compute = {"dims": {"hidden": 384, "intermediate": 1536, "layers": 6}, "mean_tokens": 11.0, "train_items": 8800,
               "gemm_gflops": {"32-true": 183.4, "bf16-mixed": 0.2812}}
    assert "183 GFLOP/s in fp32 and 0.28 GFLOP/s in bf16 (emulated: no native bf16) on this CPU" in compute_table(
        {}, {**compute, "native_bf16": False})
    for known in (True, None):  # native, or a JSON from before the flag was stored: no claim either way
        assert "0.28 GFLOP/s in bf16 on this CPU" in compute_table({}, {**compute, "native_bf16": known})


def test_the_report_shows_peers_beside_presets_on_every_file():
    results = {"reference": run("reference", statement=0.2, phrasing=0.2, local=0.1),
               "quick": run("preset", statement=0.7, phrasing=0.89, local=0.8),
               "frozen_lr": {**run("peer", statement=0.66, phrasing=0.96, local=0.84), "C": 10.0}}
    results["quick"]["epoch_curve"] = [{"epoch": 4, "seconds": 8.0, "heldout": {"statement": 0.7}}]
    text = report({"date": "2026-12-01", "machine": "2 cores", "note": "contended", "results": results,
                   "accuracy": {"quick": [results["quick"]]}})
    assert text.startswith("**contended**")
    assert "| frozen_lr (peer) |" in text and "C = 10 chosen on the validation split" in text
    assert "local acc (n=64)" in text and "**0.960**" in text  # the best of a column in bold
    assert "- quick loses to frozen_lr on phrasing: 0.890 vs 0.960" in text
    assert "8.0 (0.700, epoch 4 of 4)" in text  # when quick reached its final statement accuracy


def test_a_json_from_before_the_peers_still_makes_the_report():
    old = {"wall_seconds": 13.7, "peak_rss_gb": 0.86, "samples_per_s": 467, "epochs": 4, "batch_size": 32,
           "val_acc": 0.878, "test_acc": 0.833, "test_f1_macro": 0.832, "adapter_mb": 0.95, "seed": 42,
           "statement_acc": 0.701, "statement_sure_share": 0.51, "statement_sure_acc": 0.946, "statement_ece": 0.105}
    reference = {**old, "statement_acc": 0.2}
    text = report({"date": "2026-11-25", "machine": "2 cores", "results": {"reference": reference, "quick": old},
                   "accuracy": {"quick": [old]}})
    assert "| reference | 0.200 |" in text and "| quick | **0.701** |" in text


SPENDING = ("Education", "Entertainment", "Food", "Healthcare", "Housing", "Shopping", "Transportation", "Utilities")


def fake_peer(confidence: float):  # noqa: ANN201 - a PeerModel
    """A peer that puts `confidence` on a category picked by the text's length: scored like any model, no training."""
    import numpy as np
    from bench.peers import PeerModel

    def predict_proba(texts: list[str]) -> np.ndarray:
        probs = np.full((len(texts), len(SPENDING)), (1 - confidence) / (len(SPENDING) - 1))
        probs[np.arange(len(texts)), [len(text) % len(SPENDING) for text in texts]] = confidence
        return probs

    return PeerModel(predict_proba, dict(enumerate(SPENDING)))


def spending_rows(path: Path) -> int:
    """Rows of a labelled export that are spending, counted with the csv module (not the reader under test)."""
    import csv

    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), dialect=csv.Sniffer().sniff(text[:4096], delimiters=",;")))
    return sum(row["expected_category"] not in ("Income", "Transfer") for row in rows)


def test_every_run_is_scored_on_every_real_shaped_file_too():
    import json

    files = heldout_files()
    exports = sorted(path.stem for path in (files["statement"].parent / "exports").glob("*.csv"))
    assert list(files) == ["statement", "phrasing", "local", *exports] and len(exports) == 4
    scores = heldout(fake_peer(0.95))
    assert list(scores) == list(files)
    for name in exports:  # an export's spending rows, every one of them
        assert scores[name]["n"] == spending_rows(files[name]), name
        assert scores[name]["sure_share"] == 1.0 and 0.0 <= scores[name]["acc"] <= 1.0
    unsure = heldout(fake_peer(0.5))
    assert all(r["sure_share"] == 0.0 and r["sure_acc"] is None for r in unsure.values())
    json.dumps(unsure, allow_nan=False)  # no NaN in the benchmark's JSON


def test_a_peer_is_scored_on_the_exports_money_in_rows_as_a_categorizer_is():
    from eval_heldout import evaluate_exports

    results = evaluate_exports(fake_peer(0.95))
    money_in = results["us_checking"]["money_in"]
    assert money_in["n"] > 0 and money_in["in_expense_category"] == money_in["n"]  # it has no money-in category
    assert sum(money_in["predicted"].values()) == money_in["n"]


def test_the_report_compares_presets_and_peers_on_the_exports():
    results = {"quick": run("preset", local=0.8, us_card=0.7, de_girokonto=0.5),
               "setfit": {**run("peer", local=0.7, us_card=0.75, de_girokonto=0.5),
                          "setfit": {"num_iterations": 1, "steps": 20, "head": "LogisticRegression"}}}
    results["setfit"]["heldout"]["us_card"]["sure_acc"] = None  # no row that sure
    text = report({"date": "2026-12-02", "machine": "2 cores", "results": results,
                   "accuracy": {"quick": [results["quick"]]}})
    assert "- quick loses to setfit on us_card: 0.700 vs 0.750" in text
    assert "- 2 of 3 comparisons not lost" in text
    assert "| setfit (peer) | 0.50 / 0.900, 0.050 | 0.50 / —, 0.050 |" in text
    assert "us_card: s to final (acc)" in text and "20 steps of 32 pairs" in text


def test_smoke_is_a_small_run_whose_given_options_still_win():
    from bench_train import parse_args

    smoke = parse_args(["--smoke"])
    assert (smoke.presets, smoke.variants, smoke.no_reference, smoke.seeds) == (["quick"], [], True, [42])
    assert smoke.data == "--data.num_samples 240" and smoke.setfit_max_steps == 20
    assert smoke.peers == ["frozen_lr", "setfit"]
    mine = parse_args(["--smoke", "--seeds", "7", "--data", "--data.num_samples 96", "--peers", "frozen_lr"])
    assert (mine.seeds, mine.data, mine.peers) == ([7], "--data.num_samples 96", ["frozen_lr"])
    assert parse_args([]).presets == ["quick", "standard", "full"] and not parse_args([]).no_reference
    with pytest.raises(SystemExit):
        parse_args(["--smoke", "--readme", "README.md"])


def test_data_paths_are_made_absolute_for_runs_in_their_own_directories(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    options = absolute_paths(["--data.train_path", "items.csv", "--data.val_path=v.csv", "--data.num_samples", "9"])
    assert options == ["--data.train_path", str(tmp_path / "items.csv"), f"--data.val_path={tmp_path / 'v.csv'}",
                       "--data.num_samples", "9"]


def test_heldout_scores_a_model_on_every_file_eval_heldout_lists(tiny_run):
    from bench.presets import heldout_by_epoch

    from expense_classifier import Categorizer

    final = heldout(Categorizer.load(tiny_run / "adapter"))
    assert set(final) == set(heldout_files())
    points = heldout_by_epoch(tiny_run, started_unix=0.0)
    assert [p["epoch"] for p in points] == [1, 2]  # both epochs' checkpoints kept (top 2 of 2)
    assert points[0]["seconds"] <= points[1]["seconds"]
    # The adapter is one epoch's weights: that epoch's point has its accuracy on every file.
    assert any(all(abs(p["heldout"][f] - final[f]["acc"]) <= 0.5 / final[f]["n"] for f in final) for p in points)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None or importlib.util.find_spec("setfit") is None,
                    reason="the peers need the bench extra")
@pytest.mark.parametrize("name", ["frozen_lr", "setfit"])
def test_a_peer_trains_saves_and_answers_like_a_categorizer(tmp_path, name):
    from bench.data import make_splits, write_splits
    from bench.peers import load_peer, train_peer

    splits = make_splits({"num_samples": 64, "seed": 3})
    write_splits(tmp_path / "splits.json", splits)
    train_peer(name, tmp_path, tmp_path / "splits.json", seed=1, iterations=1, max_steps=2)
    model = load_peer(name, tmp_path)
    assert sorted(model.id2label.values()) == sorted({r["category"] for r in splits["train"]})
    probs = model.probabilities(["Uber ride to airport", "2x whole milk"])
    assert probs.shape == (2, len(model.id2label))
    assert probs.sum(-1).allclose(probs.new_ones(2), atol=1e-4)


@pytest.mark.slow
def test_the_reference_trains_and_is_scored_on_eval(tmp_path):
    import json

    from bench.data import make_splits, write_splits
    from bench.reference import reference_model, train_reference

    write_splits(tmp_path / "splits.json", make_splits({"num_samples": 64, "seed": 3}))
    train_reference(tmp_path, tmp_path / "splits.json", epochs=1, seed=1)
    report = json.loads((tmp_path / "metrics.json").read_text())
    assert {"val_acc", "test_acc", "trained_unix", "samples_per_s"} <= report.keys()
    assert set(heldout(reference_model(tmp_path, report))) == set(heldout_files())


def test_eval_heldout_prints_the_exports_once_in_their_own_table(tiny_run, tmp_path, monkeypatch, capsys):
    import json

    import eval_heldout

    out = tmp_path / "heldout.json"
    monkeypatch.setattr(sys, "argv", ["eval_heldout.py", str(tiny_run / "adapter"), "--json", str(out)])
    eval_heldout.main()
    written = json.loads(out.read_text())
    assert list(written["heldout"]) == ["statement", "phrasing"]  # the first table: the two line files
    assert {"local", "us_card", "exports (all)"} <= written["exports"].keys()  # the second, with money in
    assert capsys.readouterr().out.count("\nus_card ") == 1


def test_eval_lookup_table_has_a_row_per_file_and_each_sources_accuracy():
    import eval_lookup

    def scores(acc: float, sources: dict[str, int], source_acc: dict[str, float]) -> dict[str, object]:
        return {"n": 10, "acc": acc, "spending_n": 8, "spending_acc": acc, "sure_share": 0.5, "sure_acc": None,
                "ece": 0.1, "money_in_n": 2, "money_in_in_expense_category": 0, "clean_merchant": 0.9,
                "sources": sources, "source_acc": source_acc}

    results = {name: {"lookup": scores(0.9, {"directory": 6, "model": 4}, {"directory": 1.0, "model": 0.75}),
                      "model_only": scores(0.6, {"model": 10}, {"model": 0.6})}
               for name in ("us_card", "exports (all)")}
    table = eval_lookup.markdown(results, Path("lightning_logs/version_3/adapter")).splitlines()
    rows = [line for line in table if line.startswith("| `") or line.startswith("| **")]
    assert [row.split("|")[1].strip() for row in rows] == ["`us_card`", "**exports (all)**"]
    assert "| 0.900 | 0.600 / 0.600 | 0.50 / — |" in rows[0]
    assert rows[0].rstrip(" |").endswith("directory 6 (1.00), model 4 (0.75)")
    assert "version_3" in table[0]
