"""Lightning callbacks: batch size from RAM, measured precision, system banner and memory log, PNG reports,
the adapter export, prediction files and graceful interrupts. Each publishes what it decided through
`facts()`; they may import `data`, `inference`, `reporting` and the shared top-level modules.
"""
