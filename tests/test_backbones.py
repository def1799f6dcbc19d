import threading

import pytest

from expense_classifier.errors import UserInputError
from expense_classifier.inference import backbones
from expense_classifier.inference.backbones import DEFAULT_BACKBONE, resolve_backbone


@pytest.fixture(autouse=True)
def fresh_cache():
    resolve_backbone.cache_clear()
    yield
    resolve_backbone.cache_clear()


def test_default_falls_back_to_bundled_model_offline_without_touching_the_network(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(backbones.socket, "create_connection",
                        lambda *args, **kwargs: pytest.fail("offline, yet the hub was probed"))
    backbone = resolve_backbone(DEFAULT_BACKBONE)
    assert backbone.source == "bundled" and backbone.display_name == "all-MiniLM-L6-v2"


def test_a_hanging_hub_is_decided_by_a_bounded_probe(monkeypatch):
    """The answer comes while the connection attempt is still hanging: the probe does not wait for it."""
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(backbones, "_in_hf_cache", lambda name: False)
    monkeypatch.setattr(backbones, "PROBE_TIMEOUT_S", 0.2)
    release, finished = threading.Event(), threading.Event()

    def hang(*args: object, **kwargs: object) -> None:  # a DNS lookup that never answers
        release.wait(60)
        finished.set()
        raise OSError("timed out")

    monkeypatch.setattr(backbones.socket, "create_connection", hang)
    try:
        assert resolve_backbone(DEFAULT_BACKBONE).source == "bundled"
        assert not finished.is_set()
    finally:
        release.set()


def test_an_explicit_backbone_that_cannot_be_found_is_an_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(UserInputError, match="not a local directory"):
        resolve_backbone("someone/no-such-model")


def test_local_directory_is_used_as_is(tiny_distilbert):
    backbone = resolve_backbone(str(tiny_distilbert))
    assert backbone.source == "local" and backbone.path == str(tiny_distilbert)


def test_a_refused_hub_connection_falls_back(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(backbones, "_in_hf_cache", lambda name: False)
    monkeypatch.setenv("HF_ENDPOINT", "https://127.0.0.1:9")  # nothing listens on loopback port 9
    assert resolve_backbone(DEFAULT_BACKBONE).source == "bundled"
