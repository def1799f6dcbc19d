"""Boolean options of the commands work as the README types them: bare (`--quantize`) and as `--x true/false`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from expense_classifier.cli import main
from expense_classifier.commands.categorize import categorize
from expense_classifier.commands.options import function_parser, switches
from expense_classifier.inference.categorizer import Categorizer
from expense_classifier.serving.server import serve

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(("argv", "quantize", "receipts"), [
    (["receipt.txt", "--quantize"], True, ["receipt.txt"]),  # as the README types it
    (["--quantize", "receipt.txt"], True, ["receipt.txt"]),  # a file after the switch is not its value
    (["receipt.txt", "--quantize", "true"], True, ["receipt.txt"]),
    (["receipt.txt", "--quantize", "false"], False, ["receipt.txt"]),
    (["receipt.txt", "--quantize=false"], False, ["receipt.txt"]),
    (["receipt.txt"], False, ["receipt.txt"]),
])
def test_categorize_quantize_bare_or_with_a_value(argv, quantize, receipts):
    args = function_parser(categorize, "receipts").parse_args(argv)
    assert (args.quantize, args.receipts) == (quantize, receipts)


@pytest.mark.parametrize(("argv", "expected"), [(["--log_requests"], True), (["--log_requests", "true"], True),
                                                (["--log_requests", "false"], False), ([], False),
                                                (["--log_requests", "--port", "8080"], True)])
def test_serve_log_requests_bare_or_with_a_value(argv, expected):
    assert function_parser(serve).parse_args(argv).log_requests is expected


def test_only_boolean_parameters_are_switches():
    assert switches(categorize) == {"--quantize", "--model_only", "--quiet"}
    assert switches(serve) == {"--log_requests", "--model_only"}


def test_a_wrong_value_after_a_switch_is_still_an_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        function_parser(categorize, "receipts").parse_args(["receipt.txt", "--top_k", "many", "--quantize"])
    assert exit_info.value.code == 2
    assert "top_k" in capsys.readouterr().err


def test_categorize_the_pos_receipt_with_bare_quantize_uses_int8(tiny_run, workdir, capsys, monkeypatch):
    shutil.copytree(tiny_run, workdir / "lightning_logs" / "version_0")  # the newest run's adapter, as for a user
    loaded = []
    load = Categorizer.load.__func__

    def recording_load(cls, *args, **kwargs):  # noqa: ANN001, ANN202
        loaded.append(load(cls, *args, **kwargs))
        return loaded[-1]

    monkeypatch.setattr(Categorizer, "load", classmethod(recording_load))
    assert main(["categorize", str(EXAMPLES / "pos_receipt.txt"), "--quantize"]) == 0
    assert any("quantized" in type(m).__module__ for m in loaded[0].model.modules())  # int8 linears
    out = capsys.readouterr().out
    for item in ("GV WHOLE MILK", "BANANAS", "LIMES", "BEER", "RUGS", "USB CABLE"):
        assert item in out
    assert "45.43" in out  # the six items' spending, the receipt's subtotal
