"""The peft-free LoRA merge used by inference gives what peft's own merge gives."""

from __future__ import annotations

import json
import sys

import pytest
import torch

from expense_classifier.inference.backbones import load_classifier
from expense_classifier.inference.lora_merge import can_merge_by_hand, merge_adapter


def peft_merged(adapter, id2label):  # noqa: ANN001, ANN201
    from peft import PeftModel

    base = load_classifier(json.loads((adapter / "expense_classifier.json").read_text())["backbone"], id2label)
    return PeftModel.from_pretrained(base, str(adapter)).merge_and_unload().eval()


def test_hand_merge_equals_peft_merge_and_unload(tiny_run):
    adapter = tiny_run / "adapter"
    meta = json.loads((adapter / "expense_classifier.json").read_text())
    id2label = {int(k): v for k, v in meta["id2label"].items()}
    assert can_merge_by_hand(adapter)
    ours = merge_adapter(load_classifier(meta["backbone"], id2label), adapter).eval()
    theirs = peft_merged(adapter, id2label)
    for (name, mine), (_, peft_weight) in zip(ours.state_dict().items(), theirs.state_dict().items(), strict=True):
        assert torch.allclose(mine, peft_weight, atol=1e-6), name
    fresh = load_classifier(meta["backbone"], id2label).state_dict()
    changed = [name for name, value in ours.state_dict().items() if not torch.equal(value, fresh[name])]
    assert any("q_lin" in name for name in changed) and any("classifier" in name for name in changed)


def test_options_beyond_plain_lora_go_to_peft(tiny_run, tmp_path):
    import shutil

    adapter = tmp_path / "adapter"
    shutil.copytree(tiny_run / "adapter", adapter)
    config = json.loads((adapter / "adapter_config.json").read_text())
    (adapter / "adapter_config.json").write_text(json.dumps({**config, "use_dora": True}))
    assert not can_merge_by_hand(adapter)


def test_a_key_the_model_lacks_is_an_error(tiny_run, tmp_path):
    import shutil

    from safetensors.torch import load_file, save_file

    adapter = tmp_path / "adapter"
    shutil.copytree(tiny_run / "adapter", adapter)
    state = load_file(str(adapter / "adapter_model.safetensors"))
    state["base_model.model.no_such.weight"] = torch.zeros(2)
    save_file(state, str(adapter / "adapter_model.safetensors"))
    meta = json.loads((adapter / "expense_classifier.json").read_text())
    with pytest.raises(ValueError, match="no_such.weight is not a weight"):
        merge_adapter(load_classifier(meta["backbone"], {int(k): v for k, v in meta["id2label"].items()}), adapter)


def test_categorizer_loads_without_importing_peft(tiny_run):
    import subprocess

    code = ("import sys; from expense_classifier import Categorizer; "
            f"Categorizer.load({str(tiny_run / 'adapter')!r}).predict(['Electric bill']); "
            "assert 'peft' not in sys.modules, 'peft imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
