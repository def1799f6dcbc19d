"""The training benchmark's parts (`python scripts/bench_train.py` runs them; nothing here is the package).

Measuring, one module a kind of run, each a separate process measured the same way:
    process.py    wall time and peak RSS of a child process tree; the machine's description
    reference.py  the original project's pipeline (Hugging Face Trainer), written from its guide
    presets.py    this project's presets through the real CLI, and their held-out accuracy at each epoch end
    compute.py    what a large matrix multiply reaches on this CPU, and the FLOPs model of a run

Reporting, from the benchmark's JSON only (so `--from-json` rebuilds it without running anything):
    tables.py     the README's tables and the text around them
    checks.py     the issues' goals, checked against the numbers
    readme.py     rewriting a marked block of a README

Shared: data.py (the one split every run sees), scoring.py (test-split metrics).
"""
