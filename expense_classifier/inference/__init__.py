"""Inference: the Categorizer, backbone loading, the plain-torch encoder, LoRA merging, tokenization and
temperature calibration. Never imports Lightning (training imports from here, not the reverse); may
import `data.batching` and the shared top-level modules.
"""
