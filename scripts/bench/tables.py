"""The benchmark's text (README Performance block), built from its JSON alone."""

from __future__ import annotations

import statistics

from bench.checks import goals, hardware_goals, peer_losses
from bench.compute import training_gflop

MAIN_COLUMNS = [("wall_seconds", "wall time (s)", "{:.1f}"),
                ("seconds_to_final", "time to final held-out acc (s)", "{:.1f}"),
                ("samples_per_s", "train samples/s", "{:.0f}"), ("peak_rss_gb", "peak RSS (GB)", "{:.2f}"),
                ("val_acc", "val acc", "{:.3f}"), ("test_acc", "test acc", "{:.3f}"),
                ("test_f1_macro", "test macro F1", "{:.3f}"), ("adapter_mb", "adapter / model (MB)", "{:.2f}")]
RATIOS = ("wall_seconds", "samples_per_s", "peak_rss_gb")


def cell(value: object, fmt: str = "{}") -> str:
    return "—" if value is None else fmt.format(value)


def heldout_names(results: dict[str, dict]) -> list[str]:
    """Every held-out file any run was scored on, in the order first seen (eval_heldout's order)."""
    names: list[str] = []
    for r in results.values():
        names += [name for name in r.get("heldout", {}) if name not in names]
    return names


def main_table(results: dict[str, dict]) -> str:
    ref = results.get("reference", {})
    head = "| run | epochs | batch | " + " | ".join(title for _, title, _ in MAIN_COLUMNS) + " |"
    lines = [head, "|" + "---|" * (len(MAIN_COLUMNS) + 3)]
    for name, r in results.items():
        cells = []
        for key, _, fmt in MAIN_COLUMNS:
            text = cell(r.get(key), fmt)
            if key in RATIOS and name != "reference" and r.get(key) is not None and ref.get(key):
                text += f" ({r[key] / ref[key]:.2f}x)"
            cells.append(text)
        lines.append(f"| {label(name, r)} | {cell(r.get('epochs'))} | {cell(r.get('batch_size'))} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def label(name: str, r: dict) -> str:
    """The run's name, marked where it is a peer or trained on other data than the benchmark's."""
    suffix = " (peer)" if r.get("kind") == "peer" else ""
    if r.get("same_data") is False:
        suffix += " (other data)"
    return name + suffix


def heldout_table(results: dict[str, dict]) -> str:
    """Accuracy on each held-out file, the best of each column in bold."""
    names = heldout_names(results)
    scored = {name: r for name, r in results.items() if r.get("heldout")}
    best = {f: max(r["heldout"][f]["acc"] for r in scored.values() if f in r["heldout"]) for f in names}
    lines = ["| run | " + " | ".join(f"{f} acc{n_rows(scored, f)}" for f in names) + " |",
             "|---|" + "---|" * len(names)]
    for name, r in scored.items():
        cells = []
        for f in names:
            acc = r["heldout"].get(f, {}).get("acc")
            text = cell(acc, "{:.3f}")
            cells.append(f"**{text}**" if acc is not None and acc >= best[f] - 1e-9 else text)
        lines.append(f"| {label(name, r)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def n_rows(scored: dict[str, dict], name: str) -> str:
    """" (n=64)": the file's rows (unknown in a JSON from before the peers)."""
    n = next(int(r["heldout"][name].get("n", 0)) for r in scored.values() if name in r["heldout"])
    return f" (n={n})" if n else ""


def confidence_table(results: dict[str, dict]) -> str:
    """Per file: the share of rows with confidence ≥ 0.9, the accuracy there, and the ECE."""
    names = heldout_names(results)
    lines = ["| run | " + " | ".join(f"{f}: conf ≥ 0.9 share / acc, ECE" for f in names) + " |",
             "|---|" + "---|" * len(names)]
    for name, r in results.items():
        if not r.get("heldout"):
            continue
        cells = []
        for f in names:
            h = r["heldout"].get(f)
            sure = "—" if h is None else cell(h["sure_acc"], "{:.3f}")  # None: no row that sure
            cells.append("—" if h is None else f"{h['sure_share']:.2f} / {sure}, {h['ece']:.3f}")
        lines.append(f"| {label(name, r)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def time_table(results: dict[str, dict]) -> str:
    """Per file, when the run first reached its final accuracy: seconds from launch, and at which epoch end."""
    names = heldout_names(results)
    lines = ["| run | wall time (s) | " + " | ".join(f"{f}: s to final (acc)" for f in names) + " |",
             "|---|---|" + "---|" * len(names)]
    for name, r in results.items():
        by_file = r.get("seconds_to_final_by_file")
        if not by_file:
            continue
        epoch_at = {point["seconds"]: point["epoch"] for point in r.get("epoch_curve", [])}
        cells = []
        for f in names:
            seconds, acc = by_file.get(f), r["heldout"].get(f, {}).get("acc")
            where = (f", epoch {epoch_at[seconds]} of {r['epochs']}" if seconds in epoch_at
                     else ", end of training" if seconds is not None else "")
            cells.append(f"{cell(seconds, '{:.1f}')} ({cell(acc, '{:.3f}')}{where})")
        lines.append(f"| {label(name, r)} | {r['wall_seconds']:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def epoch_table(results: dict[str, dict]) -> str:
    """Each preset's held-out accuracy at every epoch end, with the seconds from launch."""
    curves = {name: r["epoch_curve"] for name, r in results.items() if r.get("epoch_curve")}
    if not curves:
        return ""
    names = heldout_names(results)
    width = max(len(points) for points in curves.values())
    lines = ["| run | " + " | ".join(f"epoch {i + 1}" for i in range(width)) + " |", "|---|" + "---|" * width]
    for name, points in curves.items():
        cells = [f"{p['seconds']:.1f} s: " + " / ".join(cell(p["heldout"].get(f), "{:.3f}") for f in names)
                 for p in points]
        lines.append(f"| {name} | " + " | ".join(cells + [""] * (width - len(cells))) + " |")
    return "\n".join(lines)


def spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.fmean(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def accuracy_table(accuracy: dict[str, list[dict]]) -> str:
    """Accuracy per preset over training seeds: one seed cannot tell presets 1-2 items of 180 apart."""
    names = heldout_names({f"{name}/{i}": r for name, runs in accuracy.items() for i, r in enumerate(runs)})
    lines = ["| preset | seeds | epochs run | val acc mean (min–max) | test acc mean (min–max) | "
             + " | ".join(f"held-out {f} acc" for f in names) + " |", "|---|---|---|---|---|" + "---|" * len(names)]
    for preset, runs in accuracy.items():
        seeds = ", ".join(str(r["seed"]) for r in runs)
        epochs = ", ".join(str(r["epochs"]) for r in runs)
        held = [spread([r["heldout"][f]["acc"] for r in runs if f in r.get("heldout", {})]) for f in names]
        lines.append(f"| {preset} | {seeds} | {epochs} | {spread([r['val_acc'] for r in runs])} "
                     f"| {spread([r['test_acc'] for r in runs])} | " + " | ".join(held) + " |")
    return "\n".join(lines)


def gflops(value: float) -> str:
    """A rate to two significant digits below 10 (an emulated bf16 multiply is well under 1 GFLOP/s)."""
    return f"{value:.0f}" if value >= 10 else f"{value:.2g}"


def compute_table(results: dict[str, dict], compute: dict) -> str:
    """Useful training FLOPs of real tokens per second of training, against the GEMM peak (LoRA runs only)."""
    dims, mean_tokens, items = compute["dims"], compute["mean_tokens"], compute["train_items"]
    peaks = compute["gemm_gflops"]
    lines = [f"Mean item length {mean_tokens:.1f} tokens; a 2048x2048 matrix multiply reaches "
             f"{gflops(peaks['32-true'])} GFLOP/s in fp32 and {gflops(peaks['bf16-mixed'])} GFLOP/s in bf16"
             f"{' (emulated: no native bf16)' if compute.get('native_bf16') is False else ''} on this CPU "
             "(the practical peak; the runs' matrices are 32x384 by 384x1536 at most).", "",
             "| run | layers trained | precision | real tokens/s | achieved GFLOP/s | share of the GEMM peak |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        if r.get("kind") == "peer":
            continue
        precision = r.get("precision", "32-true")
        achieved = training_gflop(r, dims, mean_tokens, items) / r["train_seconds"]
        tokens = mean_tokens * items * r["epochs"] / r["train_seconds"]
        trained = dims["layers"] - int(r.get("frozen_layers", 0))
        lines.append(f"| {name} | {trained} of {dims['layers']} | {precision} | {tokens:,.0f} | {achieved:.0f} | "
                     f"{achieved / peaks.get(precision, peaks['32-true']):.0%} |")
    return "\n".join(lines)


def peers_line(results: dict[str, dict]) -> str:
    """What the peers were, as run (C chosen, SetFit's steps)."""
    parts = []
    if "frozen_lr" in results:
        parts.append(f"`frozen_lr`: the bundled all-MiniLM-L6-v2 frozen (mean pooling, L2-normalised, as shipped for "
                     f"sentence-transformers) + scikit-learn LogisticRegression, C = {results['frozen_lr']['C']:g} "
                     "chosen on the validation split")
    if "setfit" in results:
        s = results["setfit"]["setfit"]
        iterations = f"{s['num_iterations']} pair iteration{'s' if s['num_iterations'] != 1 else ''}"
        parts.append(f"`setfit`: SetFit on the same encoder, {iterations}, 1 epoch, "
                     f"{s['steps']} steps of {results['setfit']['batch_size']} pairs, its default {s['head']} head")
    if not parts:
        return ""
    return ("Peers, on the same training items (their time to accuracy is the end of their training; "
            "their processes load, train and save, and are scored after): " + "; ".join(parts) + ".")


def report(measured: dict) -> str:
    """The README's Performance text from a benchmark's JSON (`--from-json` rebuilds it without rerunning)."""
    measured = upgrade(measured)
    results, accuracy = measured["results"], measured["accuracy"]
    seed = accuracy[next(iter(accuracy))][0]["seed"] if accuracy else results["reference"].get("seed", "")
    note = f"**{measured['note']}**\n\n" if measured.get("note") else ""
    data = f" Training data: {measured['data']}." if measured.get("data") else ""
    ratios = ("ratios are against the reference run in the same benchmark" if "reference" in results
              else "no reference in this run, so no ratios")
    sections = [
        f"{note}Measured {measured['date']} on {measured['machine']}, no GPU, bundled all-MiniLM-L6-v2, by "
        f"`python scripts/bench_train.py`; {ratios} (training seed {seed}).{data}",
        main_table(results),
        "Time to final held-out acc: seconds from launch until the run's weights first reach their final accuracy "
        "on every held-out file (a preset's epochs are scored from its own checkpoints after the run; the "
        "reference's time is the end of its training, as it is). Train samples/s is the training loop's "
        "throughput, as before.",
        peers_line(results),
        f"On held-out text written apart from the generator (`eval/`, seed {seed}), accuracy:",
        heldout_table(results),
        "Confidence on the same files:",
        confidence_table(results),
        "When each run reached its final held-out accuracy:",
        time_table(results),
    ]
    epochs = epoch_table(results)
    if epochs:
        sections += ["Held-out accuracy at each epoch end (seconds from launch: accuracy per file, in the order "
                     f"{', '.join(heldout_names(results))}):", epochs]
    losses = peer_losses(results, accuracy)
    if losses is not None:
        sections += ["Presets against the peers, every held-out file:", losses]
    sections += [f"Accuracy over training seeds (same data and split):\n\n{accuracy_table(accuracy)}"]
    if measured.get("compute"):
        sections += ["Compute (useful training FLOPs of real tokens per second of training):",
                     compute_table(results, measured["compute"])]
    checked = goals(results, accuracy)
    if checked:
        sections += ["Goals of the open issues (the budgets, and the model alone on held-out text), checked "
                     f"against these numbers:\n\n{checked}"]
    checked = hardware_goals(results, accuracy)
    if checked:
        sections += [f"Goals of the hardware-limit issue (`quick_before`: quick as it was, in this run):\n\n{checked}"]
    return "\n\n".join(section for section in sections if section)


def upgrade(measured: dict) -> dict:
    """A JSON from before the peers (flat `statement_acc` keys, no kinds) read as today's; a partial one's
    presets not yet run left out."""
    def run(name: str, r: dict) -> dict:
        if "heldout" in r:
            return r
        files = [key.removesuffix("_sure_share") for key in r if key.endswith("_sure_share")]
        held = {f: {"n": 0, "acc": r[f"{f}_acc"], "sure_share": r[f"{f}_sure_share"], "sure_acc": r[f"{f}_sure_acc"],
                    "ece": r[f"{f}_ece"]} for f in files}
        return {"kind": "reference" if name == "reference" else "preset", **r, "heldout": held}

    results = {name: run(name, r) for name, r in measured["results"].items()}
    accuracy = {name: [run(name, r) for r in runs] for name, runs in measured["accuracy"].items() if runs}
    return {**measured, "results": results, "accuracy": accuracy}
