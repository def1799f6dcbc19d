"""Training benchmark: this project's presets against the original project's pipeline and against the
shortcuts a user would pick instead (peers), same machine, same training items, one run.

Every run is a separate process, measured the same way: wall time from launch to exit, peak RSS of
the process tree sampled from a thread, training samples/s from the run's own training time, val/test
accuracy and macro F1 on the same split of the same data, the held-out files of eval/ (accuracy, the
share with confidence ≥ 0.9 and its accuracy, ECE), and the time from launch to the final held-out
accuracy. The parts are in scripts/bench/ (its __init__ says which does what).

    python scripts/bench_train.py                    # reference, presets, peers; 3 training seeds
    python scripts/bench_train.py --seeds 42         # one seed
    python scripts/bench_train.py --readme README.md # also rewrite the README's Performance block
    python scripts/bench_train.py --data "--data.num_samples 5000"    # every run on a larger generated set
    python scripts/bench_train.py --data "--data.train_path items.csv"  # or on a file, split as fit splits it
    python scripts/bench_train.py --variants "top3=quick:--model.lora_layers 3"   # extra runs
    python scripts/bench_train.py --variants                                      # without quick_before
    python scripts/bench_train.py --peers                                         # without peers
    python scripts/bench_train.py --presets quick --variants --no-reference       # quick against the peers only
    python scripts/bench_train.py --smoke --json smoke.json   # minutes: every column filled, numbers meaningless

`quick_before`, the quick preset as it was before the hardware-limit work (LoRA on all 6 layers,
3 epochs, fp32, torch's dropout, no padding multiple, evaluation at the training batch size), runs
by default: the speed-ups are measured against it in the same run. The peers need the `bench`
extra (`pip install -e ".[bench]"`).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

from bench.presets import BEFORE, BEFORE_ARGS, parse_variant
from bench.readme import update_readme  # noqa: F401 - bench_learn, bench_inference and bench_serve import it here

from expense_classifier.training.lightning_cli import PRESETS

ENTRY = Path(__file__).resolve()


# --smoke: the defaults it changes (an option given on the command line still wins). The quick preset and both
# peers on a small generated set, SetFit a few steps, one seed, no reference: the plumbing, not the numbers.
SMOKE = {"presets": ["quick"], "variants": [], "no_reference": True, "seeds": [42],
         "data": "--data.num_samples 240", "setfit_iterations": 1, "setfit_max_steps": 20}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from bench.peers import PEERS, SETFIT_ITERATIONS, SETFIT_MAX_STEPS
    from bench.reference import EPOCHS

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true",
                        help="a quick check that every column fills: quick and the peers on 240 generated items, "
                        "SetFit 20 steps, seed 42, no variants, no reference (options given still win); not for "
                        "the README")
    parser.add_argument("--presets", nargs="*", default=list(PRESETS))
    parser.add_argument("--variants", nargs="*", type=parse_variant,
                        default=[parse_variant(f"{BEFORE}=quick:{BEFORE_ARGS}")],
                        help="extra runs, each NAME=PRESET:ARGS, e.g. top3=quick:'--model.lora_layers 3' "
                             f"(default: {BEFORE}, the quick preset as it was)")
    parser.add_argument("--peers", nargs="*", choices=PEERS, default=list(PEERS),
                        help="peers run on the same training items (default: all; none: --peers)")
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the reference (minutes): presets against the peers only, no ratios")
    parser.add_argument("--data", default="", help="--data.* options for every run, as one string, e.g. "
                        "\"--data.num_samples 5000\" (the presets get them; the others get the split they make)")
    parser.add_argument("--seeds", nargs="+", type=int, default=[42, 1, 2],
                        help="training seeds: the first is the measured run; the others add preset accuracy only")
    parser.add_argument("--setfit-iterations", type=int, default=SETFIT_ITERATIONS,
                        help=f"SetFit's num_iterations (default {SETFIT_ITERATIONS})")
    parser.add_argument("--setfit-max-steps", type=int, default=SETFIT_MAX_STEPS,
                        help="cap on SetFit's steps of 16 pairs, for larger training sets "
                             f"(default {SETFIT_MAX_STEPS}; 0: none)")
    parser.add_argument("--json", type=Path, default=Path("bench_train.json"))
    parser.add_argument("--readme", type=Path, help="rewrite the Performance block in this README")
    parser.add_argument("--note", help="a line put first in the text, e.g. that the machine was contended")
    parser.add_argument("--from-json", type=Path, help="rebuild the text (and --readme) from an earlier run's JSON")
    # internal: the measured child processes
    parser.add_argument("--reference-run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--peer-run", nargs=2, metavar=("NAME", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--splits", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=argparse.SUPPRESS)
    if parser.parse_known_args(argv)[0].smoke:
        parser.set_defaults(**SMOKE)
    args = parser.parse_args(argv)
    if args.smoke and args.readme:
        parser.error("--smoke numbers are not for a README (drop --readme)")
    return args


def run_all(args: argparse.Namespace) -> dict:
    """Every run of the benchmark, in a temporary directory; the JSON's content."""
    from bench import data
    from bench.compute import measure_compute
    from bench.peers import check_installed, run_peer
    from bench.presets import run_preset
    from bench.process import machine
    from bench.reference import run_reference

    if args.peers:
        check_installed()
    env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1")}
    options = data.parse_data_options(args.data)
    runs = [(preset, preset, []) for preset in args.presets] + list(args.variants)
    record = data.data_record(runs[0][1] if runs else "quick", options, env)
    splits = data.make_splits(record)
    seed = args.seeds[0]
    print(f"data: {data.describe(record, splits)}", flush=True)
    results: dict[str, dict] = {}
    accuracy = {name: [] for name, _, _ in runs}
    measured = {"date": datetime.date.today().isoformat(), "machine": machine(), "note": args.note,
                "data": data.describe(record, splits), "data_record": record, "results": results,
                "accuracy": accuracy}

    def keep(name: str, result: dict) -> None:
        """Every run's result on disk as soon as it is in: a later failure loses no earlier run."""
        results.setdefault(name, result)
        if name in accuracy:
            accuracy[name].append(result)
        args.json.write_text(json.dumps({**measured, "partial": True}, indent=2))

    with tempfile.TemporaryDirectory(prefix="bench_train_") as tmp:
        work = Path(tmp)
        splits_file = work / "splits.json"
        data.write_splits(splits_file, splits)
        # Cheapest first, so that a broken part shows early; the tables list reference, presets, peers.
        for name, preset, extra in runs:
            keep(name, run_preset(preset, seed, work, env, name=name, extra=extra, data_options=options,
                                  splits=splits, record=record, curve=True))
        for peer in args.peers:
            keep(peer, run_peer(peer, work, splits_file, splits, seed, env, ENTRY, args.setfit_iterations,
                                args.setfit_max_steps or None))
        if not args.no_reference:
            keep("reference", run_reference(work, splits_file, seed, env, ENTRY))
            measured["results"] = results = {"reference": results["reference"], **results}
        # Beside the timed runs, before the extra seeds: a run stopped during those still has it.
        measured["compute"] = measure_compute(splits["train"])
        for other in args.seeds[1:]:
            for name, preset, extra in runs:
                keep(name, run_preset(preset, other, work, env, name=name, extra=extra, data_options=options,
                                      splits=splits, record=record, curve=False))
    return measured


def main() -> None:
    args = parse_args()
    if args.reference_run:  # the measured child processes import only what they train with
        from bench.reference import train_reference

        train_reference(args.reference_run, args.splits, args.epochs, seed=args.seeds[0])
        return
    if args.peer_run:
        from bench.peers import train_peer

        name, out = args.peer_run
        train_peer(name, Path(out), args.splits, args.seeds[0], args.setfit_iterations, args.setfit_max_steps or None)
        return

    from bench.tables import report

    if args.from_json:
        measured = json.loads(args.from_json.read_text())
        if "compute" not in measured:  # from before the compute facts were stored, or partial: measured now
            from bench.compute import measure_compute
            from bench.data import make_splits

            record = measured.get("data_record", {"num_samples": 1200, "seed": 42})
            measured["compute"] = measure_compute(make_splits(record)["train"])
        if args.note:
            measured["note"] = args.note
    else:
        measured = run_all(args)
        args.json.write_text(json.dumps(measured, indent=2))
    text = report(measured)
    print(f"\n{text}\n")
    if not args.from_json:
        print(f"written: {args.json}")
    if args.readme:
        update_readme(args.readme, text)
        print(f"updated: {args.readme}")


if __name__ == "__main__":
    sys.exit(main())
