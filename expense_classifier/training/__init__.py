"""Training: the LightningModule, LightningCLI, the speed-ups under them and the callbacks (`callbacks/`).

Owns everything that imports Lightning. May import `data`, `inference` (backbones, tokenization,
calibration, the encoder's architecture table), `reporting`, `merchants.rules` (a new fit says the rules
stay) and the top-level shared modules; nothing outside `cli` and `commands.learn` imports it.
"""
