import json

import pytest

from expense_classifier.data.datamodule import ExpenseDataModule, stratified_split
from expense_classifier.data.generator import generate_items
from expense_classifier.data.io import read_records
from expense_classifier.errors import UserInputError


def test_default_split_is_840_180_180_and_balanced():
    train, val, test = stratified_split(generate_items(), 0.15, 0.15, seed=42)
    assert (len(train), len(val), len(test)) == (840, 180, 180)
    for split in (val, test):
        counts = {r["category"]: 0 for r in split}
        for r in split:
            counts[r["category"]] += 1
        assert max(counts.values()) - min(counts.values()) <= 1
    assert not {r["item"] for r in train} & {r["item"] for r in val}


def test_eval_splits_can_be_capped_and_the_rest_trains():
    items = generate_items(2000, seed=4)
    train, val, test = stratified_split(items, 0.15, 0.15, seed=4, max_eval_items=160)
    assert (len(train), len(val), len(test)) == (1680, 160, 160)
    assert {r["category"] for r in val} == {r["category"] for r in items}
    assert stratified_split(items[:400], 0.15, 0.15, seed=4, max_eval_items=160)[1:] == stratified_split(
        items[:400], 0.15, 0.15, seed=4)[1:]  # a small file: 15% is under the cap, nothing changes
    dm = ExpenseDataModule(num_samples=2000, seed=4, max_eval_items=160)
    assert [len(dm.splits[name]) for name in ("train", "val", "test")] == [1680, 160, 160]


def test_json_and_csv_load_with_configurable_columns(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"item": " Uber  ride ", "category": "Transportation"}]))
    (tmp_path / "b.csv").write_text("description,label\nElectric bill,Utilities\n")
    assert read_records(tmp_path / "a.json")[0] == [{"item": "Uber ride", "category": "Transportation"}]
    records, _ = read_records(tmp_path / "b.csv", text_column="description", label_column="label")
    assert records == [{"item": "Electric bill", "category": "Utilities"}]


def test_label_map_is_sorted_and_items_are_pretokenized_unpadded(tiny_distilbert):
    dm = ExpenseDataModule(num_samples=80, batch_size=4, backbone=str(tiny_distilbert))
    assert list(dm.id2label.values()) == sorted(dm.id2label.values())
    dm.setup("fit")
    lengths = {len(ids) for ids in dm.datasets["train"].input_ids}
    assert len(lengths) > 1 and max(lengths) <= 64
    batch = next(iter(dm.train_dataloader()))
    longest = int(batch["attention_mask"].sum(1).max())
    assert batch["input_ids"].shape[1] == longest  # padded to the longest item in this batch only


def test_long_items_are_truncated_and_counted(tiny_distilbert, tmp_path):
    items = generate_items(40, seed=3)
    items[0]["item"] = "receipt " * 200
    path = tmp_path / "long.json"
    path.write_text(json.dumps(items))
    dm = ExpenseDataModule(train_path=path, batch_size=4, max_length=16, backbone=str(tiny_distilbert))
    dm.setup("fit")
    assert max(len(ids) for d in dm.datasets.values() for ids in d.input_ids) <= 16
    assert dm.truncated >= 1


def test_unseen_validation_label_is_an_error(tmp_path, tiny_distilbert):
    (tmp_path / "train.json").write_text(json.dumps(generate_items(40, seed=1)))
    (tmp_path / "val.json").write_text(json.dumps([{"item": "Dog food", "category": "Pets"}]))
    dm = ExpenseDataModule(train_path=tmp_path / "train.json", val_path=tmp_path / "val.json",
                           backbone=str(tiny_distilbert))
    with pytest.raises(UserInputError, match="'Pets' is not in the training data"):
        _ = dm.id2label


def test_cpu_loaders_run_in_process_without_pinned_memory_unless_told(tiny_distilbert):
    auto = ExpenseDataModule(num_samples=80, batch_size=4, backbone=str(tiny_distilbert))
    assert auto.loader_settings() == {"num_workers": 0, "pin_memory": False, "persistent_workers": False}
    chosen = ExpenseDataModule(num_samples=80, batch_size=4, num_workers=2, backbone=str(tiny_distilbert))
    assert chosen.loader_settings() == {"num_workers": 2, "pin_memory": False, "persistent_workers": True}
