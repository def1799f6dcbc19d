"""Checks printed with the numbers: presets against the peers, and the issues' goals."""

from __future__ import annotations

import statistics

from bench.presets import BEFORE


def presets_of(results: dict[str, dict]) -> list[str]:
    return [name for name, r in results.items() if r.get("kind", "preset") == "preset" and name != "reference"]


def peer_losses(results: dict[str, dict], accuracy: dict[str, list[dict]]) -> str | None:
    """One line per (preset, peer, held-out file) where the preset is less accurate; None without peers.

    A preset run over several seeds is compared by its mean (one seed moves phrasing by a few rows);
    a peer ran once. A run on other data than the benchmark's says so.
    """
    peers = [name for name, r in results.items() if r.get("kind") == "peer"]
    if not peers:
        return None
    lines, compared = [], 0
    for preset in presets_of(results):
        runs = accuracy.get(preset, [results[preset]])
        how = f" (mean of {len(runs)} seeds)" if len(runs) > 1 else ""
        other = " (trained on other data)" if results[preset].get("same_data") is False else ""
        for peer in peers:
            for name, held in results[peer]["heldout"].items():
                mine = [r["heldout"][name]["acc"] for r in runs if name in r.get("heldout", {})]
                if not mine:
                    continue
                compared += 1
                acc = statistics.fmean(mine)
                if acc < held["acc"] - 1e-9:
                    lines.append(f"- {preset}{how} loses to {peer} on {name}: {acc:.3f} vs {held['acc']:.3f}{other}")
    if not lines:
        return f"- no preset loses to a peer on any held-out file ({compared} comparisons)"
    return "\n".join(lines + [f"- {compared - len(lines)} of {compared} comparisons not lost"])


def mean_of(accuracy: dict[str, list[dict]], name: str, file: str) -> float:
    return statistics.fmean(r["heldout"][file]["acc"] for r in accuracy[name])


BUDGET_S = {"quick": 90, "standard": 300, "full": 900}  # whole process, this machine (issue #21)


def goals(results: dict[str, dict], accuracy: dict[str, list[dict]]) -> str:
    """The open issues' goals for the model alone and the presets' budgets, each checked against the numbers above.

    Accuracy is the mean over the training seeds; the budgets are the measured (first-seed) run's.
    """
    if (not {"quick", "standard", "full"} <= accuracy.keys() or "reference" not in results
            or "statement" not in results["quick"]["heldout"]):
        return ""
    ref, presets = results["reference"], presets_of(results)
    mean_test = {name: statistics.fmean(r["test_acc"] for r in runs) for name, runs in accuracy.items()}
    fastest = max(presets, key=lambda name: results[name]["samples_per_s"])
    from eval_heldout import export_files  # scripts/eval_heldout.py: the one list of held-out files

    quick = results["quick"]
    local, phrasing = mean_of(accuracy, "quick", "local"), mean_of(accuracy, "quick", "phrasing")
    exports = [file for file in export_files() if file in quick["heldout"]]
    checks = [(results[name]["wall_seconds"] <= budget, f"{name} whole process ≤ {budget} s: "
                                                         f"{results[name]['wall_seconds']:.1f} s")
              for name, budget in BUDGET_S.items()]
    checks += [
        (quick["peak_rss_gb"] <= 2.0, f"quick peak RSS ≤ 2 GB: {quick['peak_rss_gb']:.2f} GB"),
        (results[fastest]["samples_per_s"] >= 10 * ref["samples_per_s"],
         f"a preset at ≥ 10x the reference's train samples/s: {fastest} "
         f"{results[fastest]['samples_per_s'] / ref['samples_per_s']:.2f}x"),
        (local >= 0.95, f"quick on local businesses ≥ 0.95: {local:.3f}"),
        (phrasing >= 0.97, f"quick on natural phrasing ≥ 0.97: {phrasing:.3f}"),
    ]
    if exports:
        by_file = {file: mean_of(accuracy, "quick", file) for file in exports}
        checks.append((min(by_file.values()) >= 0.85, "quick on each bank export's spending rows ≥ 0.85: "
                       + ", ".join(f"{file} {acc:.3f}" for file, acc in by_file.items())))
    checks += [
        (max(mean_test, key=mean_test.get) == "full",
         "full has the best mean test acc: " + ", ".join(f"{k} {v:.3f}" for k, v in mean_test.items())),
        (min(presets, key=lambda name: results[name]["wall_seconds"]) == "quick",
         "quick is the fastest: " + ", ".join(f"{name} {results[name]['wall_seconds']:.1f} s" for name in presets)),
    ]
    return "\n".join(f"- {'met' if ok else 'NOT met'}: {text}" for ok, text in checks)


def hardware_goals(results: dict[str, dict], accuracy: dict[str, list[dict]]) -> str:
    """The hardware-limit issue's goals: quick against quick as it was (`quick_before`), same run."""
    if BEFORE not in results or "quick" not in results:
        return ""
    quick, before = results["quick"], results[BEFORE]
    test = [statistics.fmean(r["test_acc"] for r in accuracy[name]) for name in ("quick", BEFORE)]
    checks = [(test[0] - test[1] >= -0.01, f"quick test accuracy within 1 point of before (mean over seeds): "
                                           f"{test[0]:.3f} vs {test[1]:.3f} ({100 * (test[0] - test[1]):+.1f})")]
    for file in quick["heldout"]:
        mine, theirs = mean_of(accuracy, "quick", file), mean_of(accuracy, BEFORE, file)
        checks.append((mine - theirs >= -0.01, f"quick held-out {file} accuracy within 1 point of before (mean over "
                                               f"seeds): {mine:.3f} vs {theirs:.3f} ({100 * (mine - theirs):+.1f})"))
    checks += [(quick["wall_seconds"] <= before["wall_seconds"], f"quick whole process not above before: "
                f"{quick['wall_seconds']:.1f} vs {before['wall_seconds']:.1f} s"),
               (quick["peak_rss_gb"] <= before["peak_rss_gb"],
                f"quick peak RSS not above before: {quick['peak_rss_gb']:.2f} vs {before['peak_rss_gb']:.2f} GB")]
    return "\n".join(f"- {'met' if ok else 'NOT met'}: {text}" for ok, text in checks)
