"""Training data: the generator, its catalogue, the directory brands it draws (brands) and their kinds' wording,
reading and validating labelled files (io), batching, and the LightningDataModule; `directory_sources/` holds
the merchant directory's hand-written build inputs. May import `inference` (backbones, tokenization),
`merchants` (keys, the shipped directory) and the shared top-level modules.
"""
