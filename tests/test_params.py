from pathlib import Path

import pytest
import yaml

from statlib.errors import ParamsError
from statlib.params import load_domain, run_params

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, name: str, change) -> Path:
    data = yaml.safe_load((ROOT / "params" / "public_safety.yaml").read_text())
    change(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_the_demo_params_load_typed_and_frozen():
    params = load_domain(ROOT / "params" / "public_safety.yaml")
    assert params.frequency == "week" and params.week_end == "SUN"
    assert params.directions["robbery"] == "decrease"
    assert params.metric("murder").label("zh") == "谋杀"
    with pytest.raises(ValueError):
        params.top_n = 3  # frozen


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(colour="blue"), "colour: Extra inputs are not permitted"),
        (lambda d: d["metrics"][0].update(direction="up"), "direction 'up' must be one of"),
        (lambda d: d.update(frequency="daily"), "frequency"),
        (lambda d: d["metrics"].append(dict(d["metrics"][0])), "repeated: murder"),
        (lambda d: d["metrics"][0].update(key="Murder!"), "metrics.0.key"),
        (lambda d: d["spc"].update(shift_length=9), "spc.shift_length"),
        (lambda d: d.update(week_end="SUNDAY"), "week_end"),
        (lambda d: d["units"].update(boundaries="../../etc/passwd"), "units.boundaries"),
        (lambda d: d["units"].update(boundaries="/etc/passwd"), "relative path under data/"),
    ],
)
def test_bad_params_fail_fast_naming_the_key(tmp_path, change, message):
    path = write(tmp_path, "public_safety", change)
    with pytest.raises(ParamsError, match=message) as caught:
        load_domain(path)
    assert str(path) in str(caught.value)


def test_file_name_must_match_the_domain_and_yaml_must_parse(tmp_path):
    with pytest.raises(ParamsError, match="must match the file name"):
        load_domain(write(tmp_path, "sanitation", lambda d: None))
    broken = tmp_path / "broken.yaml"
    broken.write_text("domain: [unclosed")
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_domain(broken)
    with pytest.raises(ParamsError, match="no parameter file"):
        load_domain(tmp_path / "absent.yaml")


def test_run_params_reject_an_unknown_language():
    assert run_params("public_safety", "2026-W33", "zh").lang == "zh"
    with pytest.raises(ParamsError, match="lang 'fr' must be one of en, zh"):
        run_params("public_safety", "latest", "fr")
