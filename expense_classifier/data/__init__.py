"""Training data: the generator and its catalogue, reading and validating labelled files (io), batching,
and the LightningDataModule. May import `inference` (backbones, tokenization) and the shared top-level modules.
"""
