"""Training data: the generator and its catalogue, reading and validating labelled files (io), batching,
and the LightningDataModule; `directory_sources/` holds the merchant directory's hand-written build inputs.
May import `inference` (backbones, tokenization) and the shared top-level modules.
"""
